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
package dev.sluice.flume.monitor.graphite;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The batches waiting for one destination, at most {@code capacity} of them. When carbon is down
 * the queue fills; each new batch then pushes out the oldest, because the newest figures are the
 * ones worth having once carbon is back. The poll thread offers, the destination's sender takes.
 */
final class BatchQueue {
  private final int capacity;
  private final ArrayDeque<Batch> batches;
  private boolean closed;

  BatchQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.batches = new ArrayDeque<>(Math.min(capacity, 64));
  }

  /**
   * Adds a batch at the tail, pushing out the oldest one when full.
   *
   * @return the batch pushed out, or null
   */
  synchronized Batch offer(Batch batch) {
    Batch dropped = null;
    if (batches.size() >= capacity) {
      dropped = batches.pollFirst();
    }
    batches.addLast(batch);
    notifyAll();
    return dropped;
  }

  /**
   * Puts a batch that could not be sent back at the head, to be tried first next time. Refused when
   * the queue is full: newer batches have taken its place, and it is the oldest of them all.
   */
  synchronized boolean putBack(Batch batch) {
    if (batches.size() >= capacity) {
      return false;
    }
    batches.addFirst(batch);
    return true;
  }

  /**
   * The oldest batch, waiting at most {@code timeoutMillis} for one; null on timeout, or at once
   * when the queue is closed and empty.
   */
  synchronized Batch take(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (batches.isEmpty() && !closed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return batches.pollFirst();
  }

  /**
   * Waits up to {@code millis} or until the queue is closed, whichever is first: the sender's
   * back-off, cut short by shutdown.
   *
   * @return true when the queue is closed
   */
  synchronized boolean awaitClose(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!closed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** No more batches will come: takers drain what is left, then get null. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  synchronized boolean isClosed() {
    return closed;
  }

  /** Empties the queue, returning how many batches were in it. */
  synchronized int clear() {
    int n = batches.size();
    batches.clear();
    return n;
  }

  synchronized int size() {
    return batches.size();
  }
}
