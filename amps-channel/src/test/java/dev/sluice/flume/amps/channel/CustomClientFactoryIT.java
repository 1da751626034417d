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

import dev.sluice.flume.amps.channel.testfactory.MarkingClientFactory;
import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.SequenceReport;
import dev.sluice.flume.testsupport.TestClassesPlugin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real agent whose amps-channel names a {@code clientFactoryClass} shipped in a jar of its own
 * (as a user installs one): both of the channel's clients come from it, under the names it chooses,
 * and every event goes through them; a factory whose put client has no publish store is refused
 * with the reason, and puts fail instead of being acknowledged without persisted acks.
 */
class CustomClientFactoryIT {
  private static final int EVENTS = 5_000;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void bothClientsComeFromTheFactoryAndCarryEveryEvent() throws Exception {
    AmpsTestkitProcess amps = ChannelIt.server(children);
    Path work = children.workDir("agent");
    Path marker = work.resolve("factory-calls.txt");
    FlumeAgent agent = children.start(agent(amps, work, marker, false).build());
    agent.awaitStarted(GENEROUS);
    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> ChannelIt.output(work, EVENTS).distinct() == EVENTS);
    SequenceReport report = ChannelIt.output(work, EVENTS);
    assertEquals(0, report.missing(), report::toString);
    assertEquals(0, report.duplicates(), report::toString);
    String put = MarkingClientFactory.nameFor(ChannelIt.CLIENT_NAME + "-put");
    String take = MarkingClientFactory.nameFor(ChannelIt.CLIENT_NAME + "-take");
    assertEquals(
        new TreeSet<>(List.of(put, take)),
        new TreeSet<>(Files.readAllLines(marker, StandardCharsets.UTF_8)),
        "one call per client, each with its own clientName");
    if (AmpsTestkitProcess.externalUri() == null) {
      String status = amps.control("status");
      assertTrue(status.contains(put) && status.contains(take), status);
    }
    assertEquals(EVENTS, agent.counter("CHANNEL.ch", "EventPutSuccessCount"));
  }

  @Test
  void aPutClientWithoutAPublishStoreIsRefusedAndPutsFail() throws Exception {
    AmpsTestkitProcess amps = ChannelIt.server(children);
    Path work = children.workDir("agent");
    Path marker = work.resolve("factory-calls.txt");
    FlumeAgent agent = children.start(agent(amps, work, marker, true).build());
    agent.awaitStarted(GENEROUS);
    await()
        .atMost(GENEROUS)
        .until(() -> agent.counter("CHANNEL.ch", AmpsChannelCounter.PUT_FAILURES) >= 2);
    String log = ChannelIt.log(agent);
    assertTrue(
        log.contains(
            "returned a client without a publish store for " + ChannelIt.CLIENT_NAME + "-put"),
        "the refusal names the client and the reason");
    assertEquals(0, agent.counter("CHANNEL.ch", "EventPutSuccessCount"));
    String put = MarkingClientFactory.nameFor(ChannelIt.CLIENT_NAME + "-put");
    assertEquals(
        1,
        Files.readAllLines(marker, StandardCharsets.UTF_8).stream().filter(put::equals).count(),
        "the factory is not called again for a put client the channel refused");
  }

  private static FlumeAgent.Builder agent(
      AmpsTestkitProcess amps, Path work, Path marker, boolean withoutPublishStore)
      throws Exception {
    List<String> config =
        new ArrayList<>(
            List.of(
                "a1.sources = src",
                "a1.channels = ch",
                "a1.sinks = k1",
                "a1.sources.src.type = seq",
                "a1.sources.src.totalEvents = " + EVENTS,
                "a1.sources.src.batchSize = 500",
                "a1.sources.src.channels = ch"));
    for (String line : ChannelIt.channel(amps.uri(), work, "a1.channels.ch.putTimeout = 2000")) {
      if (!line.contains("strictConfig")) { // the factory's own keys are not the channel's
        config.add(line);
      }
    }
    config.add("a1.channels.ch.clientFactoryClass = " + MarkingClientFactory.class.getName());
    config.add("a1.channels.ch.markerFile = " + marker);
    config.add("a1.channels.ch.withoutPublishStore = " + withoutPublishStore);
    config.addAll(ChannelIt.fileRollSink(work, 500));
    return ChannelIt.agent(work, config.toArray(new String[0]))
        .plugin(TestClassesPlugin.write(work.resolve("factory"), MarkingClientFactory.class));
  }
}
