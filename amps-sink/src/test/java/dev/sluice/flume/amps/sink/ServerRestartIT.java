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
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AMPS server (the testkit, in its own process) is killed and restarted mid-stream while a real
 * agent publishes through a file publish store without flushes: batches commit once they are in the
 * file, and whatever the dead server had not acknowledged is replayed from the file after the
 * reconnect. A subscriber replaying the server's log then finds every event.
 */
class ServerRestartIT {
  private static final int EVENTS = 200_000;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void everyEventReachesAmpsAcrossAServerCrashWithAFilePublishStore() throws Exception {
    SinkIt.requireTestkit("restarting the server mid-stream");
    AmpsTestkitProcess amps = SinkIt.testkit(children, "amps", false);
    Path work = children.workDir("agent");
    PluginAgent agent =
        SinkIt.agent(
            children,
            work,
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
            "a1.sinks.k1.uri = " + amps.uri(),
            "a1.sinks.k1.topic = seq",
            "a1.sinks.k1.maxBatch = 1000",
            "a1.sinks.k1.pubStoreType = file",
            "a1.sinks.k1.pubStorePath = " + work.resolve("k1.pubstore"),
            "a1.sinks.k1.publishFlushTimeout = -1",
            "a1.sinks.k1.reconnectTimeout = 60000",
            "a1.sinks.k1.strictConfig = true");
    agent.awaitStarted(GENEROUS);

    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> sink(agent, "PublishedCount") >= EVENTS / 5);
    amps.kill();
    long publishedAtKill = sink(agent, "PublishedCount");
    assertTrue(publishedAtKill < EVENTS, "the stream ended before the crash: " + publishedAtKill);
    await().atMost(GENEROUS).until(() -> sink(agent, "Connected") == 0);
    amps.restart();

    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                sink(agent, "EventDrainSuccessCount") == EVENTS
                    && sink(agent, "UnacknowledgedCount") == 0);
    try (ReplaySubscriber subscriber = ReplaySubscriber.replay(amps.uri(), "seq")) {
      SequenceReport report = subscriber.awaitComplete(0, EVENTS, GENEROUS);
      System.out.printf(
          "server killed after %d of %d events published; after its restart: %s%n",
          publishedAtKill, EVENTS, report);
      assertEquals(0, report.missing(), report::toString);
      assertEquals(0, report.outOfRange(), report::toString);
    }
    assertTrue(sink(agent, "ReconnectCount") >= 1, "the sink never reconnected");
    assertEquals(0, sink(agent, "DroppedCount"));
  }
}
