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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flume.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A batch's keys are deduplicated and its cache misses fetched in one multi-get. */
class BatchLookupTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  private void stockRows() {
    h.backend
        .row("AAPL", cell("info", "name", "Apple"), cell("info", "sector", "Tech"))
        .row("XOM", cell("info", "name", "Exxon"), cell("info", "sector", "Energy"));
  }

  @Test
  void fetchesTheDistinctKeysOfABatchInOneMultiGet() {
    stockRows();
    EnrichmentInterceptor i = h.start();
    List<Event> batch =
        List.of(symbol("AAPL"), symbol("XOM"), symbol("AAPL"), symbol("MSFT"), symbol("XOM"));

    List<Event> out = i.intercept(batch);

    assertEquals(1, h.backend.calls.size(), "one multi-get per batch");
    assertEquals(List.of("AAPL", "XOM", "MSFT"), h.backend.calls.get(0), "each key once");
    assertEquals(5, out.size());
    assertEquals("Apple", out.get(0).getHeaders().get("enrich.name"));
    assertEquals("Energy", out.get(1).getHeaders().get("enrich.sector"));
    assertEquals("Apple", out.get(2).getHeaders().get("enrich.name"));
    assertEquals("miss", out.get(3).getHeaders().get("enrichment"));
    assertEquals("Exxon", out.get(4).getHeaders().get("enrich.name"));
    assertNull(out.get(0).getHeaders().get("enrichment"), "an enriched event is not marked");
  }

  @Test
  void fetchesOnlyTheKeysTheCacheDoesNotHave() {
    stockRows();
    EnrichmentInterceptor i = h.start();
    i.intercept(List.of(symbol("AAPL"), symbol("MSFT")));

    i.intercept(List.of(symbol("AAPL"), symbol("XOM"), symbol("MSFT")));

    assertEquals(2, h.backend.calls.size());
    assertEquals(List.of("XOM"), h.backend.calls.get(1), "AAPL cached, MSFT cached as missing");
    EnrichmentCounters c = i.counters();
    assertEquals(5, c.get(EnrichmentCounters.EVENTS));
    assertEquals(1, c.get(EnrichmentCounters.CACHE_HITS));
    assertEquals(1, c.get(EnrichmentCounters.NEGATIVE_HITS));
    assertEquals(3, c.get(EnrichmentCounters.CACHE_MISSES));
    assertEquals(2, c.get(EnrichmentCounters.LOOKUP_BATCHES));
    assertEquals(3, c.get(EnrichmentCounters.LOOKUPS));
    assertEquals(1, c.get(EnrichmentCounters.ROWS_NOT_FOUND));
    assertEquals(3, c.get(EnrichmentCounters.ENRICHED));
    assertEquals(2, c.get(EnrichmentCounters.UNENRICHED));
    assertEquals(3, c.get(EnrichmentCounters.CACHE_SIZE), "AAPL, XOM and MSFT's miss");
  }

  @Test
  void aBatchServedFromTheCacheMakesNoLookup() {
    stockRows();
    EnrichmentInterceptor i = h.start();
    i.intercept(List.of(symbol("AAPL"), symbol("XOM")));
    h.backend.failWith = new java.io.IOException("HBase is down");

    List<Event> out = i.intercept(List.of(symbol("XOM"), symbol("AAPL")));

    assertEquals(1, h.backend.calls.size());
    assertEquals("Exxon", out.get(0).getHeaders().get("enrich.name"));
    assertEquals("Apple", out.get(1).getHeaders().get("enrich.name"));
  }

  @Test
  void withTheCacheOffEveryBatchLooksItsKeysUp() {
    stockRows();
    EnrichmentInterceptor i = h.start("cacheMaxSize", "0");
    i.intercept(List.of(symbol("AAPL"), symbol("AAPL")));
    i.intercept(List.of(symbol("AAPL")));

    assertEquals(List.of(List.of("AAPL"), List.of("AAPL")), h.backend.calls);
    assertEquals(0, i.counters().get(EnrichmentCounters.CACHE_SIZE));
  }

  @Test
  void interceptingOneEventIsABatchOfOne() {
    stockRows();
    EnrichmentInterceptor i = h.start();
    Event e = symbol("XOM");

    assertSame(e, i.intercept(e));
    assertEquals("Exxon", e.getHeaders().get("enrich.name"));
    assertEquals(List.of(List.of("XOM")), h.backend.calls);
  }

  @Test
  void anEmptyBatchMakesNoLookup() {
    EnrichmentInterceptor i = h.start();
    assertEquals(List.of(), i.intercept(List.of()));
    assertEquals(0, h.backend.calls.size());
  }

  @Test
  void eventsWithoutAKeyAreMarkedAndCountedAndNotLookedUp() {
    stockRows();
    EnrichmentInterceptor i = h.start();
    Event none = Harness.event("{}");
    Event empty = Harness.event("{}", "symbol", "");

    List<Event> out = i.intercept(List.of(none, symbol("AAPL"), empty));

    assertEquals(List.of(List.of("AAPL")), h.backend.calls);
    assertEquals("nokey", none.getHeaders().get("enrichment"));
    assertEquals("nokey", empty.getHeaders().get("enrichment"));
    assertEquals(3, out.size());
    assertEquals(2, i.counters().get(EnrichmentCounters.NO_KEY));
  }

  @Test
  void missPolicyDropRemovesMissesAndKeylessEventsAndCountsThem() {
    stockRows();
    EnrichmentInterceptor i = h.start("missPolicy", "drop");
    Event hit = symbol("AAPL");

    List<Event> out = i.intercept(List.of(symbol("MSFT"), hit, Harness.event("{}")));

    assertEquals(List.of(hit), out);
    assertEquals(2, i.counters().get(EnrichmentCounters.DROPPED));
    assertNull(i.intercept(symbol("MSFT")), "a dropped single event is null");
  }

  @Test
  void aWholeFamilyAddsEveryColumnTheRowHas() {
    h.backend.row("AAPL", cell("info", "name", "Apple"), cell("info", "isin", "US0378331005"));
    EnrichmentInterceptor i = h.start("columns", "info");
    Event e = symbol("AAPL");
    i.intercept(List.of(e));
    Set<String> names = new TreeSet<>(e.getHeaders().keySet());
    assertEquals(Set.of("symbol", "enrich.name", "enrich.isin"), names);
  }
}
