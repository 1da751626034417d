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
package dev.sluice.flume.testsupport;

import java.time.Duration;

/** A point in time to poll against, with a short growing pause between polls. */
final class Deadline {
  private static final long MIN_PAUSE_MILLIS = 20;
  private static final long MAX_PAUSE_MILLIS = 250;

  private final long deadlineNanos;
  private long pauseMillis = MIN_PAUSE_MILLIS;

  private Deadline(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  static Deadline after(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  boolean expired() {
    return System.nanoTime() - deadlineNanos >= 0;
  }

  /** Waits before the next poll: 20 ms at first, growing to 250 ms. */
  void pause() {
    try {
      Thread.sleep(pauseMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while polling", e);
    }
    pauseMillis = Math.min(MAX_PAUSE_MILLIS, pauseMillis * 2);
  }
}
