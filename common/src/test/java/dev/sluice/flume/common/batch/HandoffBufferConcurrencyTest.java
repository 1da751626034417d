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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many producers, one consumer that sometimes refuses a batch (as a full channel does): nothing is
 * lost, nothing duplicated, each producer's order is kept, and the buffer never owns more than
 * maxBuffers batches. Elements encode (producer, sequence) in one long.
 */
class HandoffBufferConcurrencyTest {
  private static final int PRODUCERS = 4;
  private static final int PER_PRODUCER = 250_000;
  private static final int MAX_BATCH = 500;
  private static final int MAX_BUFFERS = 4;

  @Test
  void millionElementsFromFourProducersArriveOnceEachInProducerOrder() throws Exception {
    HandoffBuffer<Long> buffer = newBuffer();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> producers = startProducers(buffer, PER_PRODUCER, new AtomicLong(), failures);

    Consumer consumer = new Consumer(buffer);
    while (consumer.completed < (long) PRODUCERS * PER_PRODUCER) {
      consumer.pollOnce();
    }
    for (Thread p : producers) {
      p.join(TimeUnit.MINUTES.toMillis(2));
      assertFalse(p.isAlive());
    }
    assertTrue(failures.isEmpty(), () -> "producer failed: " + failures);
    assertEquals((long) PRODUCERS * PER_PRODUCER, consumer.completed);
    for (int p = 0; p < PRODUCERS; p++) {
      assertEquals(PER_PRODUCER, consumer.nextExpected[p], "producer " + p + " fully delivered");
    }
    assertTrue(consumer.requeued > 0, "the test exercised refused batches");
    assertTrue(consumer.maxBatchesSeen <= MAX_BUFFERS, "owned " + consumer.maxBatchesSeen);
    assertEquals(0, buffer.size());
  }

  @Test
  void closeUnderLoadLosesNothingThatWasAccepted() throws Exception {
    HandoffBuffer<Long> buffer = newBuffer();
    AtomicLong accepted = new AtomicLong();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> producers = startProducers(buffer, Integer.MAX_VALUE, accepted, failures);

    Consumer consumer = new Consumer(buffer);
    while (consumer.completed < 200_000) {
      consumer.pollOnce();
    }
    buffer.close();
    for (Thread p : producers) {
      p.join(TimeUnit.MINUTES.toMillis(1));
      assertFalse(p.isAlive(), "close released every producer");
    }
    // Drain what was accepted before close; the consumer keeps refusing some batches meanwhile.
    while (buffer.size() > 0) {
      consumer.pollOnce();
    }
    assertTrue(failures.isEmpty(), () -> "producer failed: " + failures);
    assertEquals(accepted.get(), consumer.completed, "every accepted element was delivered once");
    long sum = 0;
    for (int p = 0; p < PRODUCERS; p++) {
      sum += consumer.nextExpected[p];
    }
    assertEquals(accepted.get(), sum);
  }

  private static HandoffBuffer<Long> newBuffer() {
    return HandoffBuffer.<Long>builder("concurrency-test")
        .maxBatch(MAX_BATCH)
        .maxBuffers(MAX_BUFFERS)
        .batchDuration(1, TimeUnit.MILLISECONDS)
        .build();
  }

  private static List<Thread> startProducers(
      HandoffBuffer<Long> buffer,
      int perProducer,
      AtomicLong accepted,
      ConcurrentLinkedQueue<Throwable> failures) {
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      long producer = p;
      Thread t =
          new Thread(
              () -> {
                try {
                  for (long seq = 0; seq < perProducer; seq++) {
                    if (!buffer.put((producer << 32) | seq)) {
                      return;
                    }
                    accepted.incrementAndGet();
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              },
              "producer-" + p);
      t.start();
      threads.add(t);
    }
    return threads;
  }

  /** Checks order as it completes batches; refuses every fifth batch once. */
  private static final class Consumer {
    private final HandoffBuffer<Long> buffer;
    final long[] nextExpected = new long[PRODUCERS];
    long completed;
    long requeued;
    int maxBatchesSeen;
    private long handedOut;

    Consumer(HandoffBuffer<Long> buffer) {
      this.buffer = buffer;
    }

    void pollOnce() throws InterruptedException {
      Batch<Long> batch = buffer.poll(10, TimeUnit.MILLISECONDS);
      maxBatchesSeen = Math.max(maxBatchesSeen, buffer.batches());
      if (batch == null) {
        return;
      }
      if (batch.size() > MAX_BATCH) {
        throw new AssertionError("batch of " + batch.size());
      }
      handedOut++;
      if (handedOut % 5 == 0 && batch.previousAttempts() == 0) {
        requeued++;
        buffer.requeue(batch);
        return;
      }
      for (long e : batch.elements()) {
        int producer = (int) (e >>> 32);
        long seq = e & 0xffffffffL;
        if (seq != nextExpected[producer]) {
          throw new AssertionError(
              "producer " + producer + ": expected " + nextExpected[producer] + " got " + seq);
        }
        nextExpected[producer]++;
      }
      completed += batch.size();
      buffer.complete(batch);
    }
  }
}
