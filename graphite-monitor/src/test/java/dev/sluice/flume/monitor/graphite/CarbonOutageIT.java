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

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.CarbonCacheServer;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.PluginAgent;
import java.time.Duration;
import java.util.NavigableMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Carbon stopped for 30 seconds under a running agent, then started again: the agent's flow does
 * not notice, the monitor's queue stays within its bound and counts what it drops, and it
 * reconnects.
 */
class CarbonOutageIT {
  private static final String P = MonitoredFlow.PREFIX;
  private static final int MAX_QUEUED = 5;
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @BeforeEach
  void needsCarbon() {
    CarbonCacheServer.requireInstalled();
  }

  @Test
  void agentKeepsItsPaceWhileCarbonIsDownAndTheMonitorCatchesUpAfterwards() {
    CarbonCacheServer carbon = CarbonCacheServer.start(children);
    PluginAgent agent =
        new MonitoredFlow()
            .set("host", "127.0.0.1")
            .set("port", Integer.toString(carbon.linePort()))
            .set("maxQueuedBatches", Integer.toString(MAX_QUEUED))
            .set("initialBackoff", "200")
            .set("maxBackoff", "2s")
            .start(children);
    String drained = P + ".sink.k1.event-drain-success-count";
    await("the monitor delivers to carbon")
        .atMost(120, SECONDS)
        .until(() -> carbon.latest(drained) != null && carbon.latest(drained) > 0);

    double before = drainRate(agent, Duration.ofSeconds(10));

    carbon.process().stop(Duration.ofSeconds(60));
    long stoppedAt = System.currentTimeMillis() / 1000;
    long drainedAtStop = drained(agent);
    long outageStart = System.nanoTime();
    long[] worst = new long[2]; // most queued batches, fullest channel c1
    await("the outage lasts " + OUTAGE)
        .atMost(OUTAGE.plusSeconds(60))
        .pollInterval(500, MILLISECONDS)
        .until(
            () -> {
              worst[0] = Math.max(worst[0], agent.counter(MonitoredFlow.MONITOR, "QueuedBatches"));
              worst[1] = Math.max(worst[1], agent.counter("CHANNEL.c1", "ChannelSize"));
              return System.nanoTime() - outageStart >= OUTAGE.toNanos();
            });
    double during = (drained(agent) - drainedAtStop) * 1e9 / (System.nanoTime() - outageStart);
    long dropped = agent.counter(MonitoredFlow.MONITOR, "BatchDroppedCount");
    long failures = agent.counter(MonitoredFlow.MONITOR, "SendFailureCount");

    long restartedAt = System.currentTimeMillis() / 1000;
    carbon.process().start();
    await("the monitor reconnects and delivers new figures")
        .atMost(120, SECONDS)
        .until(
            () ->
                agent.counter(MonitoredFlow.MONITOR, "ReconnectCount") >= 1
                    && !carbon.datapoints(drained).tailMap(restartedAt + 1, true).isEmpty());

    System.out.printf(
        "outage of %s: drain rate %.1f/s before, %.1f/s during; %d batches dropped, %d send"
            + " failures, at most %d queued, channel c1 at most %d events%n",
        OUTAGE, before, during, dropped, failures, worst[0], worst[1]);
    assertTrue(
        during >= 0.8 * before,
        String.format(
            "drain rate fell from %.0f/s to %.0f/s while carbon was down", before, during));
    assertTrue(
        during >= 0.5 * MonitoredFlow.EVENTS_PER_SECOND,
        String.format("drain rate %.0f/s is far below the source's pace", during));
    assertTrue(worst[1] < 2_000, "channel c1 backed up to " + worst[1] + " events");
    assertTrue(worst[0] <= MAX_QUEUED, "queue grew to " + worst[0] + " batches");
    assertTrue(failures >= 1, "no send failure counted");
    long polls = OUTAGE.getSeconds();
    assertTrue(
        dropped >= polls - MAX_QUEUED - 10,
        "only "
            + dropped
            + " of about "
            + polls
            + " batches dropped with a queue of "
            + MAX_QUEUED);

    // What carbon holds for the outage is at most the queue's worth: the newest batches, sent after
    // the reconnect. The rest was dropped, not back-filled.
    NavigableMap<Long, Double> points = carbon.datapoints(drained);
    int inOutage = points.subMap(stoppedAt + 2, true, restartedAt, true).size();
    assertTrue(
        inOutage <= MAX_QUEUED + 1,
        inOutage + " datapoints stored for the outage, more than the queue holds: " + points);
    assertTrue(
        points.tailMap(restartedAt + 1, true).lastEntry().getValue() >= drainedAtStop,
        "the figures after the restart are current");
  }

  private static long drained(PluginAgent agent) {
    return agent.counter("SINK.k1", "EventDrainSuccessCount");
  }

  /** Events per second the sink drained over {@code period}, measured on the agent's counter. */
  private static double drainRate(PluginAgent agent, Duration period) {
    long start = System.nanoTime();
    long first = drained(agent);
    await()
        .atMost(period.plusSeconds(30))
        .pollInterval(250, MILLISECONDS)
        .until(() -> System.nanoTime() - start >= period.toNanos());
    return (drained(agent) - first) * 1e9 / (System.nanoTime() - start);
  }
}
