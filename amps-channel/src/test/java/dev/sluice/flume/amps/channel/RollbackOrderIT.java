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
import dev.sluice.flume.testsupport.TestClassesPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real agent whose sink rolls back every third batch: the rolled-back events come back first and
 * in order, so the output is exactly 0..N-1 in order, nothing lost or repeated.
 */
class RollbackOrderIT {
  private static final int EVENTS = 20_000;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void rolledBackBatchesAreTakenAgainFirstAndInOrder() throws Exception {
    String uri = ChannelIt.server(children).uri();
    Path work = children.workDir("agent");
    Path out = work.resolve("out.txt");
    List<String> config = new ArrayList<>();
    config.addAll(
        List.of(
            "a1.sources = src",
            "a1.channels = ch",
            "a1.sinks = k1",
            "a1.sources.src.type = seq",
            "a1.sources.src.totalEvents = " + EVENTS,
            "a1.sources.src.batchSize = 100",
            "a1.sources.src.channels = ch",
            "a1.sinks.k1.type = " + EveryThirdBatchFailsSink.class.getName(),
            "a1.sinks.k1.channel = ch",
            "a1.sinks.k1.file = " + out,
            "a1.sinks.k1.batchSize = 100"));
    config.addAll(ChannelIt.channel(uri, work, "a1.channels.ch.capacity = 1000"));
    FlumeAgent agent =
        children.start(
            ChannelIt.agent(work, config.toArray(new String[0]))
                .plugin(
                    TestClassesPlugin.write(
                        work.resolve("test-sink"), EveryThirdBatchFailsSink.class))
                .build());
    agent.awaitStarted(GENEROUS);
    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                Files.exists(out)
                    && SequenceChecker.expecting(0, EVENTS).addFile(out).report().distinct()
                        == EVENTS);
    List<String> lines = Files.readAllLines(out);
    assertEquals(EVENTS, lines.size(), "no event written twice");
    for (int i = 0; i < EVENTS; i++) {
      assertEquals(Integer.toString(i), lines.get(i), "line " + i);
    }
    long rolledBack = agent.counter("CHANNEL.ch", AmpsChannelCounter.ROLLED_BACK_TAKES);
    assertTrue(rolledBack >= EVENTS / 100 / 3 * 50, "rollbacks happened: " + rolledBack);
  }
}
