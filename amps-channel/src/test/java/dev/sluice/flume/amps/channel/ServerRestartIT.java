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
package dev.sluice.flume.amps.channel;

import static dev.sluice.flume.amps.channel.ChannelIt.GENEROUS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.SequenceReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AMPS testkit process (its log on disk) is SIGKILLed mid-stream and restarted on the same
 * port: both of the channel's clients reconnect, puts that failed meanwhile are retried by the
 * source, and every event arrives.
 */
class ServerRestartIT {
  private static final int EVENTS = 40_000;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void nothingIsMissingWhenTheServerIsKilledAndRestartedMidStream() throws Exception {
    AmpsTestkitProcess amps =
        ChannelIt.testkit(children, "amps", "a server the test kills and restarts");
    Path work = children.workDir("agent");
    List<String> config = new ArrayList<>();
    config.addAll(
        List.of(
            "a1.sources = src",
            "a1.channels = ch",
            "a1.sinks = k1",
            "a1.sources.src.type = seq",
            "a1.sources.src.totalEvents = " + EVENTS,
            "a1.sources.src.batchSize = 200",
            "a1.sources.src.channels = ch"));
    config.addAll(
        ChannelIt.channel(
            amps.uri(),
            work,
            "a1.channels.ch.putTimeout = 5000",
            "a1.channels.ch.capacity = 1000"));
    config.addAll(ChannelIt.fileRollSink(work, 200));
    FlumeAgent agent = children.start(ChannelIt.agent(work, config.toArray(new String[0])).build());
    agent.awaitStarted(GENEROUS);

    await().atMost(GENEROUS).until(() -> ChannelIt.output(work, EVENTS).distinct() >= EVENTS / 3);
    amps.kill();
    amps.restart();

    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> ChannelIt.output(work, EVENTS).distinct() == EVENTS);
    SequenceReport report = ChannelIt.output(work, EVENTS);
    System.out.println("testkit killed and restarted: " + report);
    assertEquals(0, report.missing(), report::toString);
    long reconnects = agent.counter("CHANNEL.ch", AmpsChannelCounter.RECONNECTS);
    assertTrue(reconnects >= 2, "both clients reconnected: " + reconnects);
  }
}
