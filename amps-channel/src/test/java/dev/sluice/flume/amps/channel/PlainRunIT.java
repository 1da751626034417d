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

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.SequenceReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real agent: Flume's seq source puts into amps-channel on a testkit process, file_roll takes.
 * Every number arrives exactly once and in order; the channel's counters agree.
 */
class PlainRunIT {
  private static final int EVENTS = 30_000;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void everyEventPutIsTakenOnceAndInTopicOrder() throws Exception {
    String uri = ChannelIt.server(children).uri();
    Path work = children.workDir("agent");
    FlumeAgent agent =
        children.start(
            ChannelIt.agent(
                    work,
                    ChannelIt.lines(
                        List.of(
                            "a1.sources = src",
                            "a1.channels = ch",
                            "a1.sinks = k1",
                            "a1.sources.src.type = seq",
                            "a1.sources.src.totalEvents = " + EVENTS,
                            "a1.sources.src.batchSize = 500",
                            "a1.sources.src.channels = ch"),
                        ChannelIt.channel(uri, work),
                        ChannelIt.fileRollSink(work, 500)))
                .build());
    agent.awaitStarted(GENEROUS);
    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> ChannelIt.output(work, EVENTS).distinct() == EVENTS);
    SequenceReport report = ChannelIt.output(work, EVENTS);
    assertEquals(0, report.missing(), report::toString);
    assertEquals(0, report.duplicates(), report::toString);
    List<Long> order = ChannelIt.outputInOrder(work);
    for (int i = 0; i < order.size(); i++) {
      assertEquals(i, order.get(i), "the " + i + "th line");
    }
    await()
        .atMost(GENEROUS)
        .until(() -> agent.counter("CHANNEL.ch", "EventTakeSuccessCount") == EVENTS);
    assertEquals(EVENTS, agent.counter("CHANNEL.ch", "EventPutSuccessCount"));
    assertEquals(0, agent.counter("CHANNEL.ch", "ChannelSize"));
    assertEquals(0, agent.counter("CHANNEL.ch", AmpsChannelCounter.UNDECODABLE));
  }
}
