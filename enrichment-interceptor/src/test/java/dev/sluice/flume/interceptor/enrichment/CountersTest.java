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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The counters are a Flume INTERCEPTOR counter group in JMX, under a name no one else uses. */
class CountersTest {
  private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  private static ObjectName name(String counterName) throws Exception {
    return new ObjectName("org.apache.flume.interceptor:type=" + counterName);
  }

  @Test
  void aRunningInterceptorsCountersAreInJmxUnderItsCounterName() throws Exception {
    h.backend.row("AAPL", cell("info", "name", "Apple"));
    EnrichmentInterceptor i = h.start("counterName", "jmx-quotes");
    i.intercept(List.of(symbol("AAPL"), symbol("AAPL"), symbol("MSFT")));

    ObjectName n = name("jmx-quotes");
    assertEquals(3L, JMX.getAttribute(n, "EventCount"));
    assertEquals(2L, JMX.getAttribute(n, "EnrichedEventCount"));
    assertEquals(2L, JMX.getAttribute(n, "CacheMissCount"));
    assertEquals(2L, JMX.getAttribute(n, "CacheSize"));
    assertEquals(1L, JMX.getAttribute(n, "LookupBatchCount"));
    assertEquals("INTERCEPTOR", JMX.getAttribute(n, "Type"));
    assertTrue((Long) JMX.getAttribute(n, "LookupLatencyMeanMicros") >= 0);

    i.close();
    assertTrue((Long) JMX.getAttribute(n, "StopTime") > 0, "stopped on close");
  }

  @Test
  void twoRunningInterceptorsOnOneTableGetDifferentNamesAndTheNameIsFreedOnClose()
      throws Exception {
    EnrichmentInterceptor first = h.start("table", "dup");
    EnrichmentInterceptor second = h.start("table", "dup");
    first.intercept(List.of(symbol("A")));
    second.intercept(List.of(symbol("A"), symbol("B")));

    assertEquals(1L, JMX.getAttribute(name("enrichment-dup"), "EventCount"));
    assertEquals(2L, JMX.getAttribute(name("enrichment-dup-2"), "EventCount"));

    first.close();
    second.close();
    EnrichmentInterceptor reloaded = h.start("table", "dup");
    reloaded.intercept(List.of(symbol("A")));
    assertEquals(1L, JMX.getAttribute(name("enrichment-dup"), "EventCount"), "a new group");
    assertFalse(h.backend.calls.isEmpty());
  }
}
