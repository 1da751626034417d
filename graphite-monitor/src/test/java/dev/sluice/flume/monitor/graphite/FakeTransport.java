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

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A transport that records what it delivers and fails when told to. Delivered lines are what carbon
 * would have received, in the plaintext form.
 */
final class FakeTransport implements GraphiteTransport {
  final List<String> delivered = new ArrayList<>();
  private final List<String> buffered = new ArrayList<>();
  int connects;
  int connectFailuresLeft;
  int flushFailuresLeft;
  boolean peerClosed;

  /** Thrown by the next send: a bug in encoding rather than a network failure. */
  RuntimeException bugOnSend;

  /** When set, flush blocks until the thread is interrupted (a carbon that stopped reading). */
  volatile boolean hangOnFlush;

  final CountDownLatch hanging = new CountDownLatch(1);
  private boolean connected;
  private int failures;

  @Override
  public synchronized void connect() throws IOException {
    if (connectFailuresLeft > 0) {
      connectFailuresLeft--;
      failures++;
      throw new ConnectException("Connection refused (fake)");
    }
    connects++;
    connected = true;
    peerClosed = false;
  }

  @Override
  public synchronized boolean isConnected() {
    return connected && !peerClosed;
  }

  @Override
  public synchronized void send(Datapoint point, long epochSeconds) {
    if (bugOnSend != null) {
      RuntimeException e = bugOnSend;
      bugOnSend = null;
      throw e;
    }
    buffered.add(point.name + " " + point.valueText() + " " + epochSeconds);
  }

  @Override
  public void flush() throws IOException {
    if (hangOnFlush) {
      hanging.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while writing (fake)");
      }
    }
    synchronized (this) {
      if (flushFailuresLeft > 0) {
        flushFailuresLeft--;
        failures++;
        buffered.clear();
        throw new IOException("Broken pipe (fake)");
      }
      delivered.addAll(buffered);
      buffered.clear();
      failures = 0;
    }
  }

  @Override
  public synchronized void close() {
    connected = false;
    buffered.clear();
  }

  @Override
  public synchronized int failures() {
    return failures;
  }

  synchronized List<String> deliveredCopy() {
    return List.copyOf(delivered);
  }
}
