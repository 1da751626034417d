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
package dev.sluice.flume.common.batch;

import java.util.Collections;
import java.util.List;

/**
 * A batch handed out by a {@link HandoffBuffer}. The consumer must give it back exactly once,
 * either {@link HandoffBuffer#complete(Batch) complete} (it is safe downstream) or {@link
 * HandoffBuffer#requeue(Batch) requeue} (the channel refused it; it goes back to the head).
 *
 * @param <E> the element type
 */
public final class Batch<E> {
  private final List<E> elements;
  private final long openedNanos;
  private int attempts;
  private boolean onLoan;

  Batch(List<E> elements, long openedNanos) {
    this.elements = Collections.unmodifiableList(elements);
    this.openedNanos = openedNanos;
  }

  /** The elements in the order the producers put them. */
  public List<E> elements() {
    return elements;
  }

  public int size() {
    return elements.size();
  }

  /** How many times this batch has been handed out before (0 on its first hand-out). */
  public int previousAttempts() {
    return attempts;
  }

  /** When the first element of this batch was put, on the buffer's nano clock. */
  public long openedNanos() {
    return openedNanos;
  }

  // The methods below are called with the buffer's lock held.

  void lend() {
    if (onLoan) {
      throw new IllegalStateException("batch is already handed out");
    }
    onLoan = true;
  }

  void giveBack(boolean retry) {
    if (!onLoan) {
      throw new IllegalStateException(
          "batch was not handed out, or was already completed or requeued");
    }
    onLoan = false;
    if (retry) {
      attempts++;
    }
  }
}
