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
import dev.sluice.flume.testsupport.ProcessStats;
import dev.sluice.flume.testsupport.SequenceReport;
import dev.sluice.flume.testsupport.TestClassesPlugin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sink slower than the publisher fills the channel: the channel refuses batches again and again,
 * the source holds back (the receive thread waits), the hand-off never holds more than {@code
 * maxBuffers x maxBatch} messages, and every message still arrives exactly once and in order.
 */
class AmpsSourceBackPressureIT {
  private static final int MESSAGES = 20_000;
  private static final int MAX_BATCH = 500;
  private static final int MAX_BUFFERS = 4;
  private static final int CHANNEL_CAPACITY = 3000;
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void aSlowSinkFillingTheChannelPausesTheSourceWithinItsBoundAndLosesNothing() throws Exception {
    AmpsTestkitProcess amps = AgentTestbed.testkit(children, false, "--quiet");
    Path work = children.workDir("agent");
    Map<String, String> source = new LinkedHashMap<>();
    source.put("clientName", AgentTestbed.unique("flume-slow"));
    source.put("uri", amps.uri());
    source.put("topic", AgentTestbed.unique("orders"));
    source.put("maxBatch", Integer.toString(MAX_BATCH));
    source.put("maxBuffers", Integer.toString(MAX_BUFFERS));
    source.put("batchDurationMillis", "100");
    Map<String, String> config = AgentTestbed.fileChannelAgent(work, source);
    config.put("a1.channels.ch.capacity", Integer.toString(CHANNEL_CAPACITY));
    config.put("a1.channels.ch.keep-alive", "0"); // a full channel refuses a batch at once
    config.put("a1.sinks.out.type", SlowRollingFileSink.class.getName());
    config.put("a1.sinks.out.sink.batchSize", "100");
    config.put("a1.sinks.out.pauseMillis", "50");
    PluginAgent agent =
        AgentTestbed.agent(AgentTestbed.properties(config))
            .plugin(
                TestClassesPlugin.write(children.workDir("slow-sink"), SlowRollingFileSink.class))
            .startWithoutWaiting(children, work);
    agent.awaitStarted(AgentTestbed.START);
    // A plain subscription sees what is published once it is in place.
    await().atMost(DEADLINE).until(() -> agent.counter("SOURCE.amps", "Subscribed") == 1);

    AtomicLong maxHandoff = new AtomicLong();
    AtomicLong maxChannel = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleWithFixedDelay(
        () -> {
          try {
            maxHandoff.accumulateAndGet(
                agent.counter("SOURCE.amps", "HandoffEventCount"), Math::max);
            maxChannel.accumulateAndGet(agent.counter("CHANNEL.ch", "ChannelSize"), Math::max);
          } catch (RuntimeException e) {
            // the agent is stopping; the next sample or the assertions tell
          }
        },
        0,
        50,
        TimeUnit.MILLISECONDS);
    try (TestPublisher publisher =
        new TestPublisher(
            amps.uri(), AgentTestbed.unique("publisher"), AgentTestbed.unique("orders"), 32)) {
      publisher.publish(0, MESSAGES); // far faster than the sink's ~2,000 events/s
      publisher.flush();
      await()
          .atMost(DEADLINE)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> AgentTestbed.output(work, MESSAGES).distinct() == MESSAGES);
    } finally {
      sampler.shutdownNow();
      sampler.awaitTermination(10, TimeUnit.SECONDS);
    }

    SequenceReport report = AgentTestbed.output(work, MESSAGES);
    long waits = agent.counter("SOURCE.amps", "HandoffWaitCount");
    long refusals = agent.counter("SOURCE.amps", "ChannelCommitFailedCount");
    System.out.printf(
        "back-pressure test: %d messages, max hand-off %d (bound %d), max channel %d of %d,"
            + " receive-thread waits %d (%d ms), channel refusals %d, agent %s%n",
        MESSAGES,
        maxHandoff.get(),
        MAX_BUFFERS * MAX_BATCH,
        maxChannel.get(),
        CHANNEL_CAPACITY,
        waits,
        agent.counter("SOURCE.amps", "HandoffWaitMillis"),
        refusals,
        ProcessStats.of(agent.agent()));
    assertTrue(report.isExactlyOnce(), report.toString());
    assertTrue(refusals > 0, "the full channel refused batches");
    assertEquals(0, AgentTestbed.outOfOrder(work), "refused batches were retried in order");
    assertTrue(waits > 0, "the receive thread was held back");
    assertTrue(maxHandoff.get() <= MAX_BUFFERS * MAX_BATCH, "hand-off bound: " + maxHandoff);
    assertTrue(maxHandoff.get() > MAX_BATCH, "the hand-off filled up: " + maxHandoff);
    assertTrue(maxChannel.get() >= CHANNEL_CAPACITY * 8 / 10, "the channel filled: " + maxChannel);
    assertEquals(MESSAGES, agent.counter("SOURCE.amps", "EventAcceptedCount"));
  }
}
