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
package dev.sluice.flume.monitor.graphite;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.apache.flume.Context;
import org.apache.flume.instrumentation.SourceCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GraphiteMonitorServiceTest {
  private static final long NOW = 1_795_313_176L;

  private final MBeanServer server = MBeanServerFactory.newMBeanServer();
  private final Map<String, FakeTransport> transports = new ConcurrentHashMap<>();
  private final SourceCounter source = new SourceCounter("r1");
  private GraphiteMonitorService monitor;

  GraphiteMonitorServiceTest() throws Exception {
    server.registerMBean(source, new ObjectName("org.apache.flume.source:type=r1"));
    source.addToEventReceivedCount(7);
  }

  @AfterEach
  void stopMonitor() {
    if (monitor != null) {
      monitor.stop();
    }
  }

  private FakeTransport transport(String host) {
    return transports.computeIfAbsent(host, h -> new FakeTransport());
  }

  private GraphiteMonitorService monitor(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    monitor =
        new GraphiteMonitorService(
            server,
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC),
            System::nanoTime,
            (d, c) -> transport(d.host),
            TestEnvironment.standard());
    monitor.configure(new Context(m));
    return monitor;
  }

  @Test
  void stopSendsTheFinalCountsBeforeReturning() {
    GraphiteMonitorService m = monitor("host", "g", "pollInterval", "1h");
    m.start();
    source.addToEventReceivedCount(5);
    m.stop();
    assertTrue(
        transport("g")
            .deliveredCopy()
            .contains("flume.web01.a1.source.r1.event-received-count 12 " + NOW),
        transport("g").deliveredCopy().toString());
    assertEquals(1, m.counters().value(MonitorCounters.BATCH_SENT));
  }

  @Test
  void pollsRepeatEveryInterval() {
    GraphiteMonitorService m = monitor("host", "g", "pollInterval", "100");
    m.start();
    await().atMost(30, SECONDS).until(() -> m.counters().value(MonitorCounters.BATCH_SENT) >= 3);
    long lines =
        transport("g").deliveredCopy().stream()
            .filter(l -> l.startsWith("flume.web01.a1.source.r1.event-received-count 7 "))
            .count();
    assertTrue(lines >= 3, "one line per poll, got " + lines);
  }

  @Test
  void stopReturnsWithinTheShutdownTimeoutWhenCarbonStopsReading() throws Exception {
    transport("g").hangOnFlush = true;
    GraphiteMonitorService m =
        monitor("host", "g", "pollInterval", "100", "shutdownTimeout", "500");
    m.start();
    assertTrue(transport("g").hanging.await(30, SECONDS), "the sender never reached the socket");
    long start = System.nanoTime();
    m.stop();
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(tookMillis < 500 + 2_000, "stop took " + tookMillis + " ms");
    assertTrue(
        m.counters().value(MonitorCounters.BATCH_DROPPED) >= 1,
        "the batch that could not be written is counted as dropped");
  }

  @Test
  void unreachableDestinationDoesNotHoldUpAnother() {
    transport("down").connectFailuresLeft = Integer.MAX_VALUE;
    GraphiteMonitorService m =
        monitor(
            "host1",
            "down",
            "host2",
            "up",
            "pollInterval",
            "100",
            "initialBackoff",
            "50",
            "maxBackoff",
            "100");
    m.start();
    // One poll can deliver 3 lines to "up" before the first connect to "down" has failed: wait
    // for both, then check that "up" kept receiving while "down" kept failing.
    await().atMost(30, SECONDS).until(() -> m.counters().value(MonitorCounters.SEND_FAILURE) >= 2);
    int delivered = transport("up").deliveredCopy().size();
    await().atMost(30, SECONDS).until(() -> transport("up").deliveredCopy().size() > delivered);
    assertTrue(transport("down").deliveredCopy().isEmpty());
  }

  @Test
  void stopTwiceAndStopBeforeStartAreHarmless() {
    GraphiteMonitorService m = monitor("host", "g", "pollInterval", "1h");
    m.stop();
    m.start();
    m.stop();
    m.stop();
    assertEquals(1, m.counters().value(MonitorCounters.BATCH_SENT));
  }

  @Test
  void startWithoutConfigurationIsRefused() {
    GraphiteMonitorService m = new GraphiteMonitorService();
    assertThrows(IllegalStateException.class, m::start);
  }

  @Test
  void healthCountersShowInJmxLikeAnyFlumeCounterGroup() throws Exception {
    GraphiteMonitorService m = monitor("host", "g", "pollInterval", "100");
    m.start();
    MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("org.apache.flume.other:type=graphite-monitor");
    await()
        .atMost(30, SECONDS)
        .until(() -> (Long) platform.getAttribute(name, MonitorCounters.BATCH_SENT) >= 2);
    for (String counter :
        List.of(
            MonitorCounters.METRIC_SENT,
            MonitorCounters.SEND_FAILURE,
            MonitorCounters.BATCH_DROPPED,
            MonitorCounters.RECONNECT,
            MonitorCounters.QUEUED_BATCHES)) {
      assertTrue(platform.getAttribute(name, counter) instanceof Long, counter);
    }
    assertEquals("OTHER", platform.getAttribute(name, "Type"));
    assertFalse(m.config().destinations.isEmpty());
  }
}
