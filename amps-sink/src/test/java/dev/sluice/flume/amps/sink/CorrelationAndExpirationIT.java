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

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.Message;
import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.PluginAgent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flume.Event;
import org.apache.flume.api.RpcClient;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink's {@code correlationIdHeader} and {@code expirationHeader} reach a real subscriber end
 * to end: a real agent publishes through the real client to the testkit in its own process; a
 * subscriber sees each event's correlation id on its message, and the events given an expiration
 * leave the SOW (with an {@code expired} out-of-focus notice) while the others stay.
 */
class CorrelationAndExpirationIT {
  private static final int EVENTS = 20;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  private static String correlationId(int id) {
    return "Q29ycg" + id; // correlation ids use Base64 characters
  }

  @Test
  void correlationIdsAndExpirationsFromHeadersReachTheSubscriber() throws Exception {
    AmpsTestkitProcess amps = SinkIt.testkit(children, "amps", false, "--sow", "orders=/id");
    Map<Integer, String> correlationIds = new ConcurrentHashMap<>();
    Set<String> expiredKeys = ConcurrentHashMap.newKeySet();
    Map<String, Integer> idsByKey = new ConcurrentHashMap<>();
    try (Client subscriber = new Client("observer")) {
      subscriber.connect(amps.uri());
      subscriber.logon();
      subscriber.executeAsync(
          new Command("subscribe").setTopic("orders").setOptions("oof"),
          m -> {
            if (m.getCommand() == Message.Command.Publish) {
              int id = id(m.getData());
              idsByKey.put(m.getSowKey(), id);
              correlationIds.put(id, m.getCorrelationId() == null ? "" : m.getCorrelationId());
            } else if (m.getCommand() == Message.Command.OOF
                && "expired".equals(m.getReasonText())) {
              expiredKeys.add(m.getSowKey());
            }
          });

      int avroPort = FreePorts.allocate();
      PluginAgent agent =
          SinkIt.agent(
              children,
              children.workDir("agent"),
              "a1.sources = src",
              "a1.channels = c1",
              "a1.sinks = k1",
              "a1.sources.src.type = avro",
              "a1.sources.src.bind = 127.0.0.1",
              "a1.sources.src.port = " + avroPort,
              "a1.sources.src.channels = c1",
              "a1.channels.c1.type = memory",
              "a1.sinks.k1.type = dev.sluice.flume.amps.sink.AmpsSink",
              "a1.sinks.k1.channel = c1",
              "a1.sinks.k1.clientName = flume-k1",
              "a1.sinks.k1.uri = " + amps.uri(),
              "a1.sinks.k1.maxBatch = 50",
              "a1.sinks.k1.correlationIdHeader = corr",
              "a1.sinks.k1.expirationHeader = ttl");
      agent.awaitStarted(GENEROUS);

      List<Event> events = new ArrayList<>();
      Set<Integer> expiring = new TreeSet<>();
      Set<Integer> lasting = new TreeSet<>();
      for (int i = 0; i < EVENTS; i++) {
        Map<String, String> headers = new HashMap<>();
        headers.put("topic", "orders");
        headers.put("corr", correlationId(i));
        if (i % 2 == 0) {
          headers.put("ttl", "1");
          expiring.add(i);
        } else {
          lasting.add(i);
        }
        events.add(EventBuilder.withBody("{\"id\":" + i + "}", StandardCharsets.UTF_8, headers));
      }
      RpcClient client = SinkIt.rpc(avroPort, EVENTS);
      try {
        client.appendBatch(events);
      } finally {
        client.close();
      }

      await().atMost(GENEROUS).until(() -> correlationIds.size() == EVENTS);
      Map<Integer, String> expected = new TreeMap<>();
      for (int i = 0; i < EVENTS; i++) {
        expected.put(i, correlationId(i));
      }
      assertEquals(expected, new TreeMap<>(correlationIds), "each message's correlation id");

      await().atMost(GENEROUS).until(() -> expiredKeys.size() >= expiring.size());
      Set<Integer> expired = new TreeSet<>();
      for (String k : expiredKeys) {
        expired.add(idsByKey.get(k));
      }
      assertEquals(expiring, expired, "the events with an expiration, and only they, expired");
      assertEquals(lasting, sowIds(subscriber), "the SOW keeps the events without one");
      assertEquals(EVENTS, SinkIt.sink(agent, "EventDrainSuccessCount"));
    }
  }

  private static int id(String body) {
    return Integer.parseInt(body.replaceAll("[^0-9]", ""));
  }

  private static Set<Integer> sowIds(Client c) throws Exception {
    Set<Integer> ids = new TreeSet<>();
    for (Message m : c.sow("orders")) {
      if (m.getCommand() == Message.Command.SOW) {
        ids.add(id(m.getData()));
      }
    }
    return ids;
  }
}
