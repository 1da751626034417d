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

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.HBaseServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;

/**
 * What the outage tests share: a table with a row per sequence number (so no event is served from
 * the cache and every batch needs HBase), an agent enriching from it, and batches of consecutive
 * sequence numbers.
 */
final class OutageScenario {
  static final String TABLE = "outage";
  static final int ROWS = 4_000;
  static final int BATCH = 20;

  /** Generous, for a shared machine: the server must not look down while it runs. */
  static final long TIMEOUT_MILLIS = 1_000;

  /**
   * How much longer than {@code timeoutMillis} the Avro source may take to answer a batch: the
   * interceptor's own bound plus an Avro round trip and a file channel commit, on a shared machine.
   */
  static final long SOURCE_BOUND_MILLIS = 1_500;

  private OutageScenario() {}

  static void writeRows(HBaseServer hbase) throws Exception {
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (int seq = 0; seq < ROWS; seq++) {
      rows.put("K" + seq, Map.of("d:value", "v" + seq));
    }
    ReferenceTable.write(hbase, TABLE, rows);
  }

  static EnrichmentFlow startAgent(
      ChildProcessesExtension children, HBaseServer hbase, String backend, String policy) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("table", TABLE);
    keys.put("rowKey", "%{key}");
    keys.put("columns", "d:value");
    keys.put("failurePolicy", policy);
    keys.put("timeoutMillis", String.valueOf(TIMEOUT_MILLIS));
    keys.put("strictConfig", "true");
    return EnrichmentFlow.start(
        children, "agent-" + backend + "-" + policy, backend, hbase.clientProperties(), keys);
  }

  /** Events {@code first} to {@code first + BATCH - 1}, each keyed by its own row. */
  static List<Event> batch(long first) {
    List<Event> batch = new ArrayList<>(BATCH);
    for (long seq = first; seq < first + BATCH; seq++) {
      batch.add(EnrichmentFlow.event(seq, "key", "K" + seq));
    }
    return batch;
  }

  /**
   * Sends batches from {@code first} until one arrives enriched in full: proof that the agent
   * reaches HBase, however slowly its first lookups ran. Returns the next sequence number.
   */
  static long sendUntilABatchIsEnriched(EnrichmentFlow a, long first) {
    long[] next = {first};
    await("a batch enriched in full")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              long from = next[0];
              if (!a.trySend(batch(from))) {
                return false;
              }
              next[0] += BATCH;
              return awaitBatch(a, from).stream().allMatch(OutageScenario::enriched);
            });
    return next[0];
  }

  /** The output lines of the batch starting at {@code first}, once all of them are written. */
  static List<OutputLine> awaitBatch(EnrichmentFlow a, long first) {
    List<List<OutputLine>> found = new ArrayList<>();
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> {
              List<OutputLine> lines = new ArrayList<>();
              for (OutputLine l : a.output()) {
                if (l.seq >= first && l.seq < first + BATCH) {
                  lines.add(l);
                }
              }
              found.add(lines);
              return lines.size() == BATCH;
            });
    return found.get(found.size() - 1);
  }

  static boolean enriched(OutputLine line) {
    return ("v" + line.seq).equals(line.headers.get("enrich.value"))
        && !line.headers.containsKey("enrichment");
  }
}
