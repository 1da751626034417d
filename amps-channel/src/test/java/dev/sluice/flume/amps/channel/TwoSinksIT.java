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

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real agent with two sinks on one amps-channel, each with its own sink runner (no sink group),
 * so two threads take and commit concurrently: every number arrives exactly once over both, each
 * sink's share is in topic order, and both sinks did take a real share.
 */
class TwoSinksIT {
  private static final int EVENTS = 60_000;
  private static final int BATCH = 200;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void twoSinkRunnersTakingConcurrentlyGetEveryEventOnceBetweenThem() throws Exception {
    String uri = ChannelIt.server(children).uri();
    Path work = children.workDir("agent");
    List<String> config =
        new ArrayList<>(
            List.of(
                "a1.sources = src",
                "a1.channels = ch",
                "a1.sinks = k1 k2",
                "a1.sources.src.type = seq",
                "a1.sources.src.totalEvents = " + EVENTS,
                "a1.sources.src.batchSize = 500",
                "a1.sources.src.channels = ch"));
    config.addAll(ChannelIt.channel(uri, work));
    for (String sink : List.of("k1", "k2")) {
      Path out = Files.createDirectories(work.resolve("out").resolve(sink));
      config.add("a1.sinks." + sink + ".type = file_roll");
      config.add("a1.sinks." + sink + ".channel = ch");
      config.add("a1.sinks." + sink + ".sink.directory = " + out);
      config.add("a1.sinks." + sink + ".sink.rollInterval = 0");
      config.add("a1.sinks." + sink + ".sink.batchSize = " + BATCH);
    }
    FlumeAgent agent = children.start(ChannelIt.agent(work, config.toArray(new String[0])).build());
    agent.awaitStarted(GENEROUS);
    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> both(work).distinct() == EVENTS);
    await()
        .atMost(GENEROUS)
        .until(() -> agent.counter("CHANNEL.ch", "EventTakeSuccessCount") == EVENTS);

    SequenceReport report = both(work);
    assertEquals(0, report.missing(), report::toString);
    assertEquals(0, report.duplicates(), report::toString);
    long k1 = agent.counter("SINK.k1", "EventDrainSuccessCount");
    long k2 = agent.counter("SINK.k2", "EventDrainSuccessCount");
    assertEquals(EVENTS, k1 + k2, "k1 " + k1 + " + k2 " + k2);
    assertTrue(
        k1 >= EVENTS / 10 && k2 >= EVENTS / 10,
        "both sinks take a real share: k1 " + k1 + ", k2 " + k2);
    for (String sink : List.of("k1", "k2")) {
      List<Long> order = inOrder(work.resolve("out").resolve(sink));
      for (int i = 1; i < order.size(); i++) {
        assertTrue(
            order.get(i) > order.get(i - 1),
            sink + " wrote " + order.get(i) + " after " + order.get(i - 1));
      }
    }
    assertEquals(EVENTS, agent.counter("CHANNEL.ch", "EventPutSuccessCount"));
    assertEquals(EVENTS, agent.counter("CHANNEL.ch", AmpsChannelCounter.DISCARDED));
    assertEquals(0, agent.counter("CHANNEL.ch", "ChannelSize"));
  }

  private static SequenceReport both(Path work) {
    SequenceChecker checker = SequenceChecker.expecting(0, EVENTS);
    for (String sink : List.of("k1", "k2")) {
      checker.addFiles(work.resolve("out").resolve(sink));
    }
    return checker.report();
  }

  private static List<Long> inOrder(Path dir) throws IOException {
    List<Long> out = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        for (String line : Files.readAllLines(f)) {
          if (!line.isBlank()) {
            out.add(Long.parseLong(line.trim()));
          }
        }
      }
    }
    return out;
  }
}
