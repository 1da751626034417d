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

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HandoffBufferTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final AtomicLong clock = new AtomicLong();

  private HandoffBuffer<Integer> buffer(int maxBatch, int maxBuffers, long durationMillis) {
    return HandoffBuffer.<Integer>builder("test")
        .maxBatch(maxBatch)
        .maxBuffers(maxBuffers)
        .batchDuration(durationMillis, TimeUnit.MILLISECONDS)
        .nanoClock(clock::get)
        .build();
  }

  @Test
  void handsOutAFullBatchAtOnce() throws Exception {
    HandoffBuffer<Integer> b = buffer(3, 2, 60_000);
    for (int i = 0; i < 3; i++) {
      assertTrue(b.put(i));
    }
    Batch<Integer> batch = b.poll(0, TimeUnit.MILLISECONDS);
    assertNotNull(batch);
    assertEquals(List.of(0, 1, 2), batch.elements());
    assertEquals(3, b.size());
    b.complete(batch);
    assertEquals(0, b.size());
    assertEquals(0, b.batches());
  }

  @Test
  void holdsAPartialBatchUntilItsOldestElementHasWaitedBatchDuration() throws Exception {
    HandoffBuffer<Integer> b = buffer(100, 2, 500);
    b.put(1);
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(300));
    b.put(2);
    assertNull(b.poll(0, TimeUnit.MILLISECONDS), "oldest element has waited only 300 ms");
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
    Batch<Integer> batch = b.poll(0, TimeUnit.MILLISECONDS);
    assertNotNull(batch);
    assertEquals(List.of(1, 2), batch.elements());
  }

  @Test
  void zeroBatchDurationHandsOutWhateverIsThere() throws Exception {
    HandoffBuffer<Integer> b = buffer(100, 2, 0);
    b.put(7);
    assertEquals(List.of(7), b.poll(0, TimeUnit.MILLISECONDS).elements());
  }

  @Test
  void requeuedBatchComesBackFirstAndKeepsOrder() throws Exception {
    HandoffBuffer<Integer> b = buffer(2, 3, 60_000);
    for (int i = 0; i < 4; i++) {
      b.put(i);
    }
    Batch<Integer> first = b.poll(0, TimeUnit.MILLISECONDS);
    assertEquals(List.of(0, 1), first.elements());
    b.requeue(first);
    Batch<Integer> again = b.poll(0, TimeUnit.MILLISECONDS);
    assertEquals(List.of(0, 1), again.elements());
    assertEquals(1, again.previousAttempts());
    b.complete(again);
    assertEquals(List.of(2, 3), b.poll(0, TimeUnit.MILLISECONDS).elements());
    assertEquals(1, b.requeues());
  }

  @Test
  void aBatchCanBeGivenBackOnlyOnce() throws Exception {
    HandoffBuffer<Integer> b = buffer(1, 2, 0);
    b.put(1);
    Batch<Integer> batch = b.poll(0, TimeUnit.MILLISECONDS);
    b.complete(batch);
    assertThrows(IllegalStateException.class, () -> b.complete(batch));
    assertThrows(IllegalStateException.class, () -> b.requeue(batch));
  }

  @Test
  void producerWaitsWhenMaxBuffersBatchesAreHeldAndResumesWhenOneCompletes() throws Exception {
    HandoffBuffer<Integer> b = buffer(2, 2, 60_000);
    for (int i = 0; i < 4; i++) {
      b.put(i);
    }
    Batch<Integer> onLoan = b.poll(0, TimeUnit.MILLISECONDS);
    CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> putQuietly(b, 4));
    await().atMost(DEADLINE).until(() -> b.producerWaits() == 1);
    assertFalse(blocked.isDone(), "no room: one batch on loan, one sealed");
    assertEquals(2, b.batches());
    b.requeue(onLoan);
    assertFalse(blocked.isDone(), "a requeued batch still holds its slot");
    b.complete(b.poll(0, TimeUnit.MILLISECONDS));
    assertTrue(blocked.get(30, TimeUnit.SECONDS));
    assertEquals(3, b.size());
  }

  @Test
  void closeReleasesAWaitingProducerWithoutAcceptingItsElement() throws Exception {
    HandoffBuffer<Integer> b = buffer(1, 1, 60_000);
    b.put(1);
    CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> putQuietly(b, 2));
    await().atMost(DEADLINE).until(() -> b.producerWaits() == 1);
    b.close();
    assertFalse(blocked.get(30, TimeUnit.SECONDS), "the element put during close is refused");
    assertFalse(b.put(3));
    Batch<Integer> remaining = b.poll(0, TimeUnit.MILLISECONDS);
    assertEquals(List.of(1), remaining.elements(), "what was accepted can still be drained");
    b.complete(remaining);
    assertNull(b.poll(1, TimeUnit.SECONDS));
  }

  @Test
  void closeHandsOutTheOpenBatchAtOnce() throws Exception {
    HandoffBuffer<Integer> b = buffer(100, 2, 60_000);
    b.put(1);
    assertNull(b.poll(0, TimeUnit.MILLISECONDS));
    b.close();
    assertEquals(List.of(1), b.poll(0, TimeUnit.MILLISECONDS).elements());
  }

  @Test
  void interruptOfAWaitingProducerIsNotSwallowed() throws Exception {
    HandoffBuffer<Integer> b = buffer(1, 1, 60_000);
    b.put(1);
    AtomicBoolean sawInterrupt = new AtomicBoolean();
    Thread producer =
        new Thread(
            () -> {
              try {
                b.put(2);
              } catch (InterruptedException e) {
                sawInterrupt.set(true);
              }
            });
    producer.start();
    await().atMost(DEADLINE).until(() -> b.producerWaits() == 1);
    producer.interrupt();
    producer.join(TimeUnit.SECONDS.toMillis(30));
    assertTrue(sawInterrupt.get());
    assertEquals(1, b.size(), "the interrupted element was not accepted");
  }

  @Test
  void pollWaitsForAFullBatch() throws Exception {
    HandoffBuffer<Integer> b =
        HandoffBuffer.<Integer>builder("test").maxBatch(2).maxBuffers(2).build();
    CompletableFuture<Batch<Integer>> polled =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return b.poll(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    b.put(1);
    b.put(2);
    assertEquals(List.of(1, 2), polled.get(30, TimeUnit.SECONDS).elements());
  }

  @Test
  void fillRatioReflectsHeldElements() throws Exception {
    HandoffBuffer<Integer> b = buffer(10, 2, 60_000);
    for (int i = 0; i < 5; i++) {
      b.put(i);
    }
    assertEquals(0.25, b.fillRatio(), 1e-9);
  }

  @Test
  void builderRefusesNonsense() {
    assertThrows(IllegalArgumentException.class, () -> HandoffBuffer.builder("x").maxBatch(0));
    assertThrows(IllegalArgumentException.class, () -> HandoffBuffer.builder("x").maxBuffers(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> HandoffBuffer.builder("x").batchDuration(-1, TimeUnit.SECONDS));
  }

  private static boolean putQuietly(HandoffBuffer<Integer> b, int v) {
    try {
      return b.put(v);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
