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
package dev.sluice.flume.amps.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.common.log.CredentialRedactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Who discards a committed batch's bookmarks, when, and in which order. */
class PendingDiscardsTest {
  private static final long GRACE = 100;

  private final List<Long> discarded = new CopyOnWriteArrayList<>();
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicInteger afterRounds = new AtomicInteger();
  private final AmpsSourceCounters counters = new AmpsSourceCounters("r1");

  private PendingDiscards discards(PendingDiscards.Store store) {
    return new PendingDiscards(
        "r1",
        store,
        afterRounds::incrementAndGet,
        counters,
        CredentialRedactor.forUris(List.of()),
        nanos::get,
        GRACE);
  }

  private PendingDiscards recording() {
    return discards(discarded::add);
  }

  private static List<Delivery> batch(long from, long to) {
    List<Delivery> b = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      b.add(new Delivery(new byte[0], Map.of(), seq));
    }
    return b;
  }

  private static List<Long> range(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      out.add(seq);
    }
    return out;
  }

  @Test
  void theReceiveThreadDiscardsEverythingPendingInCommitOrder() {
    PendingDiscards p = recording();
    p.add(batch(1, 3));
    p.add(batch(4, 5));
    assertEquals(5, p.pending());
    p.discardOnReceiveThread();
    assertEquals(range(1, 5), discarded);
    assertEquals(0, p.pending());
    assertEquals(5, counters.value(AmpsSourceCounters.BOOKMARKS_DISCARDED));
    assertEquals(1, afterRounds.get(), "pruning is considered once per round");
    p.discardOnReceiveThread();
    assertEquals(1, afterRounds.get(), "nothing pending, no round");
  }

  @Test
  void messagesWithoutABookmarkAddNothing() {
    PendingDiscards p = recording();
    List<Delivery> b = batch(1, 2);
    b.add(new Delivery(new byte[0], Map.of(), 0));
    p.add(b);
    p.add(List.of(new Delivery(new byte[0], Map.of(), 0)));
    assertEquals(2, p.pending());
    p.discardAll();
    assertEquals(range(1, 2), discarded);
  }

  @Test
  void thePollingThreadWaitsTheGracePeriodUnlessIdle() {
    PendingDiscards p = recording();
    p.add(batch(1, 2));
    nanos.addAndGet(GRACE - 1);
    p.add(batch(3, 3));
    p.discardOverdue(false);
    assertEquals(List.of(), discarded, "the oldest has not waited the grace period");
    nanos.addAndGet(1);
    p.discardOverdue(false);
    assertEquals(range(1, 3), discarded, "the oldest is overdue: everything goes");
    p.add(batch(4, 4));
    p.discardOverdue(true);
    assertEquals(range(1, 4), discarded, "an idle poll discards at once");
  }

  @Test
  void theReceiveThreadDoesNotWaitForAnotherDiscardingThread() throws Exception {
    CountDownLatch inStore = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PendingDiscards p =
        discards(
            seq -> {
              if (seq == 1) {
                inStore.countDown();
                release.await();
              }
              discarded.add(seq);
            });
    p.add(batch(1, 1));
    Thread stopping = new Thread(p::discardAll);
    stopping.start();
    assertTrue(inStore.await(10, TimeUnit.SECONDS));
    p.add(batch(2, 2));
    p.discardOnReceiveThread(); // returns at once: the other thread is discarding
    assertEquals(List.of(), discarded);
    release.countDown();
    stopping.join(10_000);
    assertEquals(range(1, 2), discarded, "the discarding thread took the later batch too");
  }

  @Test
  void aFailureSkipsTheRestOfItsBatchOnlyAndIsCounted() {
    PendingDiscards p =
        discards(
            seq -> {
              if (seq == 2) {
                throw new IllegalStateException("disk full");
              }
              discarded.add(seq);
            });
    p.add(batch(1, 3));
    p.add(batch(4, 5));
    p.discardOnReceiveThread();
    assertEquals(List.of(1L, 4L, 5L), discarded);
    assertEquals(3, counters.value(AmpsSourceCounters.BOOKMARKS_DISCARDED));
    assertEquals(1, counters.value(AmpsSourceCounters.BOOKMARK_DISCARD_FAILURES));
  }

  @Test
  void threeThreadsDiscardEveryBookmarkOnceInCommitOrder() throws Exception {
    PendingDiscards p = recording();
    int batches = 20_000;
    AtomicBoolean done = new AtomicBoolean();
    Thread receive =
        new Thread(
            () -> {
              while (!done.get()) {
                p.discardOnReceiveThread();
              }
            });
    Thread idle =
        new Thread(
            () -> {
              while (!done.get()) {
                p.discardOverdue(true);
              }
            });
    receive.start();
    idle.start();
    for (long b = 0; b < batches; b++) {
      p.add(batch(b * 3 + 1, b * 3 + 3));
    }
    done.set(true);
    receive.join(10_000);
    idle.join(10_000);
    p.discardAll();
    assertEquals(range(1, batches * 3L), discarded, "each once, in commit order");
    assertEquals(batches * 3L, counters.value(AmpsSourceCounters.BOOKMARKS_DISCARDED));
  }
}
