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

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.exception.InvalidTopicException;
import com.crankuptheamps.client.exception.NameInUseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Logon, publish, subscribe, sow, sow_and_subscribe, heartbeat, persisted acks: the real client.
 */
class CoreProtocolIT {
  private AmpsTarget amps;
  private final List<AutoCloseable> clients = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    amps = AmpsTarget.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : clients) {
      c.close();
    }
    amps.close();
  }

  private Client client(String name) throws Exception {
    Client c = new Client(amps.clientName(name));
    clients.add(c);
    c.connect(amps.uri());
    c.logon();
    return c;
  }

  private String order(String key, int qty) {
    return "{\"order_key\":\""
        + amps.run()
        + "-"
        + key
        + "\",\"run\":\""
        + amps.run()
        + "\",\"qty\":"
        + qty
        + "}";
  }

  @Test
  void logonAckGivesTheClientANameHash() throws Exception {
    Client c = client("hash");
    assertTrue(c.getNameHash().matches("\\d+"), "name hash: " + c.getNameHash());
  }

  @Test
  void secondLogonWithANameInUseIsRefused() throws Exception {
    client("twin");
    Client second = new Client(amps.clientName("twin"));
    clients.add(second);
    second.connect(amps.uri());
    assertThrows(NameInUseException.class, second::logon);
  }

  @Test
  void nameIsFreedWhenItsConnectionCloses() throws Exception {
    Client first = client("reuse");
    first.close();
    Client again = new Client(amps.clientName("reuse"));
    clients.add(again);
    again.connect(amps.uri());
    await()
        .atMost(Collector.WAIT)
        .ignoreExceptions()
        .until(
            () -> {
              again.logon();
              return true;
            });
  }

  @Test
  void publishReachesEverySubscriberWithItsSubId() throws Exception {
    String topic = amps.topic("pubsub");
    Client sub = client("sub");
    Collector a = new Collector();
    Collector b = new Collector();
    sub.executeAsync(new Command("subscribe").setTopic(topic).setSubId("a"), a);
    sub.executeAsync(new Command("subscribe").setTopic(topic).setSubId("b"), b);
    Client pub = client("pub");
    for (int i = 0; i < 100; i++) {
      pub.publish(topic, "{\"n\":" + i + "}");
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add("{\"n\":" + i + "}");
    }
    assertEquals(expected, a.awaitBodies(100));
    assertEquals(expected, b.awaitBodies(100));
    Message m = a.data().get(0);
    assertEquals(topic, m.getTopic());
    assertEquals("a", m.getSubIds());
    assertTrue(
        m.getBookmark() == null || m.getBookmark().isEmpty(),
        "plain subscriptions get no bookmark");
  }

  @Test
  void regexSubscriptionSeesEveryMatchingTopicIncludingNewOnes() throws Exception {
    String base = amps.topic("rx");
    Client sub = client("rxsub");
    Collector c = new Collector();
    sub.executeAsync(new Command("subscribe").setTopic("^" + base + "/.*"), c);
    Client pub = client("rxpub");
    pub.publish(base + "/a", "{\"t\":\"a\"}");
    pub.publish(base + "-other", "{\"t\":\"x\"}");
    pub.publish(base + "/b", "{\"t\":\"b\"}");
    assertEquals(List.of("{\"t\":\"a\"}", "{\"t\":\"b\"}"), c.awaitBodies(2));
    assertEquals(
        List.of(base + "/a", base + "/b"),
        c.data().stream().map(Message::getTopic).collect(Collectors.toList()));
  }

  @Test
  void unsubscribeStopsDeliveries() throws Exception {
    String stopped = amps.topic("stopped");
    String kept = amps.topic("kept");
    Client sub = client("unsub");
    Collector gone = new Collector();
    Collector stays = new Collector();
    sub.executeAsync(new Command("subscribe").setTopic(stopped).setSubId("gone"), gone);
    sub.executeAsync(new Command("subscribe").setTopic(kept).setSubId("stays"), stays);
    sub.unsubscribe(new com.crankuptheamps.client.CommandId("gone"));
    Client pub = client("unsubpub");
    pub.publish(stopped, "{\"x\":1}");
    pub.publish(kept, "{\"x\":2}");
    stays.awaitBodies(1);
    pub.publish(kept, "{\"x\":3}");
    stays.awaitBodies(2);
    assertEquals(List.of(), gone.bodies(), "nothing after unsubscribe");
  }

  @Test
  void sowReturnsTheLatestRecordPerKeyInBatches() throws Exception {
    Client c = client("sow");
    for (int i = 0; i < 25; i++) {
      c.publish(AmpsTarget.ORDERS, order("k" + i, i));
    }
    c.publish(AmpsTarget.ORDERS, order("k3", 333));
    c.publishFlush();
    Collector results = new Collector();
    c.executeAsync(
        new Command("sow")
            .setTopic(AmpsTarget.ORDERS)
            .setFilter("/run = '" + amps.run() + "'")
            .setBatchSize(10),
        results);
    results.awaitFirst(m -> m.getCommand() == Message.Command.GroupEnd);
    List<Message> records = results.ofCommand(Message.Command.SOW);
    assertEquals(25, records.size());
    assertEquals(1, results.ofCommand(Message.Command.GroupBegin).size());
    assertTrue(
        records.stream().anyMatch(m -> m.getData().equals(order("k3", 333))),
        "the update replaced the record");
    assertFalse(records.stream().anyMatch(m -> m.getData().equals(order("k3", 3))));
    assertTrue(records.stream().allMatch(m -> m.getSowKey() != null && !m.getSowKey().isEmpty()));
    assertEquals(25, records.stream().map(Message::getSowKey).distinct().count());
  }

  @Test
  void sowAndSubscribeGivesTheSnapshotThenLiveMessages() throws Exception {
    Client c = client("sas");
    c.publish(AmpsTarget.ORDERS, order("s1", 1));
    c.publish(AmpsTarget.ORDERS, order("s2", 2));
    c.publishFlush();
    Collector got = new Collector();
    c.executeAsync(
        new Command("sow_and_subscribe")
            .setTopic(AmpsTarget.ORDERS)
            .setFilter("/run = '" + amps.run() + "'")
            .setBatchSize(1),
        got);
    got.awaitFirst(m -> m.getCommand() == Message.Command.GroupEnd);
    c.publish(AmpsTarget.ORDERS, order("s3", 3));
    List<String> bodies = got.awaitBodies(3);
    assertEquals(List.of(order("s1", 1), order("s2", 2), order("s3", 3)), bodies);
    List<Integer> commands =
        got.all().stream()
            .map(Message::getCommand)
            .filter(x -> x != Message.Command.Ack)
            .collect(Collectors.toList());
    assertEquals(
        List.of(
            Message.Command.GroupBegin,
            Message.Command.SOW,
            Message.Command.SOW,
            Message.Command.GroupEnd,
            Message.Command.Publish),
        commands);
  }

  @Test
  void sowOfATopicWithoutSowIsAnInvalidTopic() throws Exception {
    Client c = client("nosow");
    assertThrows(InvalidTopicException.class, () -> c.sow(amps.topic("plain")));
  }

  @Test
  void serverHeartbeatsReachTheClient() throws Exception {
    Client c = new Client(amps.clientName("beat"));
    clients.add(c);
    AtomicInteger beats = new AtomicInteger();
    c.setGlobalCommandTypeMessageHandler("heartbeat", m -> beats.incrementAndGet());
    c.connect(amps.uri());
    c.logon();
    c.setHeartbeat(1);
    await().atMost(Collector.WAIT).until(() -> beats.get() >= 2);
    c.publish(amps.topic("alive"), "{}");
    c.publishFlush();
  }

  @Test
  void persistedAcksEmptyTheHaClientsPublishStore() throws Exception {
    HAClient ha = HAClient.createMemoryBacked(amps.clientName("store"));
    clients.add(ha);
    DefaultServerChooser chooser = new DefaultServerChooser();
    chooser.add(amps.uri());
    ha.setServerChooser(chooser);
    ha.connectAndLogon();
    for (int i = 0; i < 500; i++) {
      ha.publish(amps.topic("stored"), "{\"i\":" + i + "}");
    }
    ha.publishFlush(10_000);
    assertEquals(0, ha.getPublishStore().unpersistedCount());
  }

  @Test
  void publishFlushWithoutAStoreReturnsOnceTheServerHasEveryEarlierPublish() throws Exception {
    AmpsTestServer server =
        amps.server(); // reads the server's log size at the moment flush returns
    Client c = client("flush");
    long before = server.transactionLogSize();
    for (int i = 0; i < 200; i++) {
      c.publish(amps.topic("flushed"), "{\"i\":" + i + "}");
    }
    c.publishFlush(5_000);
    assertEquals(
        before + 200, server.transactionLogSize(), "flush returned before the server had them");
  }

  @Test
  void publishFlushWithoutAStoreBlocksUntilTheServerAnswers() throws Exception {
    AmpsTestServer server = amps.server(); // holds the server's answer back with a stall
    Client c = client("flush-wait");
    for (String ackType : List.of("processed", "persisted")) {
      c.publish(amps.topic("held"), "{}");
      server.stall(Duration.ofMinutes(1));
      CompletableFuture<Void> flush =
          CompletableFuture.runAsync(
              () -> {
                try {
                  c.publishFlush(ackType, 60_000);
                } catch (Exception e) {
                  throw new CompletionException(e);
                }
              });
      await().during(Duration.ofMillis(500)).atMost(Collector.WAIT).until(() -> !flush.isDone());
      server.endStall();
      flush.get(Collector.WAIT.toSeconds(), TimeUnit.SECONDS); // returns once the server answers
    }
  }
}
