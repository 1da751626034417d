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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Measures what one cached row costs on the heap, for the sizing table in the docs: the heap in use
 * after a full collection, before and after the cache is filled with rows shaped as a backend makes
 * them (names shared through {@link NameInterner}, values and keys each their own String).
 */
class CacheFootprintTest {
  private static final int ENTRIES = 200_000;
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  /**
   * The docs' estimate for a row of three columns with 12-character values and an 11-character key:
   * see "Sizing the cache" in docs/enrichment-interceptor.md for the arithmetic.
   */
  static final int DOCUMENTED_BYTES_PER_ENTRY = 490;

  private static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  @Test
  void aCachedRowOfThreeShortColumnsCostsAboutWhatTheDocsSay() {
    EnrichmentConfig config =
        Harness.parse(Harness.config("cacheMaxSize", String.valueOf(ENTRIES), "cacheTtl", "1h"));
    NameInterner names = new NameInterner();
    long before = usedAfterGc();
    RowCache cache =
        new RowCache(config, Ticker.systemTicker(), Runnable::run, Runnable::run, (k, old) -> old);
    for (int i = 0; i < ENTRIES; i++) {
      String key = String.format("XNAS:S%06d", i);
      List<ColumnValue> cells = new ArrayList<>(3);
      cells.add(cell(names, "name", String.format("Company %05d", i % 100_000)));
      cells.add(cell(names, "sector", String.format("Sector %05d", i)));
      cells.add(cell(names, "isin", String.format("US%010d", i)));
      Map<String, Row> found = new HashMap<>();
      found.put(key, new Row(cells));
      cache.putAll(found.keySet(), found);
    }
    cache.cleanUp();
    long after = usedAfterGc();
    assertEquals(ENTRIES, cache.size());

    long perEntry = (after - before) / ENTRIES;
    System.out.printf(
        "enrichment cache: %d entries, %d bytes each (documented %d)%n",
        ENTRIES, perEntry, DOCUMENTED_BYTES_PER_ENTRY);
    assertTrue(
        perEntry > DOCUMENTED_BYTES_PER_ENTRY * 0.75
            && perEntry < DOCUMENTED_BYTES_PER_ENTRY * 1.25,
        "measured " + perEntry + " bytes per entry, documented " + DOCUMENTED_BYTES_PER_ENTRY);
    assertTrue(cache.get("XNAS:S000001") != null, "the cache is still reachable here");
  }

  private static ColumnValue cell(NameInterner names, String qualifier, String value) {
    return new ColumnValue(
        names.intern(new String("info")), names.intern(new String(qualifier)), value);
  }
}
