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
package dev.sluice.flume.common.batch;

import dev.sluice.flume.common.log.ThrottledLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded hand-off between asynchronous producer threads (a client library's receive thread) and
 * one consumer (Flume's polling thread), in batches.
 *
 * <p>Design: one lock guards everything. Producers append to an open batch; it is sealed when it
 * holds {@code maxBatch} elements, or handed out unsealed once its oldest element has waited {@code
 * batchDuration}. The buffer owns at most {@code maxBuffers} batches at a time, counting the open
 * one, the sealed ones and those handed out and not yet given back; a producer that needs a new
 * batch beyond that waits (back-pressure), and a throttled warning names the settings to change. A
 * batch the consumer could not deliver is {@link #requeue requeued} at the head, so order is kept
 * and nothing is lost; a delivered one is {@link #complete completed}, freeing its slot. {@link
 * #close()} releases waiting producers (their {@code put} returns false: the element was not
 * accepted) while the consumer may still drain everything that was accepted.
 *
 * <p>One lock is enough here: a put is a few field writes, and the consumer takes a whole batch per
 * lock acquisition, so the lock is held for far less time than either side spends per element.
 *
 * @param <E> the element type
 */
public final class HandoffBuffer<E> {
  private static final Logger LOG = LoggerFactory.getLogger(HandoffBuffer.class);

  private final String owner;
  private final int maxBatch;
  private final int maxBuffers;
  private final long batchDurationNanos;
  private final String tuningHint;
  private final LongSupplier nanoClock;
  private final ThrottledLog fullWarning;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition batchReady = lock.newCondition();

  // Guarded by lock.
  private final ArrayDeque<Batch<E>> sealed = new ArrayDeque<>();
  private List<E> open;
  private long openedNanos;
  private int onLoan;
  private long elements;
  private boolean closed;
  private long producerWaits;
  private long producerWaitNanos;
  private long requeues;
  // A consumer waits with nothing open, and when it wakes by itself (nano clock).
  private boolean consumerIdle;
  private long idleConsumerWakesAt;

  private HandoffBuffer(Builder<E> builder) {
    this.owner = builder.owner;
    this.maxBatch = builder.maxBatch;
    this.maxBuffers = builder.maxBuffers;
    this.batchDurationNanos = builder.batchDurationNanos;
    this.tuningHint = builder.tuningHint;
    this.nanoClock = builder.nanoClock;
    this.fullWarning =
        new ThrottledLog(builder.warningIntervalNanos, TimeUnit.NANOSECONDS, nanoClock);
  }

  public static <E> Builder<E> builder(String owner) {
    return new Builder<>(owner);
  }

  // ------------------------------------------------------------------ producer side

  /**
   * Adds an element, waiting while the buffer is full.
   *
   * @return true when accepted; false when the buffer was closed first, in which case the element
   *     is not in the buffer and the producer must not acknowledge it upstream
   * @throws InterruptedException if the producer is interrupted while waiting; the element was not
   *     accepted and the interrupt is not swallowed
   */
  public boolean put(E element) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      if (open == null && !closed && batchesOwned() >= maxBuffers) {
        waitForRoom();
      }
      if (closed) {
        return false;
      }
      if (open == null) {
        open = new ArrayList<>(Math.min(maxBatch, 4096));
        openedNanos = nanoClock.getAsLong();
      }
      open.add(element);
      elements++;
      if (open.size() >= maxBatch) {
        sealed.addLast(new Batch<>(open, openedNanos));
        open = null;
        batchReady.signal();
      } else if (open.size() == 1
          && consumerIdle
          && idleConsumerWakesAt - openedNanos > batchDurationNanos) {
        // A consumer waiting with no open batch now has a deadline to wait for, one that comes
        // before it would wake by itself. When its own timeout comes first (a source polls for
        // less than batchDuration), waking it would only cost both threads a context switch.
        batchReady.signal();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void waitForRoom() throws InterruptedException {
    long started = System.nanoTime();
    producerWaits++;
    long held = fullWarning.tryAcquire();
    if (held >= 0) {
      LOG.warn(
          "{}: hand-off buffer full ({} batches of up to {} held, {} waiting for the channels); "
              + "pausing the producer until Flume catches up ({} earlier pauses not logged). {}",
          owner,
          maxBuffers,
          maxBatch,
          onLoan + sealed.size(),
          held,
          tuningHint);
    }
    try {
      while (open == null && !closed && batchesOwned() >= maxBuffers) {
        notFull.await();
      }
    } finally {
      producerWaitNanos += System.nanoTime() - started;
    }
  }

  // ------------------------------------------------------------------ consumer side

  /**
   * Hands out the next batch that is ready: a sealed batch, a requeued one, or the open batch once
   * its oldest element has waited {@code batchDuration} (or at once after {@link #close()}). Waits
   * up to the timeout for one; returns null if none became ready.
   */
  public Batch<E> poll(long timeout, TimeUnit unit) throws InterruptedException {
    long remaining = unit.toNanos(timeout);
    lock.lockInterruptibly();
    try {
      while (true) {
        Batch<E> b = sealed.pollFirst();
        if (b == null && open != null) {
          long age = nanoClock.getAsLong() - openedNanos;
          if (closed || age >= batchDurationNanos) {
            b = new Batch<>(open, openedNanos);
            open = null;
          } else if (remaining > 0) {
            remaining -= waitNanos(Math.min(remaining, batchDurationNanos - age));
            continue;
          }
        }
        if (b != null) {
          b.lend();
          onLoan++;
          return b;
        }
        if (remaining <= 0 || (closed && open == null)) {
          return null;
        }
        idleConsumerWakesAt = nanoClock.getAsLong() + remaining;
        consumerIdle = true;
        try {
          remaining -= waitNanos(remaining);
        } finally {
          consumerIdle = false;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  // Every caller loops and re-checks its condition after the wait; Error Prone cannot see it here.
  @SuppressWarnings("WaitNotInLoop")
  private long waitNanos(long nanos) throws InterruptedException {
    long started = System.nanoTime();
    batchReady.awaitNanos(nanos);
    return Math.max(1, System.nanoTime() - started);
  }

  /** The batch is safe downstream: its slot is freed. */
  public void complete(Batch<E> batch) {
    lock.lock();
    try {
      batch.giveBack(false);
      onLoan--;
      elements -= batch.size();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The batch could not be delivered: it goes back to the head, to be handed out next. */
  public void requeue(Batch<E> batch) {
    lock.lock();
    try {
      batch.giveBack(true);
      onLoan--;
      requeues++;
      sealed.addFirst(batch);
      batchReady.signal();
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ lifecycle and state

  /**
   * Stops accepting elements and wakes every waiting producer (their {@code put} returns false).
   * Everything accepted before stays and can still be drained with {@link #poll}: the open batch is
   * handed out at once from now on. Idempotent; never blocks on a producer.
   */
  public void close() {
    lock.lock();
    try {
      closed = true;
      notFull.signalAll();
      batchReady.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** Elements accepted and not yet completed, including those in batches handed out. */
  public long size() {
    lock.lock();
    try {
      return elements;
    } finally {
      lock.unlock();
    }
  }

  /** Fill level from 0 to 1: elements held over {@code maxBuffers * maxBatch}. */
  public double fillRatio() {
    return (double) size() / ((double) maxBuffers * maxBatch);
  }

  /** Batches owned: open, sealed and handed out. Never more than {@code maxBuffers}. */
  public int batches() {
    lock.lock();
    try {
      return batchesOwned();
    } finally {
      lock.unlock();
    }
  }

  /** How many times a producer had to wait for room. */
  public long producerWaits() {
    lock.lock();
    try {
      return producerWaits;
    } finally {
      lock.unlock();
    }
  }

  /** Total time producers spent waiting for room, in milliseconds. */
  public long producerWaitMillis() {
    lock.lock();
    try {
      return TimeUnit.NANOSECONDS.toMillis(producerWaitNanos);
    } finally {
      lock.unlock();
    }
  }

  /** How many batches were given back undelivered. */
  public long requeues() {
    lock.lock();
    try {
      return requeues;
    } finally {
      lock.unlock();
    }
  }

  public int maxBatch() {
    return maxBatch;
  }

  public int maxBuffers() {
    return maxBuffers;
  }

  private int batchesOwned() {
    return sealed.size() + onLoan + (open == null ? 0 : 1);
  }

  /** Builds a {@link HandoffBuffer}; every setter checks its argument at once. */
  public static final class Builder<E> {
    private final String owner;
    private int maxBatch = 1000;
    private int maxBuffers = 10;
    private long batchDurationNanos = TimeUnit.SECONDS.toNanos(1);
    private String tuningHint = "Consider a larger buffer or faster sinks.";
    private LongSupplier nanoClock = System::nanoTime;
    private long warningIntervalNanos = TimeUnit.SECONDS.toNanos(30);

    private Builder(String owner) {
      this.owner = owner;
    }

    /** Most elements in one batch (for a source: at most the channels' transactionCapacity). */
    public Builder<E> maxBatch(int maxBatch) {
      if (maxBatch < 1) {
        throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
      }
      this.maxBatch = maxBatch;
      return this;
    }

    /** Most batches held at once before producers wait. */
    public Builder<E> maxBuffers(int maxBuffers) {
      if (maxBuffers < 1) {
        throw new IllegalArgumentException("maxBuffers must be at least 1, got " + maxBuffers);
      }
      this.maxBuffers = maxBuffers;
      return this;
    }

    /** How long the oldest element of a partial batch may wait before the batch is handed out. */
    public Builder<E> batchDuration(long duration, TimeUnit unit) {
      if (duration < 0) {
        throw new IllegalArgumentException("batchDuration must not be negative, got " + duration);
      }
      this.batchDurationNanos = unit.toNanos(duration);
      return this;
    }

    /** The advice in the buffer-full warning, naming the owner's settings to change. */
    public Builder<E> tuningHint(String tuningHint) {
      this.tuningHint = tuningHint;
      return this;
    }

    /** How often at most the buffer-full warning is logged. */
    public Builder<E> warningInterval(long interval, TimeUnit unit) {
      this.warningIntervalNanos = unit.toNanos(interval);
      return this;
    }

    /** A clock for batch ages, in nanoseconds; tests pass a fake one. */
    public Builder<E> nanoClock(LongSupplier nanoClock) {
      this.nanoClock = nanoClock;
      return this;
    }

    public HandoffBuffer<E> build() {
      return new HandoffBuffer<>(this);
    }
  }
}
