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
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's publish stores replay what the server never acknowledged, after a server restart
 * (memory store) and after a client restart (file store), and the server stores each message once:
 * counted end to end by replaying the transaction log.
 */
class PublishStoreReplayIT {
  private AmpsTarget amps;
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    amps = AmpsTarget.start();
  }

  @AfterEach
  void stop() {
    amps.close();
  }

  private static String body(int n) {
    return "{\"n\":" + n + "}";
  }

  private HAClient connect(HAClient c) throws Exception {
    DefaultServerChooser chooser = new DefaultServerChooser();
    chooser.add(amps.uri());
    c.setServerChooser(chooser);
    c.setReconnectDelay(50);
    c.connectAndLogon();
    return c;
  }

  /** Every message in the topic's log, in order, read back with a fresh bookmark subscription. */
  private List<String> logged(String topic, int expected) throws Exception {
    try (Client reader = new Client(amps.clientName("reader-" + expected))) {
      reader.connect(amps.uri());
      reader.logon();
      Collector c = new Collector();
      reader.executeAsync(new Command("subscribe").setTopic(topic).setBookmark("0"), c);
      c.awaitBodies(expected);
      // A marker published now arrives after everything logged before it.
      reader.publish(topic, "{\"end\":true}");
      c.awaitFirst(m -> m.getData().contains("end"));
      return c.bodies().stream().filter(b -> !b.contains("end")).collect(Collectors.toList());
    }
  }

  private static List<String> bodies(int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(PublishStoreReplayIT::body)
        .collect(Collectors.toList());
  }

  @Test
  void memoryStoreReplaysWhatARestartedServerNeverRead() throws Exception {
    AmpsTestServer server = amps.server();
    String topic = amps.topic("mem");
    try (HAClient pub = connect(HAClient.createMemoryBacked(amps.clientName("mem")))) {
      for (int i = 1; i <= 100; i++) {
        pub.publish(topic, body(i));
      }
      pub.publishFlush(10_000);
      server.stall(Duration.ofMinutes(5));
      for (int i = 101; i <= 200; i++) {
        pub.publish(topic, body(i));
      }
      assertEquals(100, pub.getPublishStore().unpersistedCount(), "the stalled server acked none");
      server.restart(); // the unread bytes are lost with the connection
      pub.publishFlush(20_000);
      assertEquals(0, pub.getPublishStore().unpersistedCount());
    }
    assertEquals(bodies(1, 200), logged(topic, 200));
  }

  @Test
  void memoryStoreResendsUnackedMessagesWhichTheServerStoresOnce() throws Exception {
    AmpsTestServer server = amps.server();
    String topic = amps.topic("dup");
    try (HAClient pub = connect(HAClient.createMemoryBacked(amps.clientName("dup")))) {
      server.delayPersistedAcks(Duration.ofHours(1));
      for (int i = 1; i <= 50; i++) {
        pub.publish(topic, body(i));
      }
      await().atMost(Collector.WAIT).until(() -> server.transactionLogSize() >= 50);
      assertEquals(50, pub.getPublishStore().unpersistedCount());
      server.restart(); // acks never sent; the logon ack tells the client what is stored
      pub.publishFlush(20_000);
      assertTrue(server.lastSequence(amps.clientName("dup")) > 0);
    }
    assertEquals(bodies(1, 50), logged(topic, 50));
  }

  @Test
  void fileStoreReplaysAfterTheClientRestarts() throws Exception {
    AmpsTestServer server = amps.server();
    String topic = amps.topic("file");
    String name = amps.clientName("file");
    String publishLog = dir.resolve("publish.log").toString();
    String bookmarkLog = dir.resolve("bookmark.log").toString();
    HAClient first = connect(HAClient.createFileBacked(name, publishLog, bookmarkLog));
    for (int i = 1; i <= 30; i++) {
      first.publish(topic, body(i));
    }
    first.publishFlush(10_000);
    server.stall(Duration.ofMinutes(5));
    for (int i = 31; i <= 60; i++) {
      first.publish(topic, body(i));
    }
    assertEquals(30, first.getPublishStore().unpersistedCount());
    first.close();
    server.restart(); // drops the connection and the 30 messages the server never read

    try (HAClient second = HAClient.createFileBacked(name, publishLog, bookmarkLog)) {
      assertEquals(30, second.getPublishStore().unpersistedCount(), "the file kept them");
      connect(second);
      second.publishFlush(20_000);
      assertEquals(0, second.getPublishStore().unpersistedCount());
    }
    assertEquals(bodies(1, 60), logged(topic, 60));
  }
}
