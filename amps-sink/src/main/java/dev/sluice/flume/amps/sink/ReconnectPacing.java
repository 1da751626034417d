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
package dev.sluice.flume.amps.sink;

import com.crankuptheamps.client.ReconnectDelayStrategy;
import dev.sluice.flume.common.retry.Backoff;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces the HAClient's connection attempts and bounds them, whichever thread makes them (the client
 * reconnects on its reader thread after a disconnect, or on the sink's thread).
 *
 * <p>A cycle of attempts starts with the first attempt after a success. Each URI is tried once at
 * once (so a failover to the next server costs no delay); after that every attempt waits for {@link
 * Backoff}'s next delay (exponential, jittered, capped). A cycle that has not connected within the
 * reconnect timeout gives up: the client stops trying and reports the last error, and the sink
 * fails its batch (rolled back) and starts a new cycle with its next batch. Waiting here rather
 * than in the client means a stop or an interrupt ends the wait at once.
 */
final class ReconnectPacing implements ReconnectDelayStrategy {
  /** Thrown to the client to make it stop trying; its message becomes part of the client's. */
  static final class GaveUp extends Exception {
    private static final long serialVersionUID = 1L;

    GaveUp(String message) {
      super(message, null, false, false);
    }
  }

  private final long timeoutNanos;
  private final Backoff backoff;
  private final LongSupplier nanoClock;
  private final Runnable onGiveUp;
  private final Set<String> triedThisCycle = new HashSet<>();
  private boolean inCycle;
  private long cycleStartNanos;
  private boolean closed;

  ReconnectPacing(
      long initialDelayMillis,
      long maxDelayMillis,
      long timeoutMillis,
      LongSupplier nanoClock,
      Runnable onGiveUp) {
    this(new Backoff(initialDelayMillis, maxDelayMillis), timeoutMillis, nanoClock, onGiveUp);
  }

  /** With a given back-off (for tests: one with a fixed random source). */
  ReconnectPacing(Backoff backoff, long timeoutMillis, LongSupplier nanoClock, Runnable onGiveUp) {
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    this.backoff = backoff;
    this.nanoClock = nanoClock;
    this.onGiveUp = onGiveUp;
  }

  @Override
  public int getConnectWaitDuration(String uri) throws Exception {
    long delayNanos = plan(uri);
    if (delayNanos > 0) {
      pause(delayNanos);
    }
    return 0;
  }

  /**
   * Decides the wait before the next attempt at {@code uri}: none for the first attempt at each URI
   * in a cycle, the back-off's next delay after that, never past the cycle's end.
   *
   * @throws GaveUp when closed, or when the cycle has lasted the reconnect timeout
   */
  synchronized long plan(String uri) throws GaveUp {
    if (closed) {
      throw new GaveUp("the sink is stopping");
    }
    long now = nanoClock.getAsLong();
    if (!inCycle) {
      inCycle = true;
      cycleStartNanos = now;
      triedThisCycle.clear();
      backoff.reset();
    }
    long elapsed = now - cycleStartNanos;
    if (elapsed >= timeoutNanos) {
      inCycle = false;
      onGiveUp.run();
      throw new GaveUp(
          "no AMPS server accepted a connection and logon within "
              + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
              + " ms (reconnectTimeout)");
    }
    if (triedThisCycle.add(uri)) {
      return 0;
    }
    return Math.min(
        TimeUnit.MILLISECONDS.toNanos(backoff.nextDelayMillis()), timeoutNanos - elapsed);
  }

  /** Waits, waking early (and giving up) when closed or interrupted. */
  private void pause(long nanos) throws GaveUp {
    long end = nanoClock.getAsLong() + nanos;
    synchronized (this) {
      while (!closed) {
        long left = end - nanoClock.getAsLong();
        if (left <= 0) {
          return;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new GaveUp("interrupted while waiting to reconnect");
        }
      }
      throw new GaveUp("the sink is stopping");
    }
  }

  @Override
  public synchronized void reset() {
    inCycle = false;
    triedThisCycle.clear();
    backoff.reset();
  }

  /** Ends any wait and makes every later attempt give up at once. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }
}
