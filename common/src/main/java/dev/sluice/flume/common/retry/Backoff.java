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
package dev.sluice.flume.common.retry;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with full jitter, for reconnect loops: the n-th delay is a random value
 * between half and all of {@code min(max, initial * 2^n)}, so many agents that lost the same server
 * do not all reconnect in the same millisecond. Not thread-safe: one per retry loop.
 */
public final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private final DoubleSupplier random;
  private int attempt;

  public Backoff(long initialMillis, long maxMillis) {
    this(initialMillis, maxMillis, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** With a source of random numbers in [0, 1), for tests. */
  public Backoff(long initialMillis, long maxMillis, DoubleSupplier random) {
    if (initialMillis <= 0 || maxMillis < initialMillis) {
      throw new IllegalArgumentException(
          "back-off needs 0 < initialMillis <= maxMillis, got "
              + initialMillis
              + " and "
              + maxMillis);
    }
    this.initialMillis = initialMillis;
    this.maxMillis = maxMillis;
    this.random = random;
  }

  /** The delay before the next attempt; each call doubles the ceiling up to the maximum. */
  public long nextDelayMillis() {
    long ceiling = attempt >= 62 ? maxMillis : Math.min(maxMillis, initialMillis << attempt);
    if (ceiling <= 0) {
      ceiling = maxMillis;
    }
    if (attempt < Integer.MAX_VALUE) {
      attempt++;
    }
    long half = ceiling / 2;
    return half + (long) (random.getAsDouble() * (ceiling - half + 1));
  }

  /** Failures since the last {@link #reset()}. */
  public int attempts() {
    return attempt;
  }

  /** Call after a success: the next failure starts again from the initial delay. */
  public void reset() {
    attempt = 0;
  }
}
