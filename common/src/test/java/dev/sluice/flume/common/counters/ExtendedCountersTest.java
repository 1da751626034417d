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
package dev.sluice.flume.common.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flume.instrumentation.MonitoredCounterGroup;
import org.apache.flume.instrumentation.util.JMXPollUtil;
import org.junit.jupiter.api.Test;

/**
 * Reads counters the way Flume's HTTP metrics server does: JMXPollUtil over the platform MBeans.
 */
class ExtendedCountersTest {
  @Test
  void sinkCounterShowsFlumeAndOwnCountersInOneMBean() {
    ExtendedSinkCounter c = new ExtendedSinkCounter("files-test", List.of("FilesCreatedCount"));
    AtomicLong open = new AtomicLong(3);
    c.gauge("OpenFileCount", open::get);
    c.start();
    try {
      c.addToEventDrainSuccessCount(42);
      c.addOne("FilesCreatedCount");
      c.add("FilesCreatedCount", 4);
      Map<String, String> m = JMXPollUtil.getAllMBeans().get("SINK.files-test");
      assertEquals("42", m.get("EventDrainSuccessCount"));
      assertEquals("5", m.get("FilesCreatedCount"));
      assertEquals("3", m.get("OpenFileCount"));
      assertTrue(Long.parseLong(m.get("StartTime")) > 0);
      assertEquals(5, c.value("FilesCreatedCount"));
    } finally {
      c.stop();
    }
  }

  @Test
  void sourceCounterShowsFlumeAndOwnCounters() {
    ExtendedSourceCounter c = new ExtendedSourceCounter("amps-test", List.of("ReconnectCount"));
    c.start();
    try {
      c.addToEventAcceptedCount(7);
      c.addOne("ReconnectCount");
      Map<String, String> m = JMXPollUtil.getAllMBeans().get("SOURCE.amps-test");
      assertEquals("7", m.get("EventAcceptedCount"));
      assertEquals("1", m.get("ReconnectCount"));
    } finally {
      c.stop();
    }
  }

  @Test
  void componentGroupShowsUnderItsType() {
    ComponentCounterGroup g =
        new ComponentCounterGroup(
            MonitoredCounterGroup.Type.OTHER, "graphite-test", List.of("BatchesSent"));
    g.start();
    try {
      g.add("BatchesSent", 2);
      Map<String, String> m = JMXPollUtil.getAllMBeans().get("OTHER.graphite-test");
      assertEquals("2", m.get("BatchesSent"));
      assertEquals("OTHER", m.get("Type"));
    } finally {
      g.stop();
    }
  }

  @Test
  void unknownCounterNameIsRefused() {
    ExtendedSinkCounter c = new ExtendedSinkCounter("x", List.of("A"));
    assertThrows(IllegalArgumentException.class, () -> c.addOne("B"));
    assertThrows(IllegalArgumentException.class, () -> c.value("B"));
  }
}
