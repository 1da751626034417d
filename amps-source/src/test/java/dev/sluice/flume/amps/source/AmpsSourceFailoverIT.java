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

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.SequenceReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HA: a bookmark subscription over {@code uri1} (primary) and {@code uri2} (its replica), in a real
 * agent. The primary goes away mid-stream and the source fails over to {@code uri2}; then the
 * server drops every connection mid-stream. After each, the sink's output has no gap.
 */
class AmpsSourceFailoverIT {
  private static final int PER_PHASE = 30_000;
  private static final Duration DEADLINE = Duration.ofMinutes(2);

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void failsOverFromUri1ToUri2AndSurvivesDroppedConnectionsWithoutGaps() throws Exception {
    AgentTestbed.Testkit amps = AgentTestbed.Testkit.start(children, true, "--quiet");
    Path work = children.workDir("agent");
    Map<String, String> source = new LinkedHashMap<>();
    source.put("clientName", "flume-ha");
    source.put("uri1", amps.uri());
    source.put("uri2", amps.replicaUri());
    source.put("topic", "orders");
    source.put("bookmarkLog", work.resolve("orders.bookmarks").toString());
    source.put("subscriptionId", "ha-test");
    source.put("batchDurationMillis", "100");
    source.put("reconnectInitialDelay", "100");
    source.put("reconnectMaxDelay", "1000");
    FlumeAgent agent =
        children.start(
            AgentTestbed.agent(
                    work, AgentTestbed.properties(AgentTestbed.fileChannelAgent(work, source)))
                .build());
    agent.awaitStarted(AgentTestbed.START);
    long total = 3L * PER_PHASE;

    // The publisher stays on the replica, which keeps running throughout phase 1.
    TestPublisher publisher = new TestPublisher(amps.replicaUri(), "publisher", "orders", 32);
    try {
      publisher.publish(0, PER_PHASE);
      awaitAccepted(agent, PER_PHASE / 10);
      assertMidStream(agent, publisher);
      amps.control("refuse 600000 primary");
      amps.control("drop primary"); // mid-stream: uri1 is gone for good
      await().atMost(DEADLINE).until(() -> agent.counter("SOURCE.amps", "FailoverCount") >= 1);
      publisher.publish(PER_PHASE, 2L * PER_PHASE);
      awaitDistinct(work, total, 2L * PER_PHASE);
      SequenceReport afterFailover = AgentTestbed.output(work, 2L * PER_PHASE);
      assertEquals(0, afterFailover.missing(), "no gap after the failover: " + afterFailover);

      // Phase 2: the server the source is on drops every connection mid-stream.
      publisher.publish(2L * PER_PHASE, 2L * PER_PHASE + PER_PHASE / 2);
      awaitAccepted(agent, 2L * PER_PHASE + PER_PHASE / 20);
      assertMidStream(agent, publisher);
      long reconnectsBefore = agent.counter("SOURCE.amps", "ReconnectCount");
      amps.control("drop both");
      publisher.close();
      await()
          .atMost(DEADLINE)
          .until(() -> agent.counter("SOURCE.amps", "ReconnectCount") > reconnectsBefore);
      publisher = new TestPublisher(amps.replicaUri(), "publisher", "orders", 32);
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
  private static void assertMidStream(FlumeAgent agent, TestPublisher publisher) {
    long accepted = agent.counter("SOURCE.amps", "EventAcceptedCount");
    assertTrue(
        accepted < publisher.published(),
        "the fault comes mid-stream: " + accepted + " of " + publisher.published() + " taken");
  }

  /** Events this agent run committed to its channel, read over JMX (fast enough to catch up). */
  private static void awaitAccepted(FlumeAgent agent, long atLeast) {
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
