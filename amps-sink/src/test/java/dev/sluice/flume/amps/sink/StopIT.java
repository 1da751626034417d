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
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch waits for acknowledgements that never come (the server holds its persisted acks back,
 * {@code publishFlushTimeout = 0}: no limit of its own). Stopping the agent ends that wait, rolls
 * the batch back, waits {@code stopTimeout} for acknowledgements and closes: the agent exits within
 * that bound instead of hanging.
 */
class StopIT {
  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void stopEndsAnEndlessFlushWaitWithinStopTimeout() throws Exception {
    SinkIt.requireTestkit("persisted acks held back on command (delay-acks)");
    AmpsTestkitProcess amps = SinkIt.testkit(children, "amps", false);
    PluginAgent agent =
        SinkIt.agent(
            children,
            children.workDir("agent"),
            "a1.sources = src",
            "a1.channels = ch",
            "a1.sinks = k1",
            "a1.sources.src.type = seq",
            "a1.sources.src.totalEvents = 5000",
            "a1.sources.src.channels = ch",
            "a1.channels.ch.type = memory",
            "a1.sinks.k1.type = dev.sluice.flume.amps.sink.AmpsSink",
            "a1.sinks.k1.channel = ch",
            "a1.sinks.k1.clientName = flume-a1-k1",
            "a1.sinks.k1.uri = " + amps.uri(),
            "a1.sinks.k1.topic = seq",
            "a1.sinks.k1.maxBatch = 100",
            "a1.sinks.k1.pubStoreType = memory",
            "a1.sinks.k1.stopTimeout = 3000");
    amps.control("delay-acks 600000");
    agent.awaitStarted(GENEROUS);
    await().atMost(GENEROUS).until(() -> sink(agent, "PublishedCount") >= 100);
    assertEquals(0, sink(agent, "EventDrainSuccessCount"), "a batch committed without its acks");

    long start = System.nanoTime();
    assertEquals(143, agent.stop(Duration.ofSeconds(90)));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(tookMillis < 30_000, "stopping took " + tookMillis + " ms");
    String log = SinkIt.log(agent);
    assertTrue(log.contains("closed with 100 messages AMPS had not acknowledged"), "close logged");
    System.out.printf("agent stopped in %d ms with a flush pending%n", tookMillis);
  }
}
