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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.ConnectionStateListener;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.exception.ConnectionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test controls, as the real client experiences them. */
class FaultInjectionIT {
  @TempDir Path dir;

  private static HAClient ha(String name, String... uris) throws Exception {
    HAClient c = HAClient.createMemoryBacked(name);
    DefaultServerChooser chooser = new DefaultServerChooser();
    for (String u : uris) {
      chooser.add(u);
    }
    c.setServerChooser(chooser);
    c.setReconnectDelay(50);
    return c;
  }

  private static List<String> sow(Client c, String topic) throws Exception {
    List<String> out = new ArrayList<>();
    for (Message m : c.sow(topic)) {
      if (m.getCommand() == Message.Command.SOW) {
        out.add(m.getData());
      }
    }
    return out;
  }

  private static List<String> replay(Client c, String topic, int n) throws Exception {
    Collector got = new Collector();
    c.executeAsync(new Command("subscribe").setTopic(topic).setBookmark("0"), got);
    return got.awaitBodies(n);
  }

  @Test
  void aStallMakesAHeartbeatingClientGiveUpAndReconnect() throws Exception {
    try (AmpsTestServer server = AmpsTestServer.builder().start();
        HAClient c = ha("stalled", server.uri())) {
      List<Integer> states = new CopyOnWriteArrayList<>();
      c.addConnectionStateListener(states::add);
      c.setHeartbeat(1, 2);
      c.connectAndLogon();
      server.stall(Duration.ofMinutes(1));
      await()
          .atMost(Collector.WAIT)
          .until(() -> states.contains(ConnectionStateListener.Disconnected));
      server.endStall();
      await()
          .atMost(Collector.WAIT)
          .until(
              () ->
                  states.lastIndexOf(ConnectionStateListener.LoggedOn)
                      > states.indexOf(ConnectionStateListener.Disconnected));
      c.publish("after-stall", "{}");
      c.publishFlush(10_000);
      assertEquals(1, server.transactionLogSize());
    }
  }

  @Test
  void refusedConnectionsFailUntilTheServerAcceptsAgain() throws Exception {
    try (AmpsTestServer server = AmpsTestServer.builder().start()) {
      server.refuseConnections(Duration.ofMinutes(1));
      try (Client refused = new Client("refused")) {
        assertThrows(ConnectionException.class, () -> refused.connect(server.uri()));
      }
      server.acceptConnections();
      try (Client accepted = new Client("accepted")) {
        accepted.connect(server.uri());
        accepted.logon();
      }
    }
  }

  @Test
  void refusalEndsByItself() throws Exception {
    try (AmpsTestServer server = AmpsTestServer.builder().start()) {
      int port = server.port();
      server.refuseConnections(Duration.ofMillis(200));
      try (Client c = new Client("patient")) {
        await()
            .atMost(Collector.WAIT)
            .ignoreExceptions()
            .until(
                () -> {
                  c.connect(server.uri());
                  return true;
                });
        c.logon();
      }
      assertEquals(port, server.port(), "same port after the refusal");
    }
  }

  @Test
  void delayedPersistedAcksHoldPublishFlushBack() throws Exception {
    try (AmpsTestServer server = AmpsTestServer.builder().start();
        HAClient c = ha("delayed", server.uri())) {
      c.connectAndLogon();
      server.delayPersistedAcks(Duration.ofMillis(700));
      long start = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        c.publish("delayed", "{\"i\":" + i + "}");
      }
      c.publishFlush(10_000);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis >= 600, "publishFlush waited for the delayed acks: " + millis + " ms");
      assertEquals(0, c.getPublishStore().unpersistedCount());
    }
  }

  @Test
  void restartKeepsSowLogAndPublisherSequences() throws Exception {
    try (AmpsTestServer server = AmpsTarget.testkit().start()) {
      try (HAClient pub = ha("keeper", server.uri())) {
        pub.connectAndLogon();
        pub.publish("orders", "{\"order_key\":1,\"q\":1}");
        pub.publish("orders", "{\"order_key\":2,\"q\":2}");
        pub.publish("ticks", "{\"t\":1}");
        pub.publishFlush(10_000);
      }
      long seq = server.lastSequence("keeper");
      assertTrue(seq > 0);
      server.restart(Duration.ofMillis(100));
      try (Client c = new Client("reader")) {
        await()
            .atMost(Collector.WAIT)
            .ignoreExceptions()
            .until(
                () -> {
                  c.connect(server.uri());
                  return true;
                });
        c.logon();
        assertEquals(
            List.of("{\"order_key\":1,\"q\":1}", "{\"order_key\":2,\"q\":2}"), sow(c, "orders"));
        assertEquals(List.of("{\"t\":1}"), replay(c, "ticks", 1));
      }
      assertEquals(seq, server.lastSequence("keeper"));
    }
  }

  @Test
  void anOnDiskLogRecoversInANewServer() throws Exception {
    String bookmark;
    long seq;
    try (AmpsTestServer first = AmpsTarget.testkit().logDirectory(dir).start();
        HAClient pub = ha("disk", first.uri());
        Client reader = new Client("disk-reader")) {
      pub.connectAndLogon();
      for (int i = 1; i <= 5; i++) {
        pub.publish("orders", "{\"order_key\":" + i + ",\"v\":" + i + "}");
        pub.publish("ticks", "{\"t\":" + i + "}");
      }
      pub.publishFlush(10_000);
      reader.connect(first.uri());
      reader.logon();
      reader.sowDelete("orders", "/order_key = 3", 5000);
      Collector got = new Collector();
      reader.executeAsync(new Command("subscribe").setTopic("ticks").setBookmark("0"), got);
      got.awaitBodies(5);
      bookmark = got.data().get(1).getBookmark();
      seq = first.lastSequence("disk");
    }
    try (AmpsTestServer second = AmpsTarget.testkit().logDirectory(dir).start();
        Client c = new Client("disk-reader-2")) {
      assertEquals(seq, second.lastSequence("disk"), "publisher sequence recovered");
      assertEquals(10 + 1, second.transactionLogSize(), "10 publishes and 1 delete");
      c.connect(second.uri());
      c.logon();
      assertEquals(4, sow(c, "orders").size(), "the SOW without the deleted record");
      Collector resumed = new Collector();
      c.executeAsync(new Command("subscribe").setTopic("ticks").setBookmark(bookmark), resumed);
      assertEquals(List.of("{\"t\":3}", "{\"t\":4}", "{\"t\":5}"), resumed.awaitBodies(3));
    }
  }

  @Test
  void faultsOfOneInstanceLeaveItsReplicaServing() throws Exception {
    try (AmpsTestServer primary = AmpsTarget.testkit().start();
        AmpsTestServer replica = AmpsTestServer.builder().replicaOf(primary).start();
        Client a = new Client("on-primary");
        Client b = new Client("on-replica")) {
      a.connect(primary.uri());
      a.logon();
      b.connect(replica.uri());
      b.logon();
      a.publish("orders", "{\"order_key\":9}");
      a.publishFlush();
      primary.stall(Duration.ofMinutes(1));
      assertEquals(List.of("{\"order_key\":9}"), sow(b, "orders"), "shared SOW, replica unstalled");
      primary.endStall();
    }
  }
}
