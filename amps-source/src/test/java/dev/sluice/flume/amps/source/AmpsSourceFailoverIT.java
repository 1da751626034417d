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
package dev.sluice.flume.amps.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.PluginAgent;
import dev.sluice.flume.testsupport.SequenceReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HA: a bookmark subscription over {@code uri1} and {@code uri2}, the two processes of a replicated
 * testkit pair (separate engines and logs; the first replicates to the second synchronously, five
 * seconds late), in a real agent. The first is SIGKILLed mid-stream while it holds messages it has
 * not replicated: the publisher's store replays them to the second, and the source resumes there
 * from its bookmark. Then the second drops every connection mid-stream. After each, the sink's
 * output has every sequence number; duplicates are counted (at-least-once allows them).
 */
class AmpsSourceFailoverIT {
  private static final int PER_PHASE = 30_000;
  private static final Duration DEADLINE = Duration.ofMinutes(2);

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void resumesWithoutGapsWhenThePrimaryIsKilledBeforeReplicatingAndWhenConnectionsDrop()
      throws Exception {
    AgentTestbed.requireTestkit(
        "a replicated pair whose primary the test kills before it replicates");
    AmpsTestkitProcess[] pair = AmpsTestkitProcess.pair(children, Duration.ofSeconds(5), true);
    AmpsTestkitProcess primary = pair[0];
    AmpsTestkitProcess replica = pair[1];
    Path work = children.workDir("agent");
    Map<String, String> source = new LinkedHashMap<>();
    source.put("clientName", "flume-ha");
    source.put("uri1", primary.uri());
    source.put("uri2", replica.uri());
    source.put("topic", "orders");
    source.put("bookmarkLog", work.resolve("orders.bookmarks").toString());
    source.put("subscriptionId", "ha-test");
    source.put("batchDurationMillis", "100");
    source.put("reconnectInitialDelay", "100");
    source.put("reconnectMaxDelay", "1000");
    PluginAgent agent =
        AgentTestbed.agent(AgentTestbed.properties(AgentTestbed.fileChannelAgent(work, source)))
            .startWithoutWaiting(children, work);
    agent.awaitStarted(AgentTestbed.START);
    long total = 3L * PER_PHASE;

    TestPublisher publisher =
        TestPublisher.highlyAvailable("publisher", "orders", 32, primary.uri(), replica.uri());
    try {
      publisher.publish(0, PER_PHASE);
      awaitAccepted(agent, PER_PHASE / 10);
      assertMidStream(agent, publisher);
      long loggedByPrimary = primary.status("log");
      primary.kill(); // mid-stream, and with up to five seconds of messages not replicated
      long replicatedBeforeKill = replica.status("replicated_in");
      assertTrue(
          replicatedBeforeKill < loggedByPrimary,
          "the primary died holding messages it had not replicated: it logged "
              + loggedByPrimary
              + ", the replica got "
              + replicatedBeforeKill);
      await().atMost(DEADLINE).until(() -> agent.counter("SOURCE.amps", "FailoverCount") >= 1);
      publisher.publish(PER_PHASE, 2L * PER_PHASE);
      awaitDistinct(work, total, 2L * PER_PHASE);
      SequenceReport afterFailover = AgentTestbed.output(work, 2L * PER_PHASE);
      assertEquals(0, afterFailover.missing(), "no gap after the failover: " + afterFailover);
      System.out.printf(
          "primary killed with %d logged, %d replicated; after the failover: %s%n",
          loggedByPrimary, replicatedBeforeKill, afterFailover);

      // Phase 2: the instance the source is on drops every connection mid-stream.
      publisher.publish(2L * PER_PHASE, 2L * PER_PHASE + PER_PHASE / 2);
      awaitAccepted(agent, 2L * PER_PHASE + PER_PHASE / 20);
      assertMidStream(agent, publisher);
      long reconnectsBefore = agent.counter("SOURCE.amps", "ReconnectCount");
      replica.control("drop");
      await()
          .atMost(DEADLINE)
          .until(() -> agent.counter("SOURCE.amps", "ReconnectCount") > reconnectsBefore);
      publisher.publish(2L * PER_PHASE + PER_PHASE / 2, total);
      publisher.flush();
      await()
          .atMost(DEADLINE)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> AgentTestbed.output(work, total).missing() == 0);
    } finally {
      publisher.close();
    }

    SequenceReport end = AgentTestbed.output(work, total);
    System.out.printf(
        "failover test: %d published, %d missing, %d duplicates, failovers %d, reconnects %d%n",
        total,
        end.missing(),
        end.duplicates(),
        agent.counter("SOURCE.amps", "FailoverCount"),
        agent.counter("SOURCE.amps", "ReconnectCount"));
    assertEquals(0, end.missing(), end.toString());
    assertEquals(0, end.outOfRange(), end.toString());
    assertEquals(1, agent.counter("SOURCE.amps", "Subscribed"));
    assertTrue(agent.counter("SOURCE.amps", "FailoverCount") >= 1);
  }

  /** Right before a fault: some published messages are not in the channel yet. */
  private static void assertMidStream(PluginAgent agent, TestPublisher publisher) {
    long accepted = agent.counter("SOURCE.amps", "EventAcceptedCount");
    assertTrue(
        accepted < publisher.published(),
        "the fault comes mid-stream: " + accepted + " of " + publisher.published() + " taken");
  }

  /** Events this agent run committed to its channel, read over JMX (fast enough to catch up). */
  private static void awaitAccepted(PluginAgent agent, long atLeast) {
    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(10))
        .until(() -> agent.counter("SOURCE.amps", "EventAcceptedCount") >= atLeast);
  }

  private static void awaitDistinct(Path work, long total, long atLeast) {
    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> AgentTestbed.output(work, total).distinct() >= atLeast);
  }
}
