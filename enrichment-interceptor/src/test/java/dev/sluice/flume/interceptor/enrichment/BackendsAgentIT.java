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

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.HBaseServer;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each backend in a real agent against a real HBase: every event leaves with exactly the columns of
 * its row, in headers and in its JSON body, or marked as a miss; and the agent looks each distinct
 * key up once, in one multi-get per batch at most.
 */
class BackendsAgentIT {
  private static final String TABLE = "ref:instruments";
  private static final int SYMBOLS = 50;
  private static final int KNOWN = 40;
  private static final int EVENTS = 2_000;
  private static final int BATCH = 100;

  @RegisterExtension
  static final ChildProcessesExtension CHILDREN = ChildProcessesExtension.perTest();

  private static HBaseServer hbase;

  @BeforeAll
  static void startHBase() throws Exception {
    hbase = HBaseServer.builder().table(TABLE, "info", "risk").start(CHILDREN);
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (int k = 0; k < KNOWN; k++) {
      Map<String, String> cells = new LinkedHashMap<>();
      cells.put("info:name", "Company " + k);
      cells.put("info:sector", "Sector " + (k % 5));
      cells.put("risk:rating", "R" + (k % 3));
      cells.put("risk:limit", "not selected");
      rows.put("XNAS:S" + k, cells);
    }
    ReferenceTable.write(hbase, TABLE, rows);
  }

  @ParameterizedTest(name = "backend = {0}")
  @ValueSource(strings = {"hbase2", "asynchbase"})
  void everyEventLeavesWithExactlyItsRowsColumns(String backend) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("table", TABLE);
    keys.put("rowKey", "%{exchange}:%{symbol}");
    keys.put("columns", "info risk:rating");
    keys.put("addTo", "both");
    keys.put("bodyPointer", "/ref");
    keys.put("timeoutMillis", "5000");
    keys.put("strictConfig", "true");
    EnrichmentFlow a =
        EnrichmentFlow.start(CHILDREN, "agent-" + backend, backend, hbase.clientProperties(), keys);

    for (int first = 0; first < EVENTS; first += BATCH) {
      List<Event> batch = new ArrayList<>();
      for (int seq = first; seq < first + BATCH; seq++) {
        batch.add(EnrichmentFlow.event(seq, "exchange", "XNAS", "symbol", "S" + (seq % SYMBOLS)));
      }
      assertTrue(a.trySend(batch), "batch from " + first + " refused");
    }
    await().atMost(Duration.ofMinutes(2)).until(() -> a.output().size() >= EVENTS);

    List<OutputLine> lines = a.output();
    SequenceChecker checker = SequenceChecker.expecting(0, EVENTS);
    lines.forEach(l -> checker.add(l.seq));
    SequenceReport report = checker.report();
    assertEquals(0, report.missing(), report::toString);
    assertEquals(0, report.duplicates(), report::toString);

    for (OutputLine line : lines) {
      int k = (int) (line.seq % SYMBOLS);
      Map<String, String> h = line.headers;
      assertEquals("XNAS", h.get("exchange"), line::toString);
      assertEquals("S" + k, h.get("symbol"), line::toString);
      if (k < KNOWN) {
        assertEquals("Company " + k, h.get("enrich.name"), line::toString);
        assertEquals("Sector " + (k % 5), h.get("enrich.sector"), line::toString);
        assertEquals("R" + (k % 3), h.get("enrich.rating"), line::toString);
        assertFalse(h.containsKey("enrich.limit"), "an unselected column: " + line);
        assertNull(h.get("enrichment"), line::toString);
        assertEquals(5, h.size(), line::toString);
        assertEquals("Company " + k, line.body.at("/ref/name").asText(), line::toString);
        assertEquals("Sector " + (k % 5), line.body.at("/ref/sector").asText(), line::toString);
        assertEquals("R" + (k % 3), line.body.at("/ref/rating").asText(), line::toString);
        assertEquals(3, line.body.get("ref").size(), line::toString);
      } else {
        assertEquals("miss", h.get("enrichment"), line::toString);
        assertEquals(3, h.size(), line::toString);
        assertFalse(line.body.has("ref"), line::toString);
      }
    }

    String counters = "INTERCEPTOR.enrichment-ref_instruments";
    assertEquals(SYMBOLS, a.agent.counter(counters, "LookupCount"), "each key looked up once");
    assertTrue(a.agent.counter(counters, "LookupBatchCount") <= EVENTS / BATCH);
    assertEquals(SYMBOLS - KNOWN, a.agent.counter(counters, "RowNotFoundCount"));
    assertEquals(EVENTS * KNOWN / SYMBOLS, a.agent.counter(counters, "EnrichedEventCount"));
    assertEquals(0, a.agent.counter(counters, "LookupErrorCount"));
    assertEquals(0, a.agent.counter(counters, "TimeoutCount"));
  }
}
