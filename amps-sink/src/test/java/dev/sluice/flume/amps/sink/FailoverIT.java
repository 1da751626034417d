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
package dev.sluice.flume.amps.sink;

import static dev.sluice.flume.amps.sink.SinkIt.GENEROUS;
import static dev.sluice.flume.amps.sink.SinkIt.sink;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.amps.sink.SinkIt.Testkit;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.SequenceReport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two testkit instances sharing their state, as a replicated AMPS pair; the first goes away
 * mid-stream (stops listening and drops its connections) and the sink fails over to the second
 * ({@code uri1}, {@code uri2}) with a memory publish store and a flush per batch.
 */
class FailoverIT {
  private static final int EVENTS = 100_000;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void nothingIsMissingWhenThePrimaryGoesAwayMidStream() throws Exception {
    Testkit amps = SinkIt.testkit(children, "amps-pair", true);
    FlumeAgent agent =
        SinkIt.agent(
            children,
            children.workDir("agent"),
            "a1.sources = src",
            "a1.channels = ch",
            "a1.sinks = k1",
            "a1.sources.src.type = seq",
            "a1.sources.src.totalEvents = " + EVENTS,
            "a1.sources.src.batchSize = 500",
            "a1.sources.src.channels = ch",
            "a1.channels.ch.type = memory",
            "a1.channels.ch.capacity = 20000",
            "a1.channels.ch.transactionCapacity = 1000",
            "a1.sinks.k1.type = dev.sluice.flume.amps.sink.AmpsSink",
            "a1.sinks.k1.channel = ch",
            "a1.sinks.k1.clientName = flume-a1-k1",
            "a1.sinks.k1.uri1 = " + amps.uri(),
            "a1.sinks.k1.uri2 = " + amps.replicaUri(),
            "a1.sinks.k1.topic = seq",
            "a1.sinks.k1.maxBatch = 1000",
            "a1.sinks.k1.pubStoreType = memory",
            "a1.sinks.k1.reconnectTimeout = 60000");
    agent.awaitStarted(GENEROUS);

    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> sink(agent, "AcknowledgedCount") >= EVENTS / 5);
    amps.control("refuse 600000 primary");
    amps.control("drop primary");
    long acknowledgedAtFailover = sink(agent, "AcknowledgedCount");
    assertTrue(acknowledgedAtFailover < EVENTS, "the stream ended before the failover");

    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> sink(agent, "EventDrainSuccessCount") == EVENTS);
    try (ReplaySubscriber subscriber = ReplaySubscriber.replay(amps.replicaUri(), "seq")) {
      SequenceReport report = subscriber.awaitComplete(0, EVENTS, GENEROUS);
      System.out.printf(
          "primary gone after %d of %d events acknowledged; read from the second instance: %s%n",
          acknowledgedAtFailover, EVENTS, report);
      assertEquals(0, report.missing(), report::toString);
    }
    assertTrue(amps.control("status replica").contains("flume-a1-k1"), "not on the second server");
    assertTrue(sink(agent, "ReconnectCount") >= 1);
    assertTrue(sink(agent, "ConnectionFailedCount") >= 1, "the refused primary was not counted");
  }
}
