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
import com.crankuptheamps.client.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two testkit processes replicating their transaction logs asynchronously, each with its own engine
 * and log: the lag is visible to a subscriber of the second, replicated messages keep their
 * bookmarks, a restarted instance catches up, and a publisher's store replays to the second
 * instance what the first took with it when it was SIGKILLed before shipping it.
 */
class ReplicationIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir Path dir;

  /** Body number to bookmark, from a bookmark subscription from the start of the log. */
  private static final class Received {
    final ConcurrentMap<Integer, String> bookmarks = new ConcurrentHashMap<>();
    final ConcurrentMap<Integer, Integer> counts = new ConcurrentHashMap<>();
    final List<Integer> order = new CopyOnWriteArrayList<>();

    void add(Message m) {
      int n = Integer.parseInt(m.getData().replaceAll("\\D", ""));
      bookmarks.putIfAbsent(n, m.getBookmark());
      counts.merge(n, 1, Integer::sum);
      order.add(n);
    }

    Map<Integer, Integer> duplicates() {
      Map<Integer, Integer> d = new TreeMap<>();
      counts.forEach(
          (n, c) -> {
            if (c != 1) {
              d.put(n, c);
            }
          });
      return d;
    }
  }

  private static Received subscribeFromEpoch(Client c, String topic) throws Exception {
    Received r = new Received();
    c.executeAsync(new Command("subscribe").setTopic(topic).setBookmark("0"), r::add);
    return r;
  }

  private static Client client(String name, String uri) throws Exception {
    Client c = new Client(name);
    c.connect(uri);
    c.logon();
    return c;
  }

  @Test
  void theReplicaLacksTheNewestMessagesUntilTheLagHasPassedAndKeepsTheirBookmarks()
      throws Exception {
    long lagMillis = 4000;
    try (ReplicatingTestkit replica = ReplicatingTestkit.create("replica", dir, "--quiet");
        ReplicatingTestkit primary =
            ReplicatingTestkit.create("primary", dir, "--quiet")
                .replicatingTo(replica, lagMillis)) {
      replica.start();
      primary.start();
      try (Client pub = client("lag-pub", primary.uri());
          Client onPrimary = client("lag-sub-primary", primary.uri());
          Client onReplica = client("lag-sub-replica", replica.uri())) {
        Received fromPrimary = subscribeFromEpoch(onPrimary, "lagged");
        Received fromReplica = subscribeFromEpoch(onReplica, "lagged");
        long publishedAt = System.nanoTime();
        for (int i = 1; i <= 100; i++) {
          pub.publish("lagged", "{\"n\":" + i + "}");
        }
        pub.publishFlush();
        await().atMost(WAIT).until(() -> fromPrimary.counts.size() == 100);
        long seenOnPrimaryMillis = (System.nanoTime() - publishedAt) / 1_000_000;
        int onReplicaThen = fromReplica.counts.size();
        assertTrue(
            seenOnPrimaryMillis >= lagMillis || onReplicaThen == 0,
            "within the lag ("
                + seenOnPrimaryMillis
                + " ms of "
                + lagMillis
                + ") the replica already had "
                + onReplicaThen);
        await().atMost(WAIT).until(() -> fromReplica.counts.size() == 100);
        long replicatedMillis = (System.nanoTime() - publishedAt) / 1_000_000;
        assertTrue(
            replicatedMillis >= lagMillis,
            "replicated after " + replicatedMillis + " ms, before the lag of " + lagMillis);
        assertEquals(
            new TreeMap<>(fromPrimary.bookmarks),
            new TreeMap<>(fromReplica.bookmarks),
            "each message has the same bookmark on both instances");
        assertEquals(Map.of(), fromReplica.duplicates());
        assertEquals(100, replica.status("replicated_in"));
      }
    }
  }

  @Test
  void aRestartedReplicaCatchesUpFromThePrimarysLog() throws Exception {
    Path replicaLog = Files.createDirectories(dir.resolve("replica-log"));
    try (ReplicatingTestkit replica =
            ReplicatingTestkit.create(
                "replica", dir, "--quiet", "--log-dir", replicaLog.toString());
        ReplicatingTestkit primary =
            ReplicatingTestkit.create("primary", dir, "--quiet").replicatingTo(replica, 0)) {
      replica.start();
      primary.start();
      try (Client pub = client("restart-pub", primary.uri())) {
        for (int i = 1; i <= 50; i++) {
          pub.publish("caught-up", "{\"n\":" + i + "}");
        }
        pub.publishFlush();
        await().atMost(WAIT).until(() -> replica.status("log") == 50);
        replica.kill();
        for (int i = 51; i <= 120; i++) {
          pub.publish("caught-up", "{\"n\":" + i + "}");
        }
        pub.publishFlush();
        replica.start();
        await().atMost(WAIT).until(() -> replica.status("log") == 120);
      }
      try (Client onPrimary = client("restart-sub-primary", primary.uri());
          Client onReplica = client("restart-sub-replica", replica.uri())) {
        Received fromPrimary = subscribeFromEpoch(onPrimary, "caught-up");
        Received fromReplica = subscribeFromEpoch(onReplica, "caught-up");
        await().atMost(WAIT).until(() -> fromReplica.counts.size() == 120);
        await().atMost(WAIT).until(() -> fromPrimary.counts.size() == 120);
        assertEquals(Map.of(), fromReplica.duplicates(), "the catch-up stored nothing twice");
        assertEquals(new TreeMap<>(fromPrimary.bookmarks), new TreeMap<>(fromReplica.bookmarks));
        assertTrue(
            replica.status("replicated_in") >= 70,
            "the restarted replica took the new messages from the primary");
      }
    }
  }

  @Test
  void aPublishStoreReplaysToTheReplicaWhatTheKilledPrimaryHadNotReplicatedSynchronously()
      throws Exception {
    try (ReplicatingTestkit replica = ReplicatingTestkit.create("replica", dir, "--quiet");
        ReplicatingTestkit primary =
            ReplicatingTestkit.create("primary", dir, "--quiet", "--replication-sync")
                .replicatingTo(replica, 600_000)) {
      replica.start();
      primary.start();
      HAClient pub = haPublisher("sync-pub", primary, replica);
      try (Client onReplica = client("sync-sub", replica.uri())) {
        Received fromReplica = subscribeFromEpoch(onReplica, "stored");
        for (int i = 1; i <= 200; i++) {
          pub.publish("stored", "{\"n\":" + i + "}");
        }
        await().atMost(WAIT).until(() -> primary.status("log") == 200);
        assertEquals(0, replica.status("log"), "none shipped yet (10 minutes of lag)");
        assertEquals(
            200, pub.getPublishStore().unpersistedCount(), "no persisted ack before replication");
        primary.kill();
        for (int i = 201; i <= 300; i++) {
          pub.publish("stored", "{\"n\":" + i + "}");
        }
        pub.publishFlush(30_000);
        await().atMost(WAIT).until(() -> fromReplica.counts.size() == 300);
        assertEquals(Map.of(), fromReplica.duplicates());
        assertEquals(300, replica.status("log"));
      } finally {
        pub.close();
      }
    }
  }

  @Test
  void asyncReplicationLosesAcknowledgedMessagesUntilTheKilledPrimaryComesBack() throws Exception {
    Path primaryLog = Files.createDirectories(dir.resolve("primary-log"));
    try (ReplicatingTestkit replica = ReplicatingTestkit.create("replica", dir, "--quiet");
        ReplicatingTestkit primary =
            ReplicatingTestkit.create("primary", dir, "--quiet", "--log-dir", primaryLog.toString())
                .replicatingTo(replica, 10_000)) {
      replica.replicatingTo(primary, 0); // what is published there during the outage comes back
      replica.start();
      primary.start();
      HAClient pub = haPublisher("async-pub", primary, replica);
      try (Client onReplica = client("async-sub", replica.uri())) {
        Received fromReplica = subscribeFromEpoch(onReplica, "acked");
        for (int i = 1; i <= 200; i++) {
          pub.publish("acked", "{\"n\":" + i + "}");
        }
        pub.publishFlush(30_000); // persisted on the primary: the store lets go of them
        assertEquals(0, pub.getPublishStore().unpersistedCount());
        primary.kill();
        for (int i = 201; i <= 300; i++) {
          pub.publish("acked", "{\"n\":" + i + "}");
        }
        pub.publishFlush(30_000);
        await().atMost(WAIT).until(() -> fromReplica.counts.size() >= 100);
        assertTrue(
            fromReplica.counts.size() < 300,
            "the messages the killed primary had acknowledged but not shipped are missing: "
                + fromReplica.counts.size());
        primary.start(); // recovers its log and ships it
        await().atMost(WAIT).until(() -> fromReplica.counts.size() == 300);
        assertEquals(Map.of(), fromReplica.duplicates());
        try (Client onPrimary = client("async-sub-primary", primary.uri())) {
          Received fromPrimary = subscribeFromEpoch(onPrimary, "acked");
          await().atMost(WAIT).until(() -> fromPrimary.counts.size() == 300);
          assertEquals(Map.of(), fromPrimary.duplicates(), "each message once on the primary");
          assertEquals(new TreeMap<>(fromReplica.bookmarks), new TreeMap<>(fromPrimary.bookmarks));
        }
        assertEquals(300, primary.status("log"));
        assertTrue(
            primary.status("replicated_again") >= 200,
            "the replica shipped back what the primary had, which it dropped by bookmark");
      } finally {
        pub.close();
      }
    }
  }

  /**
   * What lost events when amps-channel failed over between asynchronously replicating instances:
   * the primary stays up but stops serving clients after acknowledging messages 1..200 it has not
   * shipped yet. The publisher's store has let go of them, so on the replica it publishes 201..300
   * first, and the link brings 1..200 afterwards: the replica's log holds this publisher's messages
   * out of sequence order (201..300 before 1..200). A bookmark subscription resuming there after
   * message 150 (a bookmark it had from the primary) is replayed from that message's place in the
   * replica's log, so 201..300, logged before it, are never delivered to it. With sync replication
   * the store still holds 1..200 (no persisted ack before the replica has them) and nothing is out
   * of order (see the test above).
   */
  @Test
  void afterAnAsyncFailoverABookmarkResumeOnTheReplicaSkipsWhatThePublisherResentThereFirst()
      throws Exception {
    try (ReplicatingTestkit replica = ReplicatingTestkit.create("replica", dir, "--quiet");
        ReplicatingTestkit primary =
            ReplicatingTestkit.create("primary", dir, "--quiet").replicatingTo(replica, 5000)) {
      replica.start();
      primary.start();
      HAClient pub = haPublisher("reorder-pub", primary, replica);
      try (Client onPrimary = client("reorder-sub-primary", primary.uri())) {
        Received fromPrimary = subscribeFromEpoch(onPrimary, "reordered");
        for (int i = 1; i <= 200; i++) {
          pub.publish("reordered", "{\"n\":" + i + "}");
        }
        pub.publishFlush(30_000); // persisted on the primary: the store lets go of them
        assertEquals(0, pub.getPublishStore().unpersistedCount());
        await().atMost(WAIT).until(() -> fromPrimary.counts.size() == 200);
        assertEquals(0, replica.status("log"), "none shipped yet (5 s of lag)");
        String resumeAfter = fromPrimary.bookmarks.get(150);

        primary.control("refuse 600000");
        primary.control("drop");
        for (int i = 201; i <= 300; i++) {
          pub.publish("reordered", "{\"n\":" + i + "}");
        }
        pub.publishFlush(30_000);
        await().atMost(WAIT).until(() -> replica.status("log") == 300);

        try (Client fromStart = client("reorder-sub-epoch", replica.uri());
            Client resumed = client("reorder-sub-resumed", replica.uri())) {
          Received inLogOrder = subscribeFromEpoch(fromStart, "reordered");
          Received afterBookmark = new Received();
          resumed.executeAsync(
              new Command("subscribe").setTopic("reordered").setBookmark(resumeAfter),
              afterBookmark::add);
          await().atMost(WAIT).until(() -> inLogOrder.order.size() == 300);
          assertEquals(201, inLogOrder.order.get(0), "the re-sent messages are logged first");
          assertEquals(1, inLogOrder.order.get(100), "then the replicated ones");
          await().atMost(WAIT).until(() -> afterBookmark.order.size() >= 50);
          // Were 201..300 replayed, they would come before this later message of the resumed
          // subscription (published now): it arrives only after everything replayed.
          pub.publish("reordered", "{\"n\":301}");
          pub.publishFlush(30_000);
          await().atMost(WAIT).until(() -> afterBookmark.counts.containsKey(301));
          List<Integer> expected = new java.util.ArrayList<>();
          for (int i = 151; i <= 200; i++) {
            expected.add(i);
          }
          expected.add(301);
          assertEquals(
              expected,
              afterBookmark.order,
              "resumed after 150: 151..200 and what came later; 201..300 sit before 150 here");
        }
      } finally {
        pub.close();
      }
    }
  }

  private static HAClient haPublisher(String name, ReplicatingTestkit a, ReplicatingTestkit b)
      throws Exception {
    HAClient pub = HAClient.createMemoryBacked(name);
    DefaultServerChooser chooser = new DefaultServerChooser();
    chooser.add(a.uri());
    chooser.add(b.uri());
    pub.setServerChooser(chooser);
    pub.setReconnectDelay(50);
    pub.connectAndLogon();
    return pub;
  }
}
