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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * At least once across crashes: a bookmark subscription into a file channel, the agent SIGKILLed
 * three times mid-stream and restarted, and every published message in the sink's output, with at
 * most {@code maxBuffers x maxBatch} duplicates per crash.
 */
class AmpsSourceCrashIT {
  private static final int MESSAGES = 200_000;
  private static final int MAX_BATCH = 1000;
  private static final int MAX_BUFFERS = 10;
  private static final int CRASHES = 3;
  private static final long KILL_AFTER = 10_000;
  private static final Duration DEADLINE = Duration.ofMinutes(4);

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void sigkilledThreeTimesMidStreamLosesNothingAndDuplicatesAtMostTheHandOffPerCrash()
      throws Exception {
    AmpsTestkitProcess amps = AgentTestbed.testkit(children, false, "--quiet");
    Path work = children.workDir("agent");
    Map<String, String> source = new LinkedHashMap<>();
    source.put("clientName", AgentTestbed.unique("flume-crash"));
    source.put("uri", amps.uri());
    source.put("topic", AgentTestbed.unique("orders"));
    source.put("bookmarkLog", work.resolve("orders.bookmarks").toString());
    source.put("subscriptionId", "crash-test");
    source.put("maxBatch", Integer.toString(MAX_BATCH));
    source.put("maxBuffers", Integer.toString(MAX_BUFFERS));
    source.put("batchDurationMillis", "100");
    source.put("reconnectInitialDelay", "100");
    source.put("reconnectMaxDelay", "1000");
    PluginAgent agent =
        AgentTestbed.agent(AgentTestbed.properties(AgentTestbed.fileChannelAgent(work, source)))
            .startWithoutWaiting(children, work);
    agent.awaitStarted(AgentTestbed.START);

    List<Long> duplicatesPerCrash = new ArrayList<>();
    long started = System.nanoTime();
    try (TestPublisher publisher =
        new TestPublisher(
            amps.uri(), AgentTestbed.unique("publisher"), AgentTestbed.unique("orders"), 32)) {
      long duplicatesBefore = 0;
      int chunk = MESSAGES / (CRASHES + 1);
      for (int crash = 0; crash < CRASHES; crash++) {
        publisher.publish((long) crash * chunk, (long) (crash + 1) * chunk);
        // Kill once this run of the agent has committed KILL_AFTER events: mid-stream.
        await()
            .atMost(DEADLINE)
            .pollInterval(Duration.ofMillis(20))
            .ignoreExceptions()
            .until(() -> agent.counter("SOURCE.amps", "EventAcceptedCount") >= KILL_AFTER);
        agent.kill();
        SequenceReport atKill = AgentTestbed.output(work, MESSAGES);
        assertTrue(
            atKill.distinct() < publisher.published(),
            "the kill came mid-stream: " + atKill.distinct() + " of " + publisher.published());
        if (crash > 0) {
          duplicatesPerCrash.add(atKill.duplicates() - duplicatesBefore);
        }
        duplicatesBefore = atKill.duplicates();
        agent.restart();
        agent.awaitStarted(AgentTestbed.START);
      }
      publisher.publish((long) CRASHES * chunk, MESSAGES);
      publisher.flush();
      assertEquals(MESSAGES, publisher.published());

      await()
          .atMost(DEADLINE)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> AgentTestbed.output(work, MESSAGES).missing() == 0);
      SequenceReport end = AgentTestbed.output(work, MESSAGES);
      duplicatesPerCrash.add(end.duplicates() - duplicatesBefore);
      System.out.printf(
          "crash test: published %d, delivered %d lines, missing %d, duplicates per crash %s,"
              + " partial lines %d, %.1f s%n",
          publisher.published(),
          end.total(),
          end.missing(),
          duplicatesPerCrash,
          end.partialLines(),
          (System.nanoTime() - started) / 1e9);

      assertEquals(0, end.missing(), end.toString());
      assertEquals(0, end.outOfRange(), end.toString());
      assertEquals(0, end.unparseable(), end.toString());
      for (long d : duplicatesPerCrash) {
        assertTrue(
            d <= (long) MAX_BUFFERS * MAX_BATCH, "duplicates per crash " + duplicatesPerCrash);
      }
    }
  }
}
