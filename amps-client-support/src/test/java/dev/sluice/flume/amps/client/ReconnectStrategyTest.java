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
package dev.sluice.flume.amps.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.common.retry.Backoff;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReconnectStrategyTest {
  private final long[] now = {0};
  private final AtomicInteger gaveUp = new AtomicInteger();
  private final AtomicBoolean refused = new AtomicBoolean();

  /** Back-off 100 ms doubling to 1600 ms, no jitter (random 0.999...: the whole ceiling). */
  private ReconnectStrategy.Builder strategy(int uris) {
    return ReconnectStrategy.builder(100, 1600, uris)
        .backoff(new Backoff(100, 1600, () -> 0.9999999))
        .nanoClock(() -> now[0])
        .onGiveUp(gaveUp::incrementAndGet)
        .owner("sink 'k1'");
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  @Test
  void triesEachServerOnceAtOnceThenBacksOff() throws Exception {
    ReconnectStrategy p = strategy(2).cycleTimeoutMillis(60_000).build();
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
    ReconnectStrategy p = strategy(1).cycleTimeoutMillis(1_000).build();
    p.plan("a");
    now[0] += TimeUnit.MILLISECONDS.toNanos(900);
    assertEquals(100, millis(p.plan("a")), "never waits past the cycle's end");
    now[0] += TimeUnit.MILLISECONDS.toNanos(100);
    ReconnectStrategy.GaveUp e = assertThrows(ReconnectStrategy.GaveUp.class, () -> p.plan("a"));
    assertTrue(e.getMessage().contains("within 1000 ms"), e::getMessage);
    assertEquals(1, gaveUp.get());
    assertEquals(0, p.plan("a"), "the next attempt starts a new cycle");
  }

  @Test
  void withoutACycleTimeoutItRetriesForever() throws Exception {
    ReconnectStrategy p = strategy(1).build();
    p.plan("a");
    for (int i = 0; i < 50; i++) {
      now[0] += TimeUnit.HOURS.toNanos(1);
      assertTrue(p.plan("a") > 0);
    }
    assertEquals(0, gaveUp.get());
  }

  @Test
  void aSuccessStartsTheNextOutageFromScratch() throws Exception {
    ReconnectStrategy p = strategy(1).build();
    p.plan("a");
    p.plan("a");
    p.plan("a");
    p.reset();
    assertEquals(0, p.plan("a"));
    assertEquals(100, millis(p.plan("a")));
  }

  @Test
  void atStartItTriesEachUriOnceThenGivesUp() throws Exception {
    ReconnectStrategy p = strategy(2).startUpMode(refused::get).build();
    assertEquals(0, p.plan("a"));
    assertEquals(0, p.plan("b"));
    ReconnectStrategy.GaveUp e = assertThrows(ReconnectStrategy.GaveUp.class, () -> p.plan("a"));
    assertTrue(e.getMessage().contains("every server was tried once"), e::getMessage);
  }

  @Test
  void atStartARefusalEndsTheAttemptsAtOnce() throws Exception {
    ReconnectStrategy p = strategy(3).startUpMode(refused::get).build();
    p.plan("a");
    refused.set(true);
    ReconnectStrategy.GaveUp e = assertThrows(ReconnectStrategy.GaveUp.class, () -> p.plan("b"));
    assertTrue(e.getMessage().contains("refused the logon"), e::getMessage);
  }

  @Test
  void onceRunningItRetriesBeyondTheUriCountAndARefusal() throws Exception {
    ReconnectStrategy p = strategy(1).startUpMode(refused::get).build();
    p.running();
    refused.set(true);
    for (int i = 0; i < 5; i++) {
      p.plan("a");
    }
    assertEquals(0, gaveUp.get());
  }

  @Test
  void closingEndsAWaitAndEveryLaterAttempt() throws Exception {
    ReconnectStrategy p = ReconnectStrategy.builder(60_000, 60_000, 1).owner("source 'r1'").build();
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
    assertTrue(t instanceof ReconnectStrategy.GaveUp, String.valueOf(t));
    assertTrue(ReconnectStrategy.isGiveUp(new RuntimeException(t)));
    Exception later = assertThrows(Exception.class, () -> p.getConnectWaitDuration("b"));
    assertEquals("source 'r1' is stopping", later.getMessage());
  }

  @Test
  void anInterruptEndsAWaitAndKeepsTheInterruptFlag() throws Exception {
    ReconnectStrategy p = ReconnectStrategy.builder(60_000, 60_000, 1).build();
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
