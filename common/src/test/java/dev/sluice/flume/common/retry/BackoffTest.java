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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesUpToTheMaximumWithJitterInTheUpperHalf() {
    Backoff low = new Backoff(100, 1_000, () -> 0.0);
    assertEquals(50, low.nextDelayMillis());
    assertEquals(100, low.nextDelayMillis());
    assertEquals(200, low.nextDelayMillis());
    assertEquals(400, low.nextDelayMillis());
    assertEquals(500, low.nextDelayMillis());
    assertEquals(500, low.nextDelayMillis());
    Backoff high = new Backoff(100, 1_000, () -> 0.999_999);
    assertEquals(100, high.nextDelayMillis());
    for (int i = 0; i < 100; i++) {
      high.nextDelayMillis();
    }
    assertEquals(1_000, high.nextDelayMillis());
  }

  @Test
  void resetStartsOver() {
    Backoff b = new Backoff(10, 1_000, () -> 0.0);
    b.nextDelayMillis();
    b.nextDelayMillis();
    assertEquals(2, b.attempts());
    b.reset();
    assertEquals(5, b.nextDelayMillis());
  }

  @Test
  void refusesNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 5));
  }
}
