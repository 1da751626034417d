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

class FlumeConstantsTest {
  @Test
  void readsAConstantOfFlumesOwnJars() {
    assertEquals(
        "default-flume-topic",
        FlumeConstants.read("org.apache.flume.sink.kafka.KafkaSinkConstants", "DEFAULT_TOPIC"));
    assertEquals(
        "100",
        FlumeConstants.read(
            "org.apache.flume.sink.kafka.KafkaSinkConstants", "DEFAULT_BATCH_SIZE"));
  }

  @Test
  void aMissingConstantIsAClearError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FlumeConstants.read("org.apache.flume.sink.kafka.KafkaSinkConstants", "NOPE"));
    assertEquals(
        "Flume's lib has no public static org.apache.flume.sink.kafka.KafkaSinkConstants.NOPE",
        e.getMessage());
  }
}
