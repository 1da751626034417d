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
package dev.sluice.flume.benchmarks.amps;

import dev.sluice.flume.benchmarks.agent.AgentRun;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * How the AMPS end-to-end benchmarks time a run, the same for ours and the anchor: a count polled
 * every {@link #POLL_MILLIS} ms; the rate is the events counted between the first poll that sees
 * the low mark and the first that sees the high mark, over the time between those two polls.
 */
public final class SteadyRate {
  /** The poll interval of every count, both sides. */
  public static final long POLL_MILLIS = 10;

  private SteadyRate() {}

  /**
   * Events per second between {@code low} and {@code high} of {@code count}.
   *
   * @param alive false once the counted process is gone (fails the run at once)
   */
  public static double measure(
      LongSupplier count, long low, long high, Duration timeout, BooleanSupplier alive)
      throws Exception {
    return measure(count, low, high, timeout, alive, null);
  }

  /**
   * The same, and the cost of the counted process over the same window: {@code cost} (when not
   * null) opens its window at the poll that sees the low mark and closes it at the one that sees
   * the high mark.
   */
  public static double measure(
      LongSupplier count,
      long low,
      long high,
      Duration timeout,
      BooleanSupplier alive,
      AgentRun cost)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long t0 = 0;
    long c0 = 0;
    while (true) {
      long now = System.nanoTime();
      long c = count.getAsLong();
      if (t0 == 0 && c >= low) {
        t0 = now;
        c0 = c;
        if (cost != null) {
          cost.windowOpens();
        }
      } else if (t0 != 0 && c >= high) {
        if (cost != null) {
          cost.windowCloses(c - c0);
        }
        return (c - c0) / ((now - t0) / 1e9);
      }
      check(c, high, deadline, timeout, alive);
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }

  /** Waits, polling the same way, until {@code count} reaches {@code atLeast}; returns it. */
  public static long await(
      LongSupplier count, long atLeast, Duration timeout, BooleanSupplier alive) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long c = count.getAsLong();
      if (c >= atLeast) {
        return c;
      }
      check(c, atLeast, deadline, timeout, alive);
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }

  private static void check(
      long c, long wanted, long deadline, Duration timeout, BooleanSupplier alive)
      throws TimeoutException {
    if (!alive.getAsBoolean()) {
      throw new IllegalStateException("the counted process exited at " + c + " of " + wanted);
    }
    if (System.nanoTime() > deadline) {
      throw new TimeoutException("only " + c + " of " + wanted + " counted within " + timeout);
    }
  }
}
