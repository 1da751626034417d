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
package dev.sluice.flume.benchmarks.handoff;

import dev.sluice.flume.common.batch.Batch;
import dev.sluice.flume.common.batch.HandoffBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hand-off buffer against its anchor, a plain {@link ArrayBlockingQueue} of the same capacity
 * drained with {@code drainTo} in batches of the same size: two producer threads put {@link
 * #EVENTS} elements, one consumer takes them in batches. One operation is the whole transfer, so
 * the score is milliseconds per million elements; the ratio anchor/ours is our relative speed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HandoffBufferBenchmark {
  public static final int EVENTS = 1_000_000;
  private static final int PRODUCERS = 2;
  private static final int MAX_BUFFERS = 10;
  private static final Long ELEMENT = 42L;

  @Param({"100", "1000"})
  public int maxBatch;

  @Benchmark
  public long handoffBuffer() throws InterruptedException {
    HandoffBuffer<Long> buffer =
        HandoffBuffer.<Long>builder("bench")
            .maxBatch(maxBatch)
            .maxBuffers(MAX_BUFFERS)
            .batchDuration(1, TimeUnit.MILLISECONDS)
            .warningInterval(1, TimeUnit.HOURS)
            .build();
    List<Thread> producers =
        startProducers(
            () -> {
              for (int i = 0; i < EVENTS / PRODUCERS; i++) {
                buffer.put(ELEMENT);
              }
            });
    long taken = 0;
    while (taken < EVENTS) {
      Batch<Long> b = buffer.poll(100, TimeUnit.MILLISECONDS);
      if (b != null) {
        taken += b.size();
        buffer.complete(b);
      }
    }
    join(producers);
    return taken;
  }

  @Benchmark
  public long arrayBlockingQueue() throws InterruptedException {
    ArrayBlockingQueue<Long> queue = new ArrayBlockingQueue<>(MAX_BUFFERS * maxBatch);
    List<Thread> producers =
        startProducers(
            () -> {
              for (int i = 0; i < EVENTS / PRODUCERS; i++) {
                queue.put(ELEMENT);
              }
            });
    List<Long> batch = new ArrayList<>(maxBatch);
    long taken = 0;
    while (taken < EVENTS) {
      Long first = queue.poll(100, TimeUnit.MILLISECONDS);
      if (first != null) {
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        taken += batch.size();
        batch.clear();
      }
    }
    join(producers);
    return taken;
  }

  private interface Producer {
    void run() throws InterruptedException;
  }

  private static List<Thread> startProducers(Producer body) {
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  body.run();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      t.start();
      threads.add(t);
    }
    return threads;
  }

  private static void join(List<Thread> threads) throws InterruptedException {
    for (Thread t : threads) {
      t.join();
    }
  }
}
