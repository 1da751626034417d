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
import com.crankuptheamps.client.CommandId;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log write or fsync that fails sends no persisted ack but the failure AMPS sends ({@code tx
 * store failure}, the client's {@code Reason.TxStoreFailure}), and the message is not in the log:
 * neither replayed from a bookmark nor recovered after a restart, nor left in the SOW. Messages
 * before and after the failure are acked and kept.
 */
class LogWriteFailureIT {
  private static final String TOPIC = "orders";

  @TempDir Path dir;

  private AmpsTestServer start() throws Exception {
    return AmpsTestServer.builder().sowTopic(TOPIC, "/order_key").logDirectory(dir).start();
  }

  private static String order(int key) {
    return "{\"order_key\":" + key + "}";
  }

  /** Publishes one message asking for its own persisted ack, as amps-sink's none mode does. */
  private static Message publishAwaitingAck(Client c, String body) throws Exception {
    List<Message> acks = new CopyOnWriteArrayList<>();
    CommandId cid = CommandId.nextIdentifier();
    c.addMessageHandler(
        cid,
        m -> {
          if (m.getCommand() == Message.Command.Ack) {
            acks.add(m.copy());
          }
        },
        Message.AckType.Persisted,
        false);
    c.executeAsync(
        new Command("publish")
            .setTopic(TOPIC)
            .setData(body)
            .setAckType(Message.AckType.Persisted)
            .setCommandId(cid),
        null);
    await().atMost(Collector.WAIT).until(() -> !acks.isEmpty());
    return acks.get(0);
  }

  private static List<String> replayFromEpoch(String uri) throws Exception {
    try (Client c = new Client("replayer-" + System.nanoTime())) {
      c.connect(uri);
      c.logon();
      Collector all = new Collector();
      c.executeAsync(new Command("subscribe").setTopic(TOPIC).setBookmark("0"), all);
      // Everything logged is replayed before anything newer; publish a marker and wait for it.
      try (Client marker = new Client("marker-" + System.nanoTime())) {
        marker.connect(uri);
        marker.logon();
        marker.publish(TOPIC, order(999));
      }
      await().atMost(Collector.WAIT).until(() -> all.bodies().contains(order(999)));
      List<String> bodies = all.bodies();
      return bodies.subList(0, bodies.indexOf(order(999)));
    }
  }

  @Test
  void aFailedWriteAnswersTxStoreFailureAndTheMessageIsNotLogged() throws Exception {
    try (AmpsTestServer amps = start();
        Client c = new Client("no-store")) {
      c.connect(amps.uri());
      c.logon();
      Message first = publishAwaitingAck(c, order(1));
      assertEquals(Message.Status.Success, first.getStatus());
      amps.failNextLogWrite();
      Message failed = publishAwaitingAck(c, order(2));
      assertEquals(Message.Status.Failure, failed.getStatus(), "no persisted ack for a lost write");
      assertEquals(Message.Reason.TxStoreFailure, failed.getReason());
      assertEquals("tx store failure", failed.getReasonText());
      Message third = publishAwaitingAck(c, order(3));
      assertEquals(Message.Status.Success, third.getStatus(), "the next write works again");
      assertEquals(List.of(order(1), order(3)), replayFromEpoch(amps.uri()));
      assertEquals(3, amps.sowCount(TOPIC), "keys 1, 3 and the marker; not 2");
    }
    try (AmpsTestServer restarted = start()) {
      assertEquals(List.of(order(1), order(3)), replayFromEpoch(restarted.uri()));
    }
  }

  @Test
  void aFailedFsyncReachesThePublishStoresFailedWriteHandler() throws Exception {
    Map<Long, Integer> failedWrites = new ConcurrentHashMap<>();
    try (AmpsTestServer amps = start()) {
      HAClient c = HAClient.createMemoryBacked("with-store");
      try {
        DefaultServerChooser chooser = new DefaultServerChooser();
        chooser.add(amps.uri());
        c.setServerChooser(chooser);
        c.setFailedWriteHandler(
            (Message m, int reason) -> failedWrites.put(m.getSequence(), reason));
        c.connectAndLogon();
        c.publish(TOPIC, order(1));
        c.publishFlush(Collector.WAIT.toMillis());
        amps.failNextLogFsync();
        long lost = c.publish(TOPIC, order(2));
        await().atMost(Collector.WAIT).until(() -> failedWrites.containsKey(lost));
        assertEquals(Message.Reason.TxStoreFailure, failedWrites.get(lost));
        c.publish(TOPIC, order(3));
        c.publishFlush(Collector.WAIT.toMillis());
        assertEquals(1, failedWrites.size(), "only the message of the failed fsync failed");
      } finally {
        c.close();
      }
      assertEquals(List.of(order(1), order(3)), replayFromEpoch(amps.uri()));
    }
  }

  @Test
  void writeFailuresNeedALogDirectoryAndAreAControlCommand() throws Exception {
    try (AmpsTestServer inMemory = AmpsTestServer.builder().start();
        AmpsTestServer onDisk = start()) {
      ControlCommands memory = new ControlCommands(inMemory, null, () -> {});
      assertTrue(memory.execute("fail-log-write").startsWith("ERR log write failures need"));
      ControlCommands disk = new ControlCommands(onDisk, null, () -> {});
      assertEquals("OK fail-log-write", disk.execute("fail-log-write"));
      assertEquals("OK fail-log-fsync", disk.execute("fail-log-fsync"));
    }
  }
}
