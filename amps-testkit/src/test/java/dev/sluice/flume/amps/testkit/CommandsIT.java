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
package dev.sluice.flume.amps.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.exception.AuthenticationException;
import com.crankuptheamps.client.exception.BadRegexTopicException;
import com.crankuptheamps.client.exception.InvalidMessageTypeException;
import com.crankuptheamps.client.exception.SubidInUseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ack types, delta publish and subscribe, sow_delete (filter, keys, data), out-of-focus notices,
 * error reasons and accepted-but-ignored options, through the real client.
 */
class CommandsIT {
  private AmpsTarget amps;
  private Client client;

  @BeforeEach
  void start() throws Exception {
    amps = AmpsTarget.start();
    client = new Client(amps.clientName("commands"));
    client.connect(amps.uri());
    client.logon();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    amps.close();
  }

  private String order(String key, String fields) {
    return "{\"order_key\":\""
        + amps.run()
        + "-"
        + key
        + "\",\"run\":\""
        + amps.run()
        + "\","
        + fields
        + "}";
  }

  private String runFilter() {
    return "/run = '" + amps.run() + "'";
  }

  private List<String> sowBodies(String filter) throws Exception {
    List<String> out = new ArrayList<>();
    for (Message m : client.sow(AmpsTarget.ORDERS, filter)) {
      if (m.getCommand() == Message.Command.SOW) {
        out.add(m.getData());
      }
    }
    return out;
  }

  private static Map<Integer, Integer> acksByType(Collector c) {
    return c.acks().stream()
        .collect(Collectors.toMap(Message::getAckType, Message::getStatus, (a, b) -> a));
  }

  @Test
  void publishGetsEachAckTypeItAsksFor() throws Exception {
    Collector acks = new Collector();
    client.executeAsync(
        new Command("publish")
            .setTopic(amps.topic("acked"))
            .setData("{}")
            .setAckType(
                Message.AckType.Received | Message.AckType.Processed | Message.AckType.Persisted),
        acks);
    acks.awaitFirst(m -> m.getAckType() == Message.AckType.Persisted);
    acks.awaitFirst(m -> m.getAckType() == Message.AckType.Received);
    acks.awaitFirst(m -> m.getAckType() == Message.AckType.Processed);
    assertTrue(
        acksByType(acks).values().stream().allMatch(s -> s == Message.Status.Success),
        "all succeed: " + acksByType(acks));
  }

  @Test
  void sowAsksForCompletedAndStats() throws Exception {
    for (int i = 0; i < 3; i++) {
      client.publish(AmpsTarget.ORDERS, order("st" + i, "\"i\":" + i));
    }
    client.publishFlush();
    Collector c = new Collector();
    client.executeAsync(
        new Command("sow")
            .setTopic(AmpsTarget.ORDERS)
            .setFilter(runFilter())
            .addAckType(Message.AckType.Completed)
            .addAckType(Message.AckType.Stats),
        c);
    Message stats = c.awaitFirst(m -> m.getAckType() == Message.AckType.Stats);
    c.awaitFirst(m -> m.getAckType() == Message.AckType.Completed);
    assertEquals(3, stats.getRecordsReturned());
    assertEquals(3, c.ofCommand(Message.Command.SOW).size());
  }

  @Test
  void topNLimitsASowQuery() throws Exception {
    for (int i = 0; i < 5; i++) {
      client.publish(AmpsTarget.ORDERS, order("top" + i, "\"i\":" + i));
    }
    client.publishFlush();
    Collector c = new Collector();
    client.executeAsync(
        new Command("sow").setTopic(AmpsTarget.ORDERS).setFilter(runFilter()).setTopN(2), c);
    c.awaitFirst(m -> m.getCommand() == Message.Command.GroupEnd);
    assertEquals(2, c.ofCommand(Message.Command.SOW).size());
  }

  @Test
  void logonWithAnotherMessageTypeIsRefused() throws Exception {
    amps.server();
    try (Client xml = new Client(amps.clientName("xml"))) {
      xml.connect(amps.uri().replace("/amps/json", "/amps/xml"));
      Exception e = assertThrows(Exception.class, xml::logon);
      Throwable t = e;
      while (t != null && !(t instanceof InvalidMessageTypeException)) {
        t = t.getCause();
      }
      assertTrue(t != null, "caused by InvalidMessageTypeException: " + e);
    }
  }

  @Test
  void deltaPublishMergesIntoTheStoredRecord() throws Exception {
    client.publish(AmpsTarget.ORDERS, order("d1", "\"a\":1,\"b\":{\"x\":1,\"y\":2}"));
    client.deltaPublish(AmpsTarget.ORDERS, order("d1", "\"b\":{\"y\":3},\"c\":true"));
    client.publishFlush();
    assertEquals(
        List.of(order("d1", "\"a\":1,\"b\":{\"x\":1,\"y\":3},\"c\":true")), sowBodies(runFilter()));
  }

  @Test
  void deltaSubscribersGetOnlyWhatChanged() throws Exception {
    client.publish(AmpsTarget.ORDERS, order("d2", "\"a\":1,\"b\":2"));
    client.publishFlush();
    Collector delta = new Collector();
    Collector full = new Collector();
    client.executeAsync(
        new Command("sow_and_delta_subscribe").setTopic(AmpsTarget.ORDERS).setFilter(runFilter()),
        delta);
    client.executeAsync(
        new Command("subscribe").setTopic(AmpsTarget.ORDERS).setFilter(runFilter()), full);
    delta.awaitFirst(m -> m.getCommand() == Message.Command.GroupEnd);
    client.publish(AmpsTarget.ORDERS, order("d2", "\"a\":1,\"b\":5"));
    List<String> got = delta.awaitBodies(2);
    assertEquals(order("d2", "\"a\":1,\"b\":2"), got.get(0), "the snapshot is whole");
    String change = got.get(1);
    assertTrue(change.contains("\"b\":5") && change.contains("order_key"), change);
    assertTrue(!change.contains("\"a\":1"), "unchanged fields are left out: " + change);
    assertEquals(List.of(order("d2", "\"a\":1,\"b\":5")), full.awaitBodies(1));
  }

  @Test
  void sowDeleteByFilterByKeysAndByData() throws Exception {
    for (int i = 0; i < 6; i++) {
      client.publish(AmpsTarget.ORDERS, order("x" + i, "\"i\":" + i));
    }
    client.publishFlush();
    Message byFilter = client.sowDelete(AmpsTarget.ORDERS, runFilter() + " AND /i < 2", 5000);
    assertEquals(2, byFilter.getMatches());

    String key = null;
    for (Message m : client.sow(AmpsTarget.ORDERS, runFilter() + " AND /i = 2")) {
      if (m.getCommand() == Message.Command.SOW) {
        key = m.getSowKey();
      }
    }
    Collector byKeys = new Collector();
    client.sowDeleteByKeys(byKeys, AmpsTarget.ORDERS, key, 5000);
    assertEquals(1, byKeys.awaitFirst(m -> m.getAckType() == Message.AckType.Stats).getMatches());

    Collector byData = new Collector();
    client.sowDeleteByData(byData, AmpsTarget.ORDERS, order("x3", "\"i\":3"), 5000);
    assertEquals(1, byData.awaitFirst(m -> m.getAckType() == Message.AckType.Stats).getMatches());

    assertEquals(List.of(order("x4", "\"i\":4"), order("x5", "\"i\":5")), sowBodies(runFilter()));
  }

  @Test
  void outOfFocusNoticesWhenARecordLeavesTheFilterOrIsDeleted() throws Exception {
    client.publish(AmpsTarget.ORDERS, order("o1", "\"qty\":50"));
    client.publish(AmpsTarget.ORDERS, order("o2", "\"qty\":60"));
    client.publishFlush();
    Collector c = new Collector();
    client.executeAsync(
        new Command("sow_and_subscribe")
            .setTopic(AmpsTarget.ORDERS)
            .setFilter(runFilter() + " AND /qty > 10")
            .setOptions("oof"),
        c);
    c.awaitFirst(m -> m.getCommand() == Message.Command.GroupEnd);
    client.publish(AmpsTarget.ORDERS, order("o1", "\"qty\":5"));
    client.sowDelete(AmpsTarget.ORDERS, runFilter() + " AND /qty = 60", 5000);
    c.awaitFirst(m -> m.getCommand() == Message.Command.OOF && m.getData().contains("60"));
    List<Message> oof = c.ofCommand(Message.Command.OOF);
    assertEquals(2, oof.size());
    assertEquals(order("o1", "\"qty\":5"), oof.get(0).getData());
    assertEquals(order("o2", "\"qty\":60"), oof.get(1).getData());
  }

  @Test
  void aBadRegexTopicIsRefused() {
    assertThrows(
        BadRegexTopicException.class,
        () -> client.execute(new Command("subscribe").setTopic("orders[")));
  }

  @Test
  void aSubIdInUseIsRefusedUnlessReplaced() throws Exception {
    String topic = amps.topic("subid");
    Collector first = new Collector();
    client.executeAsync(new Command("subscribe").setTopic(topic).setSubId("same"), first);
    assertThrows(
        SubidInUseException.class,
        () ->
            client.executeAsync(
                new Command("subscribe").setTopic(topic).setSubId("same"), new Collector()));
    Collector replaced = new Collector();
    client.executeAsync(
        new Command("subscribe")
            .setTopic(topic)
            .setSubId("same")
            .setFilter("/v = 2")
            .setOptions("replace"),
        replaced);
    client.publish(topic, "{\"v\":1}");
    client.publish(topic, "{\"v\":2}");
    List<String> got = replaced.awaitBodies(1);
    assertEquals("{\"v\":2}", got.get(got.size() - 1));
  }

  @Test
  void unimplementedOptionsAreAcceptedWithOneWarningEach() throws Exception {
    AmpsTestServer server = amps.server();
    List<String> warnings = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            synchronized (warnings) {
              warnings.add(r.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger log = Logger.getLogger("dev.sluice.flume.amps.testkit");
    log.addHandler(capture);
    try {
      String topic = amps.topic("opts");
      for (int i = 0; i < 2; i++) {
        Collector c = new Collector();
        client.executeAsync(
            new Command("subscribe")
                .setTopic(topic)
                .setOptions("projection=[/a],grouping=[/b],conflation=1s,oof"),
            c);
        client.publish(topic, "{\"i\":" + i + "}");
        c.awaitBodies(1);
      }
    } finally {
      log.removeHandler(capture);
    }
    assertTrue(server.port() > 0);
    for (String option : List.of("projection", "grouping", "conflation")) {
      long n;
      synchronized (warnings) {
        n = warnings.stream().filter(w -> w.contains("option '" + option + "'")).count();
      }
      assertEquals(1, n, option + " warned once: " + warnings);
    }
    synchronized (warnings) {
      assertTrue(warnings.stream().noneMatch(w -> w.contains("'oof'")), "oof is implemented");
    }
  }

  @Test
  void logonWithUnknownCredentialsIsAnAuthenticationFailure() throws Exception {
    amps.server();
    try (AmpsTestServer secured =
            AmpsTestServer.builder().users(Map.of("alice", "secret")).start();
        Client good = new Client("good");
        Client bad = new Client("bad")) {
      good.connect("tcp://alice:secret@127.0.0.1:" + secured.port() + "/amps/json");
      good.logon();
      bad.connect("tcp://alice:wrong@127.0.0.1:" + secured.port() + "/amps/json");
      assertThrows(AuthenticationException.class, bad::logon);
    }
  }
}
