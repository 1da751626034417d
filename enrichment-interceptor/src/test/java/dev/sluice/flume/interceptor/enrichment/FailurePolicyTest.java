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
package dev.sluice.flume.interceptor.enrichment;

import static dev.sluice.flume.interceptor.enrichment.Harness.cell;
import static dev.sluice.flume.interceptor.enrichment.Harness.symbol;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flume.ChannelException;
import org.apache.flume.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** pass, drop and hold, for lookups that fail and lookups that do not answer in time. */
class FailurePolicyTest {
  /** How much longer than timeoutMillis the source thread may be held, on a busy machine. */
  private static final long BOUND_MILLIS = 300;

  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  /**
   * Runs the failure path once before a timing is taken: the first run of a path loads classes and
   * bootstraps string concatenation, a one-off cost of the JVM, not of the lookup.
   */
  private void warmUp(EnrichmentInterceptor i) {
    h.backend.failWith = new IOException("warm-up");
    try {
      i.intercept(List.of(symbol("WARM")));
    } catch (ChannelException expected) {
      // hold refuses it; that is the path being warmed up
    }
    h.backend.failWith = null;
  }

  private void appleCached(EnrichmentInterceptor i) {
    i.intercept(List.of(symbol("AAPL")));
  }

  @Test
  void passMarksEventsOfAFailedLookupAndKeepsEnrichingCachedOnes() {
    h.backend.row("AAPL", cell("info", "name", "Apple"));
    EnrichmentInterceptor i = h.start("failurePolicy", "pass");
    appleCached(i);
    h.backend.failWith = new IOException("connection refused");
    Event cached = symbol("AAPL");
    Event failed = symbol("XOM");

    List<Event> out = i.intercept(List.of(cached, failed));

    assertEquals(List.of(cached, failed), out);
    assertEquals("Apple", cached.getHeaders().get("enrich.name"));
    assertEquals("error", failed.getHeaders().get("enrichment"));
    assertNull(failed.getHeaders().get("enrich.name"));
    assertEquals(1, i.counters().get(EnrichmentCounters.LOOKUP_ERRORS));
    assertEquals(1, i.counters().get(EnrichmentCounters.UNENRICHED));
  }

  @Test
  void dropRemovesEventsOfAFailedLookupAndCountsThem() {
    h.backend.row("AAPL", cell("info", "name", "Apple"));
    EnrichmentInterceptor i = h.start("failurePolicy", "drop");
    appleCached(i);
    h.backend.failWith = new IOException("connection refused");
    Event cached = symbol("AAPL");

    List<Event> out = i.intercept(List.of(symbol("XOM"), cached, symbol("IBM")));

    assertEquals(List.of(cached), out);
    assertEquals(2, i.counters().get(EnrichmentCounters.DROPPED));
  }

  @Test
  void dropDoesNotApplyToMissesUnderMissPolicyPass() {
    EnrichmentInterceptor i = h.start("failurePolicy", "drop");
    Event miss = symbol("MSFT");
    assertSame(miss, i.intercept(miss));
    assertEquals("miss", miss.getHeaders().get("enrichment"));
  }

  @Test
  void holdRefusesTheBatchWithAChannelExceptionAndChangesNoEvent() {
    h.backend.row("AAPL", cell("info", "name", "Apple"));
    EnrichmentInterceptor i = h.start("failurePolicy", "hold");
    appleCached(i);
    h.backend.failWith = new IOException("connection refused");
    Event cached = symbol("AAPL");
    Event failed = symbol("XOM");

    ChannelException e =
        assertThrows(ChannelException.class, () -> i.intercept(List.of(cached, failed)));

    assertTrue(e.getMessage().contains("failurePolicy = hold"), e.getMessage());
    assertTrue(e.getCause() instanceof IOException, "the lookup's failure is the cause");
    assertEquals(Map.of("symbol", "AAPL"), cached.getHeaders(), "the cached one is not enriched");
    assertEquals(Map.of("symbol", "XOM"), failed.getHeaders());
    assertEquals(1, i.counters().get(EnrichmentCounters.HELD_BATCHES));
  }

  @Test
  void aHeldBatchIsEnrichedWhenTheSourceRetriesItAfterHBaseIsBack() {
    h.backend.row("XOM", cell("info", "name", "Exxon"));
    EnrichmentInterceptor i = h.start("failurePolicy", "hold");
    h.backend.failWith = new IOException("connection refused");
    List<Event> batch = List.of(symbol("XOM"), symbol("XOM"));
    assertThrows(ChannelException.class, () -> i.intercept(batch));

    h.backend.failWith = null;
    List<Event> out = i.intercept(batch);

    assertEquals(2, out.size());
    assertEquals("Exxon", out.get(0).getHeaders().get("enrich.name"));
    assertEquals("Exxon", out.get(1).getHeaders().get("enrich.name"));
  }

  @Test
  void holdStillPassesMissesOn() {
    EnrichmentInterceptor i = h.start("failurePolicy", "hold");
    Event miss = symbol("MSFT");
    assertSame(miss, i.intercept(miss));
    assertEquals("miss", miss.getHeaders().get("enrichment"));
  }

  @Test
  void aLookupThatNeverAnswersHoldsTheSourceThreadNoLongerThanTheTimeout() {
    EnrichmentInterceptor i = h.start("timeoutMillis", "200");
    warmUp(i);
    h.backend.hang();
    Event e = symbol("AAPL");

    long start = System.nanoTime();
    List<Event> out = i.intercept(List.of(e));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertTrue(tookMillis >= 200, "waited for the timeout, took " + tookMillis + " ms");
    assertTrue(
        tookMillis < 200 + BOUND_MILLIS, "returned within the bound, took " + tookMillis + " ms");
    assertEquals(List.of(e), out);
    assertEquals("timeout", e.getHeaders().get("enrichment"));
    assertEquals(1, i.counters().get(EnrichmentCounters.TIMEOUTS));
    assertTrue(i.counters().get(EnrichmentCounters.LATENCY_MAX) >= 200_000);
  }

  @Test
  void holdRefusesABatchWhoseLookupTimesOut() {
    EnrichmentInterceptor i = h.start("timeoutMillis", "100", "failurePolicy", "hold");
    warmUp(i);
    h.backend.hang();
    long start = System.nanoTime();
    ChannelException e =
        assertThrows(ChannelException.class, () -> i.intercept(List.of(symbol("AAPL"))));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(tookMillis < 100 + BOUND_MILLIS, "took " + tookMillis + " ms");
    assertTrue(e.getMessage().contains("did not answer within 100 ms"), e.getMessage());
  }

  @Test
  void whenEveryLookupThreadIsStuckANewBatchTimesOutAtOnce() {
    EnrichmentInterceptor i = h.start("timeoutMillis", "50", "lookupThreads", "2");
    warmUp(i);
    h.backend.hang();
    i.intercept(List.of(symbol("A")));
    i.intercept(List.of(symbol("B")));
    assertEquals(3, h.backend.calls.size(), "the warm-up and two calls the threads now wait on");

    Event e = symbol("C");
    long start = System.nanoTime();
    i.intercept(List.of(e));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertTrue(tookMillis < 50, "refused without waiting, took " + tookMillis + " ms");
    assertEquals("timeout", e.getHeaders().get("enrichment"));
    assertEquals(3, h.backend.calls.size(), "no further call piles up");
    assertEquals(3, i.counters().get(EnrichmentCounters.TIMEOUTS));
  }

  @Test
  void anAnswerThatComesAfterTheTimeoutStillFillsTheCache() {
    h.backend.row("AAPL", cell("info", "name", "Apple"));
    EnrichmentInterceptor i = h.start("timeoutMillis", "50");
    h.backend.hang();
    Event late = symbol("AAPL");
    i.intercept(List.of(late));
    assertEquals("timeout", late.getHeaders().get("enrichment"));

    h.backend.release();
    await().atMost(Duration.ofSeconds(10)).until(() -> i.cache().get("AAPL") != null);
    Event next = symbol("AAPL");
    i.intercept(List.of(next));
    assertEquals("Apple", next.getHeaders().get("enrich.name"));
    assertEquals(1, h.backend.calls.size());
  }

  @Test
  void aFailedConnectionAtStartLeavesTheFirstLookupToConnect() {
    h.backend.connectFailure = new IOException("ZooKeeper not reachable yet");
    h.backend.row("AAPL", cell("info", "name", "Apple"));
    EnrichmentInterceptor i = h.start();
    assertEquals(1, h.backend.connects, "connected once, in the background, at start");
    Event e = symbol("AAPL");
    i.intercept(List.of(e));
    assertEquals("Apple", e.getHeaders().get("enrich.name"));
  }

  @Test
  void aBackendThatThrowsAnUncheckedExceptionIsAnErrorNotACrash() {
    EnrichmentInterceptor i = h.start();
    h.backend.failWith = new IllegalStateException("bug in a client");
    Event e = symbol("AAPL");
    assertSame(e, i.intercept(e));
    assertEquals("error", e.getHeaders().get("enrichment"));
  }

  @Test
  void aTimeoutReportedByTheBackendIsATimeout() {
    EnrichmentInterceptor i = h.start();
    h.backend.failWith = new java.util.concurrent.TimeoutException("deadline passed");
    Event e = symbol("AAPL");
    i.intercept(e);
    assertEquals("timeout", e.getHeaders().get("enrichment"));
    assertEquals(1, i.counters().get(EnrichmentCounters.TIMEOUTS));
  }
}
