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
package dev.sluice.flume.amps.client;

import com.crankuptheamps.client.ReconnectDelayStrategy;
import dev.sluice.flume.common.retry.Backoff;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * When the built-in HAClient tries to (re)connect, and when it gives up. Within a cycle of failed
 * attempts, the first attempt at each URI is immediate, later ones wait the back-off's next delay
 * ({@code reconnectInitialDelay} doubling with jitter up to {@code reconnectMaxDelay}). A
 * successful logon ({@link #reset}) ends the cycle.
 *
 * <p>It gives up (the client's connect fails with {@link GaveUp} as the cause) when:
 *
 * <ul>
 *   <li>it is closed (the component is stopping): at once, also from within a wait;
 *   <li>in start-up mode, until {@link #running()}: after every URI was tried once, or as soon as
 *       the server refused for good ({@code refusedForGood}): a component starting with a wrong
 *       password or an unreachable server reports it instead of retrying in silence;
 *   <li>when a cycle timeout is set: after the cycle lasted that long (the caller is told through
 *       {@code onGiveUp} and may start a new cycle with its next connect).
 * </ul>
 */
public final class ReconnectStrategy implements ReconnectDelayStrategy {
  /** Thrown to the client to make it stop trying; its message becomes part of the client's. */
  public static final class GaveUp extends Exception {
    private static final long serialVersionUID = 1L;

    GaveUp(String message) {
      super(message, null, false, false);
    }
  }

  private final Backoff backoff;
  private final long cycleTimeoutNanos;
  private final LongSupplier nanoClock;
  private final int uriCount;
  private final BooleanSupplier refusedForGood;
  private final Runnable onGiveUp;
  private final String owner;
  private final Set<String> triedThisCycle = new HashSet<>();
  private boolean startUp;
  private boolean inCycle;
  private long cycleStartNanos;
  private int attemptsThisCycle;
  private boolean closed;

  private ReconnectStrategy(Builder b) {
    this.backoff = b.backoff != null ? b.backoff : new Backoff(b.initialDelay, b.maxDelay);
    this.cycleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(b.cycleTimeoutMillis);
    this.nanoClock = b.nanoClock;
    this.uriCount = b.uriCount;
    this.refusedForGood = b.refusedForGood;
    this.onGiveUp = b.onGiveUp;
    this.owner = b.owner;
    this.startUp = b.startUp;
  }

  /**
   * A strategy with the settings' delays.
   *
   * @param uriCount how many servers the chooser rotates through (start-up mode tries each once)
   */
  public static Builder builder(AmpsClientSettings settings, int uriCount) {
    return new Builder(settings.reconnectInitialDelay, settings.reconnectMaxDelay, uriCount);
  }

  /** A strategy with these delays (milliseconds). */
  public static Builder builder(long initialDelayMillis, long maxDelayMillis, int uriCount) {
    return new Builder(initialDelayMillis, maxDelayMillis, uriCount);
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
   * Decides the wait before the next attempt at {@code uri}.
   *
   * @throws GaveUp when there is to be no next attempt
   */
  synchronized long plan(String uri) throws GaveUp {
    if (closed) {
      throw new GaveUp(owner + " is stopping");
    }
    long now = nanoClock.getAsLong();
    if (!inCycle) {
      inCycle = true;
      cycleStartNanos = now;
      attemptsThisCycle = 0;
      triedThisCycle.clear();
      backoff.reset();
    }
    if (startUp) {
      if (refusedForGood.getAsBoolean()) {
        inCycle = false;
        throw new GaveUp("the server refused the logon");
      }
      if (attemptsThisCycle >= uriCount) {
        inCycle = false;
        throw new GaveUp("every server was tried once");
      }
    }
    long elapsed = now - cycleStartNanos;
    if (cycleTimeoutNanos > 0 && elapsed >= cycleTimeoutNanos) {
      inCycle = false;
      onGiveUp.run();
      throw new GaveUp(
          "no AMPS server accepted a connection and logon within "
              + TimeUnit.NANOSECONDS.toMillis(cycleTimeoutNanos)
              + " ms");
    }
    attemptsThisCycle++;
    if (triedThisCycle.add(uri)) {
      return 0;
    }
    long delay = TimeUnit.MILLISECONDS.toNanos(backoff.nextDelayMillis());
    return cycleTimeoutNanos > 0 ? Math.min(delay, cycleTimeoutNanos - elapsed) : delay;
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
      throw new GaveUp(owner + " is stopping");
    }
  }

  @Override
  public synchronized void reset() {
    inCycle = false;
    attemptsThisCycle = 0;
    triedThisCycle.clear();
    backoff.reset();
  }

  /** Leaves start-up mode: from now on only closing or the cycle timeout end the attempts. */
  public synchronized void running() {
    startUp = false;
  }

  /** Ends any wait and makes every later attempt give up at once. */
  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** True when {@code t} or one of its causes is this strategy giving up. */
  public static boolean isGiveUp(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof GaveUp) {
        return true;
      }
    }
    return false;
  }

  /** The settings of a {@link ReconnectStrategy}; defaults: no cycle timeout, no start-up mode. */
  public static final class Builder {
    private final long initialDelay;
    private final long maxDelay;
    private final int uriCount;
    private Backoff backoff;
    private long cycleTimeoutMillis;
    private LongSupplier nanoClock = System::nanoTime;
    private BooleanSupplier refusedForGood = () -> false;
    private Runnable onGiveUp = () -> {};
    private String owner = "the component";
    private boolean startUp;

    private Builder(long initialDelay, long maxDelay, int uriCount) {
      if (uriCount < 1) {
        throw new IllegalArgumentException("uriCount must be at least 1, was " + uriCount);
      }
      this.initialDelay = initialDelay;
      this.maxDelay = maxDelay;
      this.uriCount = uriCount;
    }

    /** Give up when a cycle of failed attempts lasted this long (0: never). */
    public Builder cycleTimeoutMillis(long millis) {
      if (millis < 0) {
        throw new IllegalArgumentException("cycleTimeoutMillis must be 0 or more, was " + millis);
      }
      this.cycleTimeoutMillis = millis;
      return this;
    }

    /** Give up before the first success: each URI once, or a refusal for good. */
    public Builder startUpMode(BooleanSupplier refusedForGood) {
      this.startUp = true;
      this.refusedForGood = refusedForGood;
      return this;
    }

    /** Told when the cycle timeout makes it give up. */
    public Builder onGiveUp(Runnable r) {
      this.onGiveUp = r;
      return this;
    }

    /** Who is stopping, for the give-up message ("sink 'k1'"). */
    public Builder owner(String name) {
      this.owner = name;
      return this;
    }

    /** A clock for tests. */
    public Builder nanoClock(LongSupplier clock) {
      this.nanoClock = clock;
      return this;
    }

    /** A back-off for tests (one with a fixed random source). */
    public Builder backoff(Backoff b) {
      this.backoff = b;
      return this;
    }

    public ReconnectStrategy build() {
      return new ReconnectStrategy(this);
    }
  }
}
