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
import com.crankuptheamps.client.LoggedBookmarkStore;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageHandler;
import com.crankuptheamps.client.exception.InvalidBookmarkException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bookmark subscriptions over the transaction log, and the client's logged bookmark store. */
class BookmarkIT {
  private AmpsTarget amps;
  private final List<AutoCloseable> clients = new ArrayList<>();
  @TempDir Path dir;

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

  private static String body(int n) {
    return "{\"n\":" + n + "}";
  }

  private static List<String> bodies(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(BookmarkIT::body).collect(Collectors.toList());
  }

  private void publish(Client c, String topic, int from, int to) throws Exception {
    for (int i = from; i <= to; i++) {
      c.publish(topic, body(i));
    }
    c.publishFlush();
  }

  @Test
  void epochReplaysTheWholeLogThenGoesLive() throws Exception {
    String topic = amps.topic("epoch");
    Client pub = client("pub");
    publish(pub, topic, 1, 10);
    Collector c = new Collector();
    client("sub")
        .executeAsync(new Command("subscribe").setTopic(topic).setBookmark("0").setSubId("e"), c);
    assertEquals(bodies(1, 10), c.awaitBodies(10));
    publish(pub, topic, 11, 12);
    assertEquals(bodies(1, 12), c.awaitBodies(12));
    for (Message m : c.data()) {
      assertTrue(m.getBookmark().matches("\\d+\\|\\d+\\|"), "bookmark " + m.getBookmark());
    }
  }

  @Test
  void nowSkipsTheHistory() throws Exception {
    String topic = amps.topic("now");
    Client pub = client("pub");
    publish(pub, topic, 1, 5);
    Collector c = new Collector();
    client("sub")
        .executeAsync(
            new Command("subscribe").setTopic(topic).setBookmark(Client.Bookmarks.NOW), c);
    publish(pub, topic, 6, 7);
    assertEquals(bodies(6, 7), c.awaitBodies(2));
  }

  @Test
  void aGivenBookmarkResumesRightAfterIt() throws Exception {
    String topic = amps.topic("given");
    Client pub = client("pub");
    publish(pub, topic, 1, 10);
    Client sub = client("sub");
    Collector all = new Collector();
    sub.executeAsync(new Command("subscribe").setTopic(topic).setBookmark("0"), all);
    all.awaitBodies(10);
    String fifth = all.data().get(4).getBookmark();
    Collector rest = new Collector();
    sub.executeAsync(new Command("subscribe").setTopic(topic).setBookmark(fifth), rest);
    assertEquals(bodies(6, 10), rest.awaitBodies(5));
  }

  @Test
  void aListResumesFromItsEarliestEntry() throws Exception {
    String topic = amps.topic("list");
    Client pub = client("pub");
    publish(pub, topic, 1, 10);
    Client sub = client("sub");
    Collector all = new Collector();
    sub.executeAsync(new Command("subscribe").setTopic(topic).setBookmark("0"), all);
    all.awaitBodies(10);
    String list = all.data().get(7).getBookmark() + "," + all.data().get(2).getBookmark();
    Collector rest = new Collector();
    sub.executeAsync(new Command("subscribe").setTopic(topic).setBookmark(list), rest);
    assertEquals(bodies(4, 10), rest.awaitBodies(7));
  }

  @Test
  void aTimestampReplaysFromThatTime() throws Exception {
    String topic = amps.topic("ts");
    Client pub = client("pub");
    publish(pub, topic, 1, 3);
    Collector stamped = new Collector();
    Client sub = client("sub");
    sub.executeAsync(
        new Command("subscribe").setTopic(topic).setBookmark("0").setOptions("timestamp"), stamped);
    stamped.awaitBodies(3);
    String ts = stamped.data().get(2).getTimestamp();
    assertTrue(ts.matches("\\d{8}T\\d{6}.*"), "AMPS timestamp: " + ts);
    Collector fromTs = new Collector();
    sub.executeAsync(new Command("subscribe").setTopic(topic).setBookmark(ts), fromTs);
    List<String> got = fromTs.awaitBodies(1);
    assertTrue(got.contains(body(3)), "includes the message at that time: " + got);
    assertEquals(bodies(4 - got.size(), 3), got, "a suffix of the log");
  }

  @Test
  void aMalformedBookmarkIsRefused() throws Exception {
    Client sub = client("bad");
    assertThrows(
        InvalidBookmarkException.class,
        () -> sub.execute(new Command("subscribe").setTopic(amps.topic("x")).setBookmark("x|y")));
  }

  /**
   * The source's case: a subscriber with a LoggedBookmarkStore discards part of what it got, is
   * restarted, and resumes with "recent": it gets everything it had not discarded, once, with two
   * publishers interleaved.
   */
  @Test
  void loggedBookmarkStoreResumesARestartedSubscriberWithNoGapAndNoDuplicate() throws Exception {
    String topic = amps.topic("resume");
    String store = dir.resolve("bookmarks.log").toString();
    Client pubA = client("pubA");
    Client pubB = client("pubB");
    for (int i = 1; i <= 20; i++) {
      (i % 2 == 0 ? pubB : pubA).publish(topic, body(i));
      (i % 2 == 0 ? pubB : pubA).publishFlush();
    }
    List<String> first = subscribeDiscardingFirst(topic, store, 12, 20);
    assertEquals(bodies(1, 20), first);

    for (int i = 21; i <= 30; i++) {
      (i % 2 == 0 ? pubB : pubA).publish(topic, body(i));
      (i % 2 == 0 ? pubB : pubA).publishFlush();
    }

    List<String> second = subscribeDiscardingFirst(topic, store, 30, 18);
    assertEquals(bodies(13, 30), second, "resumed after the 12 discarded, nothing lost or twice");
  }

  private List<String> subscribeDiscardingFirst(String topic, String store, int discard, int expect)
      throws Exception {
    Client sub = new Client(amps.clientName("resumer"));
    LoggedBookmarkStore bookmarks = new LoggedBookmarkStore(store);
    sub.setBookmarkStore(bookmarks);
    List<String> got = new CopyOnWriteArrayList<>();
    MessageHandler handler =
        m -> {
          got.add(m.getData());
          if (got.size() <= discard) {
            try {
              sub.getBookmarkStore().discard(m);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        };
    try {
      await()
          .atMost(Collector.WAIT)
          .ignoreExceptions()
          .until(
              () -> {
                sub.connect(amps.uri());
                sub.logon();
                return true;
              });
      sub.executeAsync(
          new Command("subscribe")
              .setTopic(topic)
              .setSubId("resume")
              .setBookmark(Client.Bookmarks.MOST_RECENT),
          handler);
      await().atMost(Collector.WAIT).until(() -> got.size() >= expect);
      // Nothing more is on its way once a probe published after everything has arrived.
      String marker = "{\"probe\":\"" + store.hashCode() + "-" + expect + "\"}";
      Client probe = client("probe" + expect);
      probe.publish(topic, marker);
      probe.publishFlush();
      await().atMost(Collector.WAIT).until(() -> got.contains(marker));
      probe.close();
    } finally {
      sub.close();
      bookmarks.close();
    }
    return got.stream().filter(b -> !b.contains("probe")).collect(Collectors.toList());
  }
}
