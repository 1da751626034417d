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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.SequenceReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real agents started with a bad channel configuration, and with the AMPS server not yet up: clear
 * errors in the agent's log, the agent keeps running, and once the server is there every event
 * arrives.
 */
class StartupErrorsIT {
  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void badValuesAreReportedTogetherAndTheRestOfTheAgentRuns() throws Exception {
    Path work = children.workDir("agent");
    Files.createDirectories(work.resolve("out"));
    FlumeAgent agent =
        children.start(
            ChannelIt.agent(
                    work,
                    "a1.sources = src ok",
                    "a1.channels = ch mem",
                    "a1.sinks = k1 k2",
                    "a1.sources.src.type = seq",
                    "a1.sources.src.totalEvents = 10",
                    "a1.sources.src.channels = ch",
                    "a1.channels.ch.type = " + AmpsChannel.class.getName(),
                    "a1.channels.ch.clientName = a1-ch",
                    "a1.channels.ch.uri = tcp://ops:Hunter2-pw@127.0.0.1:9007/json",
                    "a1.channels.ch.capacity = lots",
                    "a1.channels.ch.putTimeout = -5",
                    "a1.channels.ch.pollTimout = 100",
                    "a1.sinks.k1.type = logger",
                    "a1.sinks.k1.channel = ch",
                    // A second flow that must keep running.
                    "a1.sources.ok.type = seq",
                    "a1.sources.ok.totalEvents = 100",
                    "a1.sources.ok.channels = mem",
                    "a1.channels.mem.type = memory",
                    "a1.sinks.k2.type = file_roll",
                    "a1.sinks.k2.channel = mem",
                    "a1.sinks.k2.sink.directory = " + work.resolve("out"),
                    "a1.sinks.k2.sink.rollInterval = 0")
                .build());
    List<String> expected =
        List.of(
            "Invalid configuration for channel 'ch' (amps-channel):",
            "uri = 'tcp://ops:***@127.0.0.1:9007/json': must be an AMPS URI such as"
                + " tcp://host:9007/amps/json (the path must be /amps/<message type>",
            "capacity = 'lots': must be an integer",
            "putTimeout = '-5'",
            "topic",
            "bookmarkLog",
            "Channel ch has been removed due to an error during configuration");
    await()
        .atMost(GENEROUS)
        .until(() -> expected.stream().allMatch(line -> ChannelIt.log(agent).contains(line)));
    String log = ChannelIt.log(agent);
    assertTrue(
        log.contains(
            "pollTimout = '100': not a key of this component; did you mean 'pollTimeout'?"),
        "the typo is pointed out");
    assertFalse(log.contains("Hunter2-pw"), "the password leaked into the agent's log");
    await().atMost(GENEROUS).until(() -> ChannelIt.output(work, 100).distinct() == 100);
    assertTrue(agent.isAlive(), "the agent kept running");
  }

  @Test
  void anUnreachableServerAtStartFailsPutsClearlyAndEverythingArrivesOnceItIsUp() throws Exception {
    int events = 5_000;
    // Started to fix its port, then killed: the agent starts with no server there.
    AmpsTestkitProcess amps =
        ChannelIt.testkit(
            children, "amps", "a server that is down at the start and comes up later");
    amps.kill();
    String uri = amps.uri();
    Path work = children.workDir("agent");
    List<String> config = new ArrayList<>();
    config.addAll(
        List.of(
            "a1.sources = src",
            "a1.channels = ch",
            "a1.sinks = k1",
            "a1.sources.src.type = seq",
            "a1.sources.src.totalEvents = " + events,
            "a1.sources.src.batchSize = 100",
            "a1.sources.src.channels = ch"));
    config.addAll(ChannelIt.channel(uri, work, "a1.channels.ch.putTimeout = 1000"));
    config.addAll(ChannelIt.fileRollSink(work, 100));
    FlumeAgent agent = children.start(ChannelIt.agent(work, config.toArray(new String[0])).build());
    agent.awaitStarted(GENEROUS);
    await()
        .atMost(GENEROUS)
        .until(() -> agent.counter("CHANNEL.ch", AmpsChannelCounter.PUT_FAILURES) >= 2);
    // The first connect attempt's failure is usually logged within milliseconds, but an attempt
    // can take up to the client's 10 s logon timeout (a loaded machine, or a connection the
    // kernel accepted on the freed port), so two put failures do not imply it has been logged yet.
    await()
        .atMost(GENEROUS)
        .until(() -> ChannelIt.log(agent).contains("Channel 'ch': cannot connect a1-ch-put to"));
    String log = ChannelIt.log(agent);
    assertTrue(log.contains("events were not persisted by AMPS"), "the put failure is logged");
    assertTrue(log.contains("not connected to AMPS [" + uri + "] within putTimeout"), log);
    assertEquals(0, agent.counter("CHANNEL.ch", "EventPutSuccessCount"));

    amps.restart();
    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> ChannelIt.output(work, events).distinct() == events);
    SequenceReport report = ChannelIt.output(work, events);
    assertEquals(0, report.missing(), report::toString);
    assertTrue(agent.isAlive());
  }
}
