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

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-off between the subscription (one producer: the client's reader thread) and the
 * takers (sink runners). {@link #put} waits while {@code capacity} items are queued; {@link #poll}
 * takes from the head; {@link #returnToHead} puts a rolled-back transaction's items back at the
 * head in their order, even beyond capacity (a rollback must never wait), so the next take sees
 * them first.
 */
final class Prefetch<T> {
  private final int capacity;
  private final ArrayDeque<T> queue = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition notEmpty = lock.newCondition();
  private boolean closed;

  Prefetch(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Appends, waiting while full.
   *
   * @return false when closed (the item was not queued)
   */
  boolean put(T item) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (!closed && queue.size() >= capacity) {
        notFull.await();
      }
      if (closed) {
        return false;
      }
      queue.addLast(item);
      notEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The head, waiting up to the timeout for one; null when none came or when closed. */
  T poll(long timeout, TimeUnit unit) throws InterruptedException {
    long left = unit.toNanos(timeout);
    lock.lockInterruptibly();
    try {
      while (queue.isEmpty()) {
        if (closed || left <= 0) {
          return null;
        }
        left = notEmpty.awaitNanos(left);
      }
      T item = queue.pollFirst();
      notFull.signal();
      return item;
    } finally {
      lock.unlock();
    }
  }

  /** Puts {@code items} back at the head, first item first; never waits. */
  void returnToHead(List<T> items) {
    if (items.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      for (int i = items.size() - 1; i >= 0; i--) {
        queue.addFirst(items.get(i));
      }
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  int capacity() {
    return capacity;
  }

  /** Wakes every waiter; later puts are refused and polls return what is left, then null. */
  void close() {
    lock.lock();
    try {
      closed = true;
      notFull.signalAll();
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
