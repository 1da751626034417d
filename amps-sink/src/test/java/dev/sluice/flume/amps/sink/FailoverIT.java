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

import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.PluginAgent;
import dev.sluice.flume.testsupport.SequenceReport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A replicated pair of testkit processes (separate engines and logs, replicating to each other with
 * a lag) behind {@code uri1} and {@code uri2}, and the sink with a memory publish store and a flush
 * per batch. The first instance goes away mid-stream: it stops listening and drops its connections,
 * or it is SIGKILLed while holding messages it has not replicated yet. Either way the second
 * instance ends up with every event: replicated, or replayed to it from the store.
 */
class FailoverIT {
  private static final int EVENTS = 100_000;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  private PluginAgent agent(AmpsTestkitProcess primary, AmpsTestkitProcess replica, int events) {
    return SinkIt.agent(
        children,
        children.workDir("agent"),
        "a1.sources = src",
        "a1.channels = ch",
        "a1.sinks = k1",
        "a1.sources.src.type = seq",
        "a1.sources.src.totalEvents = " + events,
        "a1.sources.src.batchSize = 500",
        "a1.sources.src.channels = ch",
        "a1.channels.ch.type = memory",
        "a1.channels.ch.capacity = 20000",
        "a1.channels.ch.transactionCapacity = 1000",
        "a1.sinks.k1.type = dev.sluice.flume.amps.sink.AmpsSink",
        "a1.sinks.k1.channel = ch",
        "a1.sinks.k1.clientName = flume-a1-k1",
        "a1.sinks.k1.uri1 = " + primary.uri(),
        "a1.sinks.k1.uri2 = " + replica.uri(),
        "a1.sinks.k1.topic = seq",
        "a1.sinks.k1.maxBatch = 1000",
        "a1.sinks.k1.pubStoreType = memory",
        "a1.sinks.k1.reconnectTimeout = 60000");
  }

  @Test
  void nothingIsMissingWhenThePrimaryGoesAwayMidStream() throws Exception {
    SinkIt.requireTestkit("a replicated pair whose primary the test takes away");
    AmpsTestkitProcess[] pair = AmpsTestkitProcess.pair(children, Duration.ofMillis(200), false);
    AmpsTestkitProcess primary = pair[0];
    AmpsTestkitProcess replica = pair[1];
    PluginAgent agent = agent(primary, replica, EVENTS);
    agent.awaitStarted(GENEROUS);

    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> sink(agent, "AcknowledgedCount") >= EVENTS / 5);
    primary.control("refuse 600000");
    primary.control("drop");
    long acknowledgedAtFailover = sink(agent, "AcknowledgedCount");
    assertTrue(acknowledgedAtFailover < EVENTS, "the stream ended before the failover");

    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> sink(agent, "EventDrainSuccessCount") == EVENTS);
    try (ReplaySubscriber subscriber = ReplaySubscriber.replay(replica.uri(), "seq")) {
      SequenceReport report = subscriber.awaitComplete(0, EVENTS, GENEROUS);
      System.out.printf(
          "primary gone after %d of %d events acknowledged; read from the second instance: %s%n",
          acknowledgedAtFailover, EVENTS, report);
      assertEquals(0, report.missing(), report::toString);
    }
    assertTrue(replica.hasClient("flume-a1-k1"), "not on the second server");
    assertTrue(sink(agent, "ReconnectCount") >= 1);
    assertTrue(sink(agent, "ConnectionFailedCount") >= 1, "the refused primary was not counted");
  }

  /**
   * Sync replication one second late: the primary acknowledges a message as persisted only once the
   * replica has it, so when the primary is SIGKILLed the messages it had not replicated are still
   * in the sink's publish store, which replays them to the replica.
   */
  @Test
  void theStoreReplaysToTheReplicaWhatTheKilledPrimaryHadNotReplicated() throws Exception {
    SinkIt.requireTestkit("a replicated pair whose primary the test kills before it replicates");
    int events = 20_000;
    AmpsTestkitProcess[] pair = AmpsTestkitProcess.pair(children, Duration.ofSeconds(1), true);
    AmpsTestkitProcess primary = pair[0];
    AmpsTestkitProcess replica = pair[1];
    PluginAgent agent = agent(primary, replica, events);
    agent.awaitStarted(GENEROUS);

    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> sink(agent, "AcknowledgedCount") >= events / 5);
    // Kill while a batch is logged there but not replicated (its acks wait for the replica).
    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> primary.status("log") - replica.status("replicated_in") >= 500);
    long loggedByPrimary = primary.status("log");
    primary.kill();
    long acknowledgedAtKill = sink(agent, "AcknowledgedCount");
    long replicatedBeforeKill = replica.status("replicated_in");
    assertTrue(
        replicatedBeforeKill < loggedByPrimary,
        "the primary died holding messages it had not replicated: it logged "
            + loggedByPrimary
            + ", the replica got "
            + replicatedBeforeKill);
    assertTrue(acknowledgedAtKill < events, "the stream ended before the kill");

    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> sink(agent, "EventDrainSuccessCount") == events);
    try (ReplaySubscriber subscriber = ReplaySubscriber.replay(replica.uri(), "seq")) {
      SequenceReport report = subscriber.awaitComplete(0, events, GENEROUS);
      System.out.printf(
          "primary killed after %d of %d events acknowledged, %d logged there, %d replicated;"
              + " read from the replica: %s%n",
          acknowledgedAtKill, events, loggedByPrimary, replicatedBeforeKill, report);
      assertEquals(0, report.missing(), report::toString);
      assertEquals(0, report.outOfRange(), report::toString);
    }
    assertTrue(replica.hasClient("flume-a1-k1"), "not on the replica");
  }
}
