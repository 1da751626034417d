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
package dev.sluice.flume.amps.sink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.common.retry.Backoff;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReconnectPacingTest {
  private final long[] now = {0};
  private final AtomicInteger gaveUp = new AtomicInteger();

  /** Back-off 100 ms doubling to 1600 ms, no jitter (random 0.999...: the whole ceiling). */
  private ReconnectPacing pacing(long timeoutMillis) {
    return new ReconnectPacing(
        new Backoff(100, 1600, () -> 0.9999999),
        timeoutMillis,
        () -> now[0],
        gaveUp::incrementAndGet);
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  @Test
  void triesEachServerOnceAtOnceThenBacksOff() throws Exception {
    ReconnectPacing p = pacing(60_000);
    assertEquals(0, p.plan("a"));
    assertEquals(0, p.plan("b"), "failing over to the next server costs nothing");
    assertEquals(100, millis(p.plan("a")));
    assertEquals(200, millis(p.plan("b")));
    assertEquals(400, millis(p.plan("a")));
    assertEquals(800, millis(p.plan("b")));
    assertEquals(1600, millis(p.plan("a")));
    assertEquals(1600, millis(p.plan("b")), "capped at the maximum");
  }

  @Test
  void givesUpWhenACycleOutlastsTheTimeoutAndSaysSo() throws Exception {
    ReconnectPacing p = pacing(1_000);
    p.plan("a");
    now[0] += TimeUnit.MILLISECONDS.toNanos(900);
    assertEquals(100, millis(p.plan("a")), "never waits past the cycle's end");
    now[0] += TimeUnit.MILLISECONDS.toNanos(100);
    ReconnectPacing.GaveUp e = assertThrows(ReconnectPacing.GaveUp.class, () -> p.plan("a"));
    assertTrue(e.getMessage().contains("1000 ms (reconnectTimeout)"), e::getMessage);
    assertEquals(1, gaveUp.get());
    assertEquals(0, p.plan("a"), "the next attempt starts a new cycle");
  }

  @Test
  void aSuccessStartsTheNextOutageFromScratch() throws Exception {
    ReconnectPacing p = pacing(60_000);
    p.plan("a");
    p.plan("a");
    p.plan("a");
    p.reset();
    assertEquals(0, p.plan("a"));
    assertEquals(100, millis(p.plan("a")));
  }

  @Test
  void closingEndsAWaitAndEveryLaterAttempt() throws Exception {
    ReconnectPacing p =
        new ReconnectPacing(60_000, 60_000, 600_000, System::nanoTime, gaveUp::incrementAndGet);
    assertEquals(0, p.getConnectWaitDuration("a"));
    CompletableFuture<Throwable> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                p.getConnectWaitDuration("a"); // a 30 to 60 s wait
                return null;
              } catch (Exception e) {
                return e;
              }
            });
    p.close();
    Throwable t = waiting.get(10, TimeUnit.SECONDS);
    assertTrue(t instanceof ReconnectPacing.GaveUp, String.valueOf(t));
    assertThrows(ReconnectPacing.GaveUp.class, () -> p.getConnectWaitDuration("b"));
  }

  @Test
  void anInterruptEndsAWaitAndKeepsTheInterruptFlag() throws Exception {
    ReconnectPacing p =
        new ReconnectPacing(60_000, 60_000, 600_000, System::nanoTime, gaveUp::incrementAndGet);
    p.getConnectWaitDuration("a");
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                p.getConnectWaitDuration("a");
                interrupted.complete(false);
              } catch (Exception e) {
                interrupted.complete(Thread.currentThread().isInterrupted());
              }
            });
    t.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.TIMED_WAITING);
    t.interrupt();
    assertTrue(interrupted.get(10, TimeUnit.SECONDS));
  }
}
