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
package dev.sluice.flume.amps.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flume.ChannelException;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transaction logic over a fake topic: what is published, discarded and returned, when. */
class AmpsChannelTest {
  private static final AtomicInteger NAMES = new AtomicInteger();

  /** Records publishes and discards; can be told to time out. */
  static final class FakeTopic implements ChannelTopic {
    final List<byte[]> published = Collections.synchronizedList(new ArrayList<>());
    final List<Long> discarded = Collections.synchronizedList(new ArrayList<>());
    volatile boolean timeOut;
    final AtomicInteger startTaking = new AtomicInteger();

    @Override
    public void start() {}

    @Override
    public void startTaking() {
      startTaking.incrementAndGet();
    }

    @Override
    public void publish(List<byte[]> messages, long deadlineNanos) throws Exception {
      if (timeOut) {
        throw new TimeoutException("no persisted ack");
      }
      published.addAll(messages);
    }

    @Override
    public void discard(List<Delivery> taken) {
      for (Delivery d : taken) {
        discarded.add(d.bookmarkSeqNo);
      }
    }

    @Override
    public long publishStoreDepth() {
      return 0;
    }

    @Override
    public void close() {}
  }

  private final FakeTopic topic = new FakeTopic();
  private AmpsChannel channel;

  private AmpsChannel channel(Map<String, String> extra) {
    AmpsChannel c = new AmpsChannel(ch -> topic);
    c.setName("unit-" + NAMES.incrementAndGet());
    Map<String, String> p = AmpsChannelConfigTest.minimal();
    p.put("pollTimeout", "0");
    p.putAll(extra);
    c.configure(new Context(p));
    c.start();
    this.channel = c;
    return c;
  }

  @AfterEach
  void stop() {
    if (channel != null) {
      channel.stop();
    }
  }

  private static Event event(int i) {
    return EventBuilder.withBody(Integer.toString(i), StandardCharsets.UTF_8, Map.of("i", "" + i));
  }

  private void deliver(AmpsChannel c, int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      assertTrue(c.prefetch().put(new Delivery(event(i), 1000 + i)));
    }
  }

  private static List<String> take(AmpsChannel c, int n, boolean commit) {
    Transaction tx = c.getTransaction();
    tx.begin();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Event e = c.take();
      if (e == null) {
        break;
      }
      bodies.add(new String(e.getBody(), StandardCharsets.UTF_8));
    }
    if (commit) {
      tx.commit();
    } else {
      tx.rollback();
    }
    tx.close();
    return bodies;
  }

  @Test
  void aPutCommitPublishesTheEventsInOrderAndARollbackPublishesNothing() throws Exception {
    AmpsChannel c = channel(Map.of());
    Transaction tx = c.getTransaction();
    tx.begin();
    c.put(event(1));
    c.put(event(2));
    tx.rollback();
    tx.close();
    assertEquals(0, topic.published.size());

    tx = c.getTransaction();
    tx.begin();
    c.put(event(3));
    c.put(event(4));
    tx.commit();
    tx.close();
    assertEquals(2, topic.published.size());
    assertEquals(
        "3",
        new String(EventCodec.decode(topic.published.get(0)).getBody(), StandardCharsets.UTF_8));
    assertEquals(
        "4",
        new String(EventCodec.decode(topic.published.get(1)).getBody(), StandardCharsets.UTF_8));
    assertEquals(2, c.counters().getEventPutSuccessCount());
    assertEquals(4, c.counters().getEventPutAttemptCount());
  }

  @Test
  void aPutThatAmpsDoesNotPersistInTimeFailsTheCommitWithAChannelException() {
    AmpsChannel c = channel(Map.of());
    topic.timeOut = true;
    Transaction tx = c.getTransaction();
    tx.begin();
    c.put(event(1));
    ChannelException e = assertThrows(ChannelException.class, tx::commit);
    assertTrue(e.getMessage().contains("1 events were not persisted by AMPS"), e.getMessage());
    tx.rollback();
    tx.close();
    assertEquals(0, c.counters().getEventPutSuccessCount());
    assertEquals(1, c.counters().value(AmpsChannelCounter.PUT_FAILURES));
  }

  @Test
  void moreThanTransactionCapacityPutsFailThePut() {
    AmpsChannel c = channel(Map.of("transactionCapacity", "2"));
    Transaction tx = c.getTransaction();
    tx.begin();
    c.put(event(1));
    c.put(event(2));
    assertThrows(ChannelException.class, () -> c.put(event(3)));
    tx.rollback();
    tx.close();
  }

  @Test
  void aTakeCommitDiscardsExactlyTheTakenEventsBookmarks() throws Exception {
    AmpsChannel c = channel(Map.of());
    deliver(c, 0, 5);
    assertEquals(List.of("0", "1", "2"), take(c, 3, true));
    assertEquals(List.of(1000L, 1001L, 1002L), topic.discarded);
    assertEquals(2, c.counters().getChannelSize());
    assertEquals(3, c.counters().getEventTakeSuccessCount());
  }

  @Test
  void aTakeRollbackReturnsTheEventsSoTheNextTakeSeesThemFirstInOrder() throws Exception {
    AmpsChannel c = channel(Map.of());
    deliver(c, 0, 6);
    assertEquals(List.of("0", "1", "2"), take(c, 3, false));
    assertEquals(List.of(), topic.discarded, "a rollback discards nothing");
    assertEquals(List.of("0", "1", "2", "3", "4", "5"), take(c, 10, true));
    assertEquals(List.of(1000L, 1001L, 1002L, 1003L, 1004L, 1005L), topic.discarded);
    assertEquals(3, c.counters().value(AmpsChannelCounter.ROLLED_BACK_TAKES));
  }

  @Test
  void theSubscriptionStartsAtTheFirstTakeNotBefore() throws Exception {
    AmpsChannel c = channel(Map.of());
    Transaction tx = c.getTransaction();
    tx.begin();
    c.put(event(1));
    tx.commit();
    tx.close();
    assertEquals(0, topic.startTaking.get(), "a put-only channel does not subscribe");
    deliver(c, 0, 1);
    take(c, 1, true);
    take(c, 1, true);
    assertEquals(1, topic.startTaking.get(), "the first take starts the subscription, once");
  }

  @Test
  void anEmptyPrefetchTakesNull() {
    AmpsChannel c = channel(Map.of());
    Transaction tx = c.getTransaction();
    tx.begin();
    assertNull(c.take());
    tx.commit();
    tx.close();
  }

  @Test
  void concurrentTakersWithRollbacksTakeEveryEventOnceAndDiscardEveryBookmarkOnce()
      throws Exception {
    AmpsChannel c = channel(Map.of());
    int n = 5000;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<?> feeder =
          pool.submit(
              () -> {
                deliver(c, 0, n);
                return null;
              });
      List<Future<List<String>>> takers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int seed = t;
        takers.add(
            pool.submit(
                () -> {
                  List<String> mine = new ArrayList<>();
                  int round = seed;
                  long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                  while (topic.discarded.size() < n && System.nanoTime() < deadline) {
                    boolean commit = ++round % 3 != 0; // every third batch rolls back
                    List<String> got = take(c, 50, commit);
                    if (commit) {
                      mine.addAll(got);
                    }
                  }
                  return mine;
                }));
      }
      feeder.get(60, TimeUnit.SECONDS);
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : takers) {
        all.addAll(f.get(90, TimeUnit.SECONDS));
      }
      assertEquals(n, all.size(), "every event taken and committed once");
      assertEquals(n, new TreeSet<>(all).size(), "no event committed twice");
      Set<Long> bookmarks = new TreeSet<>(topic.discarded);
      assertEquals(n, topic.discarded.size());
      assertEquals(n, bookmarks.size(), "every bookmark discarded once");
    } finally {
      pool.shutdownNow();
    }
  }
}
