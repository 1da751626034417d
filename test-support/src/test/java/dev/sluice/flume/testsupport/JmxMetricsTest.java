/*
 * Copyright 2026 The Sluice Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.sluice.flume.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JmxMetricsTest {

  @Test
  void mapsFlumeJsonKeysToTheMBeanNamesFlumeRegisters() {
    assertEquals(
        "org.apache.flume.source:type=src", JmxMetrics.objectName("SOURCE.src").toString());
    assertEquals(
        "org.apache.flume.sink_processor:type=g1",
        JmxMetrics.objectName("SINK_PROCESSOR.g1").toString());
    assertEquals(
        "org.apache.flume.channel:type=file.ch",
        JmxMetrics.objectName("CHANNEL.file.ch").toString());
  }

  @Test
  void rejectsKeysWithoutATypeAndAName() {
    assertThrows(IllegalArgumentException.class, () -> JmxMetrics.objectName("src"));
    assertThrows(IllegalArgumentException.class, () -> JmxMetrics.objectName("SOURCE."));
    assertThrows(IllegalArgumentException.class, () -> JmxMetrics.objectName(".src"));
  }
}
