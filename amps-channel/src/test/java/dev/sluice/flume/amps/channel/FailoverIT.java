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
 * A replicated pair of testkit processes behind {@code uri1} and {@code uri2}. The first instance
 * goes away mid-stream; the channel's publishing client fails over and replays what was not
 * acknowledged, its subscribing client fails over and resumes from its bookmark store on the
 * replica. Every event arrives. (Only with sync replication so far: see docs/amps-channel.md,
 * Failover.)
 */
class FailoverIT {
  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  private FlumeAgent agent(
      Path work, AmpsTestkitProcess primary, AmpsTestkitProcess replica, int events)
      throws Exception {
    List<String> config = new ArrayList<>();
    config.addAll(
        List.of(
            "a1.sources = src",
            "a1.channels = ch",
            "a1.sinks = k1",
            "a1.sources.src.type = seq",
            "a1.sources.src.totalEvents = " + events,
            "a1.sources.src.batchSize = 200",
            "a1.sources.src.channels = ch",
            "a1.channels.ch.type = " + AmpsChannel.class.getName(),
            "a1.channels.ch.clientName = a1-ch",
            "a1.channels.ch.uri1 = " + primary.uri(),
            "a1.channels.ch.uri2 = " + replica.uri(),
            "a1.channels.ch.topic = flume-ch",
            "a1.channels.ch.bookmarkLog = " + work.resolve("ch.bookmarks"),
            "a1.channels.ch.putTimeout = 10000",
            "a1.channels.ch.capacity = 1000"));
    config.addAll(ChannelIt.fileRollSink(work, 200));
    return children.start(ChannelIt.agent(work, config.toArray(new String[0])).build());
  }

  /**
   * Sync replication: the primary acknowledges a put only once the replica has it, so when the
   * primary is SIGKILLed nothing acknowledged is missing from the replica, and what was not
   * acknowledged is replayed to it by the publish store (or its put failed and the source retried).
   */
  @Test
  void nothingIsMissingWhenASyncPrimaryIsKilledMidStream() throws Exception {
    int events = 20_000;
    AmpsTestkitProcess.requireTestkit("a synchronously replicated pair whose primary is killed");
    AmpsTestkitProcess[] pair = AmpsTestkitProcess.pair(children, Duration.ofMillis(200), true);
    Path work = children.workDir("agent");
    FlumeAgent agent = agent(work, pair[0], pair[1], events);
    agent.awaitStarted(GENEROUS);
    await().atMost(GENEROUS).until(() -> ChannelIt.output(work, events).distinct() >= events / 3);
    pair[0].kill();

    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> ChannelIt.output(work, events).distinct() == events);
    SequenceReport report = ChannelIt.output(work, events);
    System.out.println("sync primary killed: " + report);
    assertEquals(0, report.missing(), report::toString);
    assertTrue(agent.counter("CHANNEL.ch", AmpsChannelCounter.RECONNECTS) >= 2);
  }
}
