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
package dev.sluice.flume.planner;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Feeds a run in numbered chunks on its own thread, chunk {@code i} only once the test opened the
 * gate past {@code i}: the test decides when events flow, so its SIGKILLs land while events are in
 * flight, without sleeping.
 */
final class GatedFeeder implements AutoCloseable {
  private final AtomicInteger gate = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();
  private final int chunks;
  private final Thread thread;
  private volatile Throwable failure;

  GatedFeeder(String name, int chunks, IntConsumer sendChunk) {
    this.chunks = chunks;
    this.thread =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < chunks; i++) {
                  int chunk = i;
                  await("gate past chunk " + chunk)
                      .atMost(Duration.ofMinutes(15))
                      .pollInterval(Duration.ofMillis(20))
                      .until(() -> gate.get() > chunk);
                  sendChunk.accept(chunk);
                  done.incrementAndGet();
                }
              } catch (Throwable t) {
                failure = t;
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Lets chunks {@code 0 .. upTo - 1} go. */
  void openTo(int upTo) {
    gate.set(Math.min(upTo, chunks));
  }

  /** Waits until chunks {@code 0 .. upTo - 1} were sent (failing with the feeder's own error). */
  void awaitSent(int upTo, Duration timeout) {
    await("chunks sent")
        .atMost(timeout)
        .until(
            () -> {
              if (failure != null) {
                throw new IllegalStateException("the feeder failed", failure);
              }
              return done.get() >= Math.min(upTo, chunks);
            });
  }

  int chunks() {
    return chunks;
  }

  @Override
  public void close() {
    gate.set(Integer.MAX_VALUE);
    thread.interrupt();
  }
}
