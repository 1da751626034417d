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
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.PluginAgent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flume.Event;
import org.apache.flume.api.RpcClient;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events that can never be published, through a real agent: some name no topic, some go to a SOW
 * topic that refuses them (no SOW key in the body). One sink dead-letters them, one drops them;
 * both count them, log them without their bodies, commit, and keep delivering the good events. The
 * first sink's URI carries a password that must appear nowhere in the agent's log.
 */
class UnpublishablePolicyIT {
  private static final int GOOD = 200;
  private static final int NO_TOPIC = 7;
  private static final int REFUSED = 6;
  private static final String PASSWORD = "Zx9-secret-pw";
  private static final String BODY_MARKER = "private-body-";

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void unusableEventsFollowThePolicyAreCountedAndNeverBlockTheChannel() throws Exception {
    AmpsTestkitProcess amps = SinkIt.testkit(children, "amps", false, "--sow", "orders=/id");
    int avroPort = FreePorts.allocate();
    String withPassword = amps.uri().replace("tcp://", "tcp://flume:" + PASSWORD + "@");
    PluginAgent agent =
        SinkIt.agent(
            children,
            children.workDir("agent"),
            "a1.sources = src",
            "a1.channels = c1 c2",
            "a1.sinks = k1 k2",
            "a1.sources.src.type = avro",
            "a1.sources.src.bind = 127.0.0.1",
            "a1.sources.src.port = " + avroPort,
            "a1.sources.src.channels = c1 c2",
            "a1.sources.src.selector.type = replicating",
            "a1.channels.c1.type = memory",
            "a1.channels.c2.type = memory",
            "a1.sinks.k1.type = dev.sluice.flume.amps.sink.AmpsSink",
            "a1.sinks.k1.channel = c1",
            "a1.sinks.k1.clientName = flume-k1",
            "a1.sinks.k1.uri = " + withPassword,
            "a1.sinks.k1.maxBatch = 50",
            "a1.sinks.k1.pubStoreType = memory",
            "a1.sinks.k1.unpublishablePolicy = deadLetter",
            "a1.sinks.k1.deadLetterTopic = dead",
            "a1.sinks.k2.type = dev.sluice.flume.amps.sink.AmpsSink",
            "a1.sinks.k2.channel = c2",
            "a1.sinks.k2.clientName = flume-k2",
            "a1.sinks.k2.uri = " + amps.uri(),
            "a1.sinks.k2.maxBatch = 50",
            "a1.sinks.k2.commandHeader = cmd");
    agent.awaitStarted(GENEROUS);

    List<Event> events = new ArrayList<>();
    for (int i = 0; i < GOOD; i++) {
      events.add(json("{\"id\":" + i + "}", "orders"));
      if (i % 29 == 0) {
        events.add(json("{\"id\":-1,\"note\":\"" + BODY_MARKER + i + "\"}", null));
      }
      if (i % 37 == 0) {
        events.add(json("{\"no_id\":\"" + BODY_MARKER + i + "\"}", "orders"));
      }
    }
    long noTopic = events.stream().filter(e -> !e.getHeaders().containsKey("topic")).count();
    long refused = events.stream().filter(e -> bodyOf(e).contains("no_id")).count();
    assertEquals(NO_TOPIC, noTopic);
    assertEquals(REFUSED, refused);
    RpcClient client = SinkIt.rpc(avroPort, 100);
    try {
      client.appendBatch(events);
    } finally {
      client.close();
    }

    long total = events.size();
    long unusable = noTopic + refused;
    await()
        .atMost(GENEROUS)
        .until(
            () ->
                agent.counter("SINK.k1", "EventDrainSuccessCount") == total
                    && agent.counter("SINK.k2", "EventDrainSuccessCount") == total);

    // k1: dead letters, acknowledged by AMPS
    assertEquals(unusable, agent.counter("SINK.k1", "UnpublishableCount"));
    assertEquals(unusable, agent.counter("SINK.k1", "DeadLetteredCount"));
    assertEquals(refused, agent.counter("SINK.k1", "FailedWriteCount"));
    assertEquals(0, agent.counter("SINK.k1", "DroppedCount"));
    // k2: dropped, counted
    assertEquals(unusable, agent.counter("SINK.k2", "UnpublishableCount"));
    assertEquals(unusable, agent.counter("SINK.k2", "DroppedCount"));
    assertEquals(refused, agent.counter("SINK.k2", "FailedWriteCount"));
    // Both kept going: the good events are in AMPS (twice, one copy per sink).
    try (ReplaySubscriber orders = ReplaySubscriber.replay(amps.uri(), "orders");
        ReplaySubscriber dead = ReplaySubscriber.replay(amps.uri(), "dead")) {
      await().atMost(GENEROUS).until(() -> orders.count() >= 2L * GOOD && dead.count() >= unusable);
      assertEquals(2L * GOOD, orders.count());
      List<String> deadBodies = dead.bodies().stream().sorted().collect(Collectors.toList());
      assertEquals(unusable, deadBodies.size());
      assertTrue(deadBodies.stream().allMatch(b -> b.contains(BODY_MARKER)), deadBodies::toString);
    }

    String log = SinkIt.log(agent);
    assertTrue(log.contains("cannot be published"), "the policy is logged");
    assertTrue(log.contains("AMPS refused it: bad sow key"), "the refusal reason is logged");
    assertFalse(log.contains(PASSWORD), "the password leaked into the agent's log");
    assertTrue(log.contains("tcp://flume:***@"), "the URI is logged masked");
    assertFalse(log.contains(BODY_MARKER), "a body reached the log");
  }

  private static Event json(String body, String topic) {
    Map<String, String> headers = topic == null ? Map.of() : Map.of("topic", topic);
    return EventBuilder.withBody(body, StandardCharsets.UTF_8, new HashMap<>(headers));
  }

  private static String bodyOf(Event e) {
    return new String(e.getBody(), StandardCharsets.UTF_8);
  }
}
