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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes waiting to go to one client, and the thread that writes them. Producers (any thread
 * delivering to this connection) copy whole frames into the current buffer under a short lock; the
 * writer swaps buffers and writes outside the lock, so many small frames leave in one system call.
 */
final class Outbound implements Runnable {
  private static final int INITIAL = 64 * 1024;
  private static final int KEEP_AT_MOST = 4 * 1024 * 1024;

  private final Connection connection;
  private final SocketChannel channel;
  private final long hardLimit;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition drained = lock.newCondition();
  private byte[] current = new byte[INITIAL];
  private int length;
  private byte[] spare = new byte[INITIAL];
  private boolean writerWaiting;
  private int drainWaiters;
  private boolean closed;
  private volatile long queued;

  Outbound(Connection connection, SocketChannel channel, long hardLimit) {
    this.connection = connection;
    this.channel = channel;
    this.hardLimit = hardLimit;
  }

  /** Queues one complete frame; returns the bytes now queued (0 if the connection is closed). */
  long send(byte[] frame, int offset, int size) {
    long total;
    lock.lock();
    try {
      if (closed) {
        return 0;
      }
      if (length + size > current.length) {
        byte[] bigger = new byte[Math.max(length + size, current.length * 2)];
        System.arraycopy(current, 0, bigger, 0, length);
        current = bigger;
      }
      System.arraycopy(frame, offset, current, length, size);
      length += size;
      total = addQueued(size);
      if (writerWaiting) {
        notEmpty.signal();
      }
    } finally {
      lock.unlock();
    }
    if (total > hardLimit) {
      connection.close("slow consumer: " + total + " bytes queued");
    }
    return total;
  }

  // Called only with the lock held; queued is volatile so that queuedBytes() can read it without.
  @SuppressWarnings("NonAtomicVolatileUpdate")
  private long addQueued(long delta) {
    queued += delta;
    return queued;
  }

  long queuedBytes() {
    return queued;
  }

  /**
   * Waits until at most {@code limit} bytes are queued, the connection closes, or time runs out.
   */
  void awaitBelow(long limit, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    lock.lock();
    try {
      drainWaiters++;
      try {
        while (!closed && queued > limit) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return;
          }
          drained.awaitNanos(left);
        }
      } finally {
        drainWaiters--;
      }
    } finally {
      lock.unlock();
    }
  }

  void close() {
    lock.lock();
    try {
      closed = true;
      notEmpty.signalAll();
      drained.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void run() {
    ByteBuffer view;
    try {
      while (true) {
        byte[] batch;
        int size;
        lock.lock();
        try {
          while (length == 0 && !closed) {
            writerWaiting = true;
            try {
              notEmpty.await();
            } finally {
              writerWaiting = false;
            }
          }
          if (closed) {
            return;
          }
          batch = current;
          size = length;
          current = spare;
          length = 0;
        } finally {
          lock.unlock();
        }
        connection.server().awaitNotStalled();
        view = ByteBuffer.wrap(batch, 0, size);
        while (view.hasRemaining()) {
          channel.write(view);
        }
        lock.lock();
        try {
          spare = batch.length > KEEP_AT_MOST ? new byte[INITIAL] : batch;
          addQueued(-size);
          if (drainWaiters > 0) {
            drained.signalAll();
          }
        } finally {
          lock.unlock();
        }
      }
    } catch (IOException e) {
      connection.close("write failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connection.close("writer interrupted");
    }
  }
}
