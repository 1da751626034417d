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

import dev.sluice.flume.common.log.CredentialRedactor;
import dev.sluice.flume.common.log.ThrottledLog;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookmarks of committed batches on their way to the bookmark store, and which thread discards
 * them.
 *
 * <p>Flume's polling thread hands a batch's bookmarks over once every channel has committed it
 * ({@link #add}); the AMPS client's receive thread discards them before it takes its next message
 * ({@link #discardOnReceiveThread}). The client logs every message of a bookmark subscription in
 * the store on that thread, so the store is then written by one thread, as in a raw client that
 * discards in its handler. Discarding on the polling thread instead made the two threads take the
 * store's lock alternately on every message, and cost the agent more CPU per event than the raw
 * client (the bookmark rows of {@code bin/bench amps-source}, CPU per event, before and after).
 *
 * <p>When no message comes, the polling thread discards them itself ({@link #discardOverdue}): once
 * the oldest has waited {@code graceNanos}, or at once when its poll found nothing to do. So a
 * committed batch's bookmarks are discarded within about that time of the commit, and a crash in
 * between delivers the batch again after the restart (duplicates, never a gap), as a crash between
 * the commit and the discard always could. One thread discards at a time, in the order the batches
 * were committed.
 */
final class PendingDiscards {
  private static final Logger LOG = LoggerFactory.getLogger(PendingDiscards.class);

  /** Discards one bookmark in the store. */
  @FunctionalInterface
  interface Store {
    void discard(long bookmarkSeqNo) throws Exception;
  }

  private static final class Pending {
    final long[] seqNos;
    final long addedNanos;

    Pending(long[] seqNos, long addedNanos) {
      this.seqNos = seqNos;
      this.addedNanos = addedNanos;
    }
  }

  private final String sourceName;
  private final Store store;
  private final Runnable afterDiscards;
  private final AmpsSourceCounters counters;
  private final CredentialRedactor redactor;
  private final LongSupplier nanoClock;
  private final long graceNanos;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock discarding = new ReentrantLock();
  private final ThrottledLog failureLog = new ThrottledLog(30, TimeUnit.SECONDS);

  /**
   * @param afterDiscards run by the discarding thread after each round of discards (pruning); must
   *     not throw
   */
  PendingDiscards(
      String sourceName,
      Store store,
      Runnable afterDiscards,
      AmpsSourceCounters counters,
      CredentialRedactor redactor,
      LongSupplier nanoClock,
      long graceNanos) {
    this.sourceName = sourceName;
    this.store = store;
    this.afterDiscards = afterDiscards;
    this.counters = counters;
    this.redactor = redactor;
    this.nanoClock = nanoClock;
    this.graceNanos = graceNanos;
  }

  /** Polling thread: the batch is in every channel; its bookmarks are to be discarded. */
  void add(List<Delivery> committed) {
    long[] seqNos = new long[committed.size()];
    int n = 0;
    for (Delivery d : committed) {
      long seq = d.bookmarkSeqNo();
      if (seq > 0) {
        seqNos[n++] = seq;
      }
    }
    if (n > 0) {
      queue.add(
          new Pending(
              n == seqNos.length ? seqNos : Arrays.copyOf(seqNos, n), nanoClock.getAsLong()));
    }
  }

  /** Receive thread, before each message: discards what is pending unless another thread is. */
  void discardOnReceiveThread() {
    if (queue.isEmpty() || !discarding.tryLock()) {
      return;
    }
    try {
      discardAllPending();
    } finally {
      discarding.unlock();
    }
  }

  /**
   * Polling thread: discards what is pending once the oldest has waited the grace period, or at
   * once when {@code idle} (its poll found no batch, so no message is coming to do it).
   */
  void discardOverdue(boolean idle) {
    Pending oldest = queue.peek();
    if (oldest == null || (!idle && nanoClock.getAsLong() - oldest.addedNanos < graceNanos)) {
      return;
    }
    discardAll();
  }

  /** Discards everything pending, waiting for another thread that is discarding (stop). */
  void discardAll() {
    discarding.lock();
    try {
      discardAllPending();
    } finally {
      discarding.unlock();
    }
  }

  /** Bookmarks handed over and not yet discarded (for tests). */
  int pending() {
    int n = 0;
    for (Pending p : queue) {
      n += p.seqNos.length;
    }
    return n;
  }

  private void discardAllPending() {
    Pending p;
    boolean any = false;
    while ((p = queue.poll()) != null) {
      any = true;
      int done = 0;
      try {
        for (long seq : p.seqNos) {
          store.discard(seq);
          done++;
        }
      } catch (Exception e) {
        failed(p.seqNos.length - done, e);
      } finally {
        counters.bookmarksDiscarded(done);
      }
    }
    if (any) {
      afterDiscards.run();
    }
  }

  private void failed(int left, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    counters.bookmarkDiscardFailed();
    long held = failureLog.tryAcquire();
    if (held >= 0) {
      LOG.warn(
          "Source '{}': discarding bookmarks failed ({} of a committed batch left undiscarded);"
              + " the batch is in the channels and comes again after a restart (duplicates, never"
              + " a gap) ({} failures not logged)",
          sourceName,
          left,
          held,
          redactor.redact(e));
    }
  }
}
