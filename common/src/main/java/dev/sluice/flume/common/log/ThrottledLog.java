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
package dev.sluice.flume.common.log;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Lets a warning through at most once per interval and counts what it held back, so a condition
 * that repeats thousands of times a second (a full buffer, an unreachable server) is logged with a
 * count instead of flooding the agent's log. Thread-safe.
 */
public final class ThrottledLog {
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private long lastNanos;
  private boolean loggedOnce;
  private long suppressed;

  public ThrottledLog(long interval, TimeUnit unit) {
    this(interval, unit, System::nanoTime);
  }

  public ThrottledLog(long interval, TimeUnit unit, LongSupplier nanoClock) {
    this.intervalNanos = unit.toNanos(interval);
    this.nanoClock = nanoClock;
  }

  /**
   * Returns -1 when this occurrence should not be logged, else the number of occurrences held back
   * since the last one that was (0 the first time).
   */
  public synchronized long tryAcquire() {
    long now = nanoClock.getAsLong();
    if (loggedOnce && now - lastNanos < intervalNanos) {
      suppressed++;
      return -1;
    }
    loggedOnce = true;
    lastNanos = now;
    long held = suppressed;
    suppressed = 0;
    return held;
  }
}
