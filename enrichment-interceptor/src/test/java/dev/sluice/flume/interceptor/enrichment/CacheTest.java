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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.flume.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Time to live, negative caching and refresh-after-write, on a fake ticker. */
class CacheTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  private String name(EnrichmentInterceptor i, String symbol) {
    Event e = symbol(symbol);
    i.intercept(List.of(e));
    String status = e.getHeaders().get("enrichment");
    return status != null ? status : e.getHeaders().get("enrich.name");
  }

  @Test
  void aRowIsLookedUpAgainOnceItsTimeToLiveHasPassed() {
    h.backend.row("AAPL", cell("info", "name", "Apple"));
    EnrichmentInterceptor i = h.start("cacheTtl", "10m");
    assertEquals("Apple", name(i, "AAPL"));

    h.ticker.advance(Duration.ofMinutes(10).minusNanos(1));
    h.backend.row("AAPL", cell("info", "name", "Apple Inc."));
    assertEquals("Apple", name(i, "AAPL"), "still cached one nanosecond before the TTL");
    assertEquals(1, h.backend.calls.size());

    h.ticker.advance(Duration.ofNanos(1));
    assertEquals("Apple Inc.", name(i, "AAPL"), "looked up again at the TTL");
    assertEquals(2, h.backend.calls.size());
  }

  @Test
  void aMissingRowIsCachedForTheNegativeTimeToLive() {
    EnrichmentInterceptor i = h.start("cacheTtl", "10m", "negativeCacheTtl", "30s");
    assertEquals("miss", name(i, "NEW"));
    h.backend.row("NEW", cell("info", "name", "Newco"));

    h.ticker.advance(Duration.ofSeconds(29));
    assertEquals("miss", name(i, "NEW"), "the cached miss still answers");
    assertEquals(1, h.backend.calls.size());
    assertEquals(1, i.counters().get(EnrichmentCounters.NEGATIVE_HITS));

    h.ticker.advance(Duration.ofSeconds(1));
    assertEquals("Newco", name(i, "NEW"));
    assertEquals(2, h.backend.calls.size());
  }

  @Test
  void withNegativeCachingOffAMissingRowIsLookedUpEveryBatch() {
    EnrichmentInterceptor i = h.start("negativeCacheTtl", "0");
    name(i, "NEW");
    name(i, "NEW");
    assertEquals(2, h.backend.calls.size());
    assertEquals(0, i.counters().get(EnrichmentCounters.CACHE_SIZE));
  }

  @Test
  void theCacheHoldsAtMostCacheMaxSizeRows() {
    for (int k = 0; k < 50; k++) {
      h.backend.row("S" + k, cell("info", "name", "n" + k));
    }
    EnrichmentInterceptor i = h.start("cacheMaxSize", "10");
    for (int k = 0; k < 50; k++) {
      name(i, "S" + k);
    }
    i.cache().cleanUp();
    assertTrue(i.cache().size() <= 10, "size " + i.cache().size());
  }

  @Test
  void aStaleRowIsServedAtOnceWhileItIsRefreshedOffTheSourceThread() {
    h.backend.row("AAPL", cell("info", "name", "Apple"));
    EnrichmentInterceptor i = h.start("cacheTtl", "10m", "refreshAfterWrite", "1m");
    assertEquals("Apple", name(i, "AAPL"));
    h.backend.row("AAPL", cell("info", "name", "Apple Inc."));
    h.ticker.advance(Duration.ofMinutes(2));

    // The source thread gets the old row at once; the reload only waits in the refresh queue.
    h.backend.hang();
    assertEquals("Apple", name(i, "AAPL"));
    assertEquals(1, h.backend.calls.size(), "no lookup on the source thread");
    assertEquals(1, h.refreshes.pending());
    assertEquals(1, i.counters().get(EnrichmentCounters.CACHE_HITS));

    h.backend.release();
    h.refreshes.runAll();
    assertEquals("Apple Inc.", name(i, "AAPL"));
    assertEquals(List.of(List.of("AAPL"), List.of("AAPL")), h.backend.calls);
    assertEquals(1, i.counters().get(EnrichmentCounters.REFRESHES));
  }

  @Test
  void aFailedRefreshKeepsTheOldRowOnlyUntilItsTimeToLive() {
    h.backend.row("AAPL", cell("info", "name", "Apple"));
    EnrichmentInterceptor i = h.start("cacheTtl", "10m", "refreshAfterWrite", "1m");
    name(i, "AAPL");
    h.ticker.advance(Duration.ofMinutes(2));
    h.backend.failWith = new IOException("region server gone");

    assertEquals("Apple", name(i, "AAPL"));
    h.refreshes.runAll();
    assertEquals(1, i.counters().get(EnrichmentCounters.LOOKUP_ERRORS));
    assertEquals("Apple", name(i, "AAPL"), "the old row stays after a failed refresh");

    h.ticker.advance(Duration.ofMinutes(8));
    assertEquals("error", name(i, "AAPL"), "but not past its TTL from the first lookup");
  }
}
