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
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.CarbonCacheServer;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.PluginAgent;
import java.util.List;
import java.util.NavigableMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real agent's counters, sent by the monitor over plaintext TCP or pickle to a real carbon-cache,
 * read back from carbon's whisper files with whisper's own tools.
 */
class CarbonDeliveryIT {
  private static final long EVENTS = 1_000;
  private static final String P = MonitoredFlow.PREFIX;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @BeforeEach
  void needsCarbon() {
    CarbonCacheServer.requireInstalled();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tcp", "pickle"})
  void countersArriveInWhisperWithTheirNamesAndExactValues(String protocol) {
    CarbonCacheServer carbon = CarbonCacheServer.start(children);
    PluginAgent agent =
        new MonitoredFlow()
            .totalEvents(EVENTS)
            .set("host", "127.0.0.1")
            .set("protocol", protocol)
            .set(
                "port",
                Integer.toString(protocol.equals("tcp") ? carbon.linePort() : carbon.picklePort()))
            .set("rates", "true")
            .set("jvmMetrics", "true")
            .start(children);

    await("the agent moved all its events")
        .atMost(120, SECONDS)
        .until(() -> agent.counter("SINK.k1", "EventDrainSuccessCount") == EVENTS);

    // The values carbon stored are the agent's own counters, whole numbers exactly.
    await("carbon stored the final counts")
        .atMost(120, SECONDS)
        .untilAsserted(
            () -> {
              assertEquals(
                  (double) EVENTS, carbon.latest(P + ".sink.k1.event-drain-success-count"));
              assertEquals((double) EVENTS, carbon.latest(P + ".source.r1.event-accepted-count"));
              assertEquals((double) EVENTS, carbon.latest(P + ".channel.c2.channel-size"));
            });
    assertEquals(EVENTS, agent.counter("SOURCE.r1", "EventAcceptedCount"));
    assertEquals(EVENTS, agent.counter("CHANNEL.c2", "ChannelSize"));

    // A small decimal keeps every digit: 1000 of 3,000,000 is 0.0333...%, not 0.03.
    double fill = (EVENTS / (double) MonitoredFlow.C2_CAPACITY) * 100;
    assertEquals(fill, carbon.latest(P + ".channel.c2.channel-fill-percentage"));

    List<String> metrics = carbon.metrics();
    for (String expected :
        List.of(
            P + ".source.r1.event-received-count",
            P + ".source.r1.start-time",
            P + ".source.r1.event-accepted-count-per-second",
            P + ".channel.c1.channel-capacity",
            P + ".channel.c1.event-take-success-count",
            P + ".sink.k1.batch-complete-count",
            P + ".sink.k1.event-drain-success-count-per-second",
            P + ".other.graphite-monitor.batch-sent-count",
            P + ".other.graphite-monitor.metric-sent-count",
            P + ".other.graphite-monitor.batch-dropped-count",
            P + ".other.graphite-monitor.queued-batches",
            P + ".jvm.memory.heap-used",
            P + ".jvm.threads.live")) {
      assertTrue(metrics.contains(expected), expected + " missing from " + metrics);
    }
    assertTrue(
        metrics.stream().allMatch(m -> m.startsWith(P + ".") && m.matches("[A-Za-z0-9._-]+")),
        metrics.toString());
    assertTrue(metrics.stream().noneMatch(m -> m.endsWith(".type")), "non-numeric Type was sent");
    assertTrue(
        metrics.stream().noneMatch(m -> m.endsWith("open-connection-count-per-second")),
        "a gauge got a rate");

    // While the source ran (about 500 events/s for 2 s), the monitor derived a drain rate.
    NavigableMap<Long, Double> rates =
        carbon.datapoints(P + ".sink.k1.event-drain-success-count-per-second");
    assertTrue(
        rates.values().stream().anyMatch(r -> r > 100), "no drain rate over 100/s in " + rates);

    // The monitor's own count of what it sent agrees with what carbon holds for it.
    await()
        .atMost(60, SECONDS)
        .untilAsserted(
            () ->
                assertTrue(
                    carbon.latest(P + ".other.graphite-monitor.batch-sent-count") >= 2,
                    "batch-sent-count"));
    assertEquals(0.0, carbon.latest(P + ".other.graphite-monitor.batch-dropped-count"));
  }
}
