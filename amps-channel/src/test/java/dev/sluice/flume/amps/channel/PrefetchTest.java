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
package dev.sluice.flume.amps.channel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PrefetchTest {
  @Test
  void pollReturnsItemsInTheOrderTheyWerePut() throws Exception {
    Prefetch<Integer> p = new Prefetch<>(10);
    for (int i = 0; i < 5; i++) {
      assertTrue(p.put(i));
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      out.add(p.poll(0, TimeUnit.MILLISECONDS));
    }
    assertEquals(List.of(0, 1, 2, 3, 4), out);
    assertNull(p.poll(0, TimeUnit.MILLISECONDS));
  }

  @Test
  void rolledBackItemsComeBackFirstAndInTheirOrder() throws Exception {
    Prefetch<Integer> p = new Prefetch<>(10);
    for (int i = 0; i < 6; i++) {
      p.put(i);
    }
    List<Integer> taken = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      taken.add(p.poll(0, TimeUnit.MILLISECONDS));
    }
    p.returnToHead(taken);
    List<Integer> out = new ArrayList<>();
    Integer next;
    while ((next = p.poll(0, TimeUnit.MILLISECONDS)) != null) {
      out.add(next);
    }
    assertEquals(List.of(0, 1, 2, 3, 4, 5), out);
  }

  @Test
  void aRollbackNeverWaitsEvenWhenThePrefetchRefilledMeanwhile() throws Exception {
    Prefetch<Integer> p = new Prefetch<>(2);
    p.put(1);
    p.put(2);
    List<Integer> taken = List.of(p.poll(0, TimeUnit.MILLISECONDS));
    p.put(3); // full again
    p.returnToHead(taken);
    assertEquals(3, p.size());
    assertEquals(1, p.poll(0, TimeUnit.MILLISECONDS));
    assertEquals(2, p.poll(0, TimeUnit.MILLISECONDS));
    assertEquals(3, p.poll(0, TimeUnit.MILLISECONDS));
  }

  @Test
  void putWaitsWhileFullUntilATakeMakesRoom() throws Exception {
    Prefetch<Integer> p = new Prefetch<>(1);
    p.put(1);
    CompletableFuture<Boolean> second =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.put(2);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !second.isDone());
    assertEquals(1, p.poll(0, TimeUnit.MILLISECONDS));
    assertTrue(second.get(5, TimeUnit.SECONDS));
    assertEquals(2, p.poll(0, TimeUnit.MILLISECONDS));
  }

  @Test
  void closeReleasesAWaitingPutWhichReportsTheItemWasNotQueued() throws Exception {
    Prefetch<Integer> p = new Prefetch<>(1);
    p.put(1);
    CompletableFuture<Boolean> blocked =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.put(2);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    await()
        .during(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !blocked.isDone());
    p.close();
    assertFalse(blocked.get(5, TimeUnit.SECONDS));
    assertFalse(p.put(3));
    assertEquals(1, p.poll(0, TimeUnit.MILLISECONDS), "what was queued can still be taken");
    assertNull(p.poll(1, TimeUnit.SECONDS), "closed and empty: no wait");
  }

  @Test
  void pollWaitsForAnItemUpToItsTimeout() throws Exception {
    Prefetch<Integer> p = new Prefetch<>(1);
    CompletableFuture<Integer> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.poll(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    p.put(7);
    assertEquals(7, waiting.get(10, TimeUnit.SECONDS));
  }

  @Test
  void refusesACapacityBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> new Prefetch<Integer>(0));
  }
}
