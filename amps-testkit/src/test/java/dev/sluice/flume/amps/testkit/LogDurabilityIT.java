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
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every message the testkit acknowledged {@code persisted} is still there after the process is
 * SIGKILLed and restarted on the same log directory, counted back one by one by bookmark replay.
 * The real AMPS client publishes, with a publish store (sequenced publishes, coalesced acks) and
 * without one (each publish asks for its own persisted ack by command id, as amps-sink's {@code
 * pubStoreType = none} does).
 */
class LogDurabilityIT {
  private static final int MESSAGES = 3_000;
  private static final String TOPIC = "durable";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static String body(int i) {
    return "{\"id\":" + i + ",\"pad\":\"" + "x".repeat(180) + "\"}";
  }

  private static int id(String body) {
    int start = body.indexOf(':') + 1;
    return Integer.parseInt(body.substring(start, body.indexOf(',', start)));
  }

  private TestkitProcess start() throws Exception {
    return TestkitProcess.start(
        dir.resolve("testkit-stderr.log"),
        "--port",
        "0",
        "--log-dir",
        dir.resolve("log").toString());
  }

  @Test
  void persistedAcksWithoutAPublishStoreSurviveSigkill() throws Exception {
    Set<Integer> acked = ConcurrentHashMap.newKeySet();
    Set<String> failures = ConcurrentHashMap.newKeySet();
    try (TestkitProcess amps = start()) {
      try (Client c = new Client("no-store-publisher")) {
        c.connect(amps.uri());
        c.logon();
        for (int i = 0; i < MESSAGES; i++) {
          int id = i;
          CommandId cid = CommandId.nextIdentifier();
          c.addMessageHandler(
              cid,
              m -> {
                if (m.getCommand() == Message.Command.Ack
                    && (m.getAckType() & Message.AckType.Persisted) != 0) {
                  if (m.getStatus() == Message.Status.Success) {
                    acked.add(id);
                  } else {
                    failures.add(id + ": " + m.getReason());
                  }
                }
              },
              Message.AckType.Persisted,
              false);
          c.executeAsync(
              new Command("publish")
                  .setTopic(TOPIC)
                  .setData(body(i))
                  .setAckType(Message.AckType.Persisted)
                  .setCommandId(cid),
              null);
        }
        await().atMost(WAIT).until(() -> acked.size() + failures.size() == MESSAGES);
      }
      assertEquals(Set.of(), failures, "no publish was refused");
      amps.kill();
    }
    assertAllReplayedAfterRestart(acked);
  }

  @Test
  void persistedAcksWithAPublishStoreSurviveSigkill() throws Exception {
    Set<Integer> published = new TreeSet<>();
    try (TestkitProcess amps = start()) {
      HAClient c = HAClient.createMemoryBacked("store-publisher");
      try {
        DefaultServerChooser chooser = new DefaultServerChooser();
        chooser.add(amps.uri());
        c.setServerChooser(chooser);
        c.connectAndLogon();
        for (int i = 0; i < MESSAGES; i++) {
          c.publish(TOPIC, body(i));
          published.add(i);
        }
        c.publishFlush(WAIT.toMillis()); // returns once the store holds nothing unacknowledged
        assertEquals(0, c.getPublishStore().unpersistedCount(), "the server acked every publish");
      } finally {
        c.close();
      }
      amps.kill();
    }
    assertAllReplayedAfterRestart(published);
  }

  /** Restarts the testkit on the same log and counts every acked message back from bookmark 0. */
  private void assertAllReplayedAfterRestart(Set<Integer> acked) throws Exception {
    assertEquals(MESSAGES, acked.size(), "acknowledged before the crash");
    Set<Integer> replayed = ConcurrentHashMap.newKeySet();
    try (TestkitProcess amps = start();
        Client c = new Client("counter")) {
      c.connect(amps.uri());
      c.logon();
      c.executeAsync(
          new Command("subscribe").setTopic(TOPIC).setBookmark("0").setSubId("count"),
          m -> {
            if (m.getCommand() == Message.Command.Publish) {
              replayed.add(id(m.getData()));
            }
          });
      try {
        await().atMost(WAIT).until(() -> replayed.containsAll(acked));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        Set<Integer> missing = new TreeSet<>(acked);
        missing.removeAll(replayed);
        throw new AssertionError(
            missing.size()
                + " of "
                + acked.size()
                + " acknowledged messages were lost in the crash, first "
                + missing.iterator().next(),
            e);
      }
    }
    assertTrue(replayed.containsAll(acked));
  }
}
