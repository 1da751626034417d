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

import static dev.sluice.flume.interceptor.enrichment.OutageScenario.BATCH;
import static dev.sluice.flume.interceptor.enrichment.OutageScenario.SOURCE_BOUND_MILLIS;
import static dev.sluice.flume.interceptor.enrichment.OutageScenario.TIMEOUT_MILLIS;
import static dev.sluice.flume.interceptor.enrichment.OutageScenario.batch;
import static dev.sluice.flume.interceptor.enrichment.OutageScenario.enriched;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.HBaseServer;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * failurePolicy = pass while HBase is SIGKILLed mid-stream: events keep flowing, each batch within
 * the timeout and a small bound, marked error or timeout; once HBase is back they are enriched
 * again. Checked in the sink's output files.
 */
class PassDuringOutageIT {
  @RegisterExtension
  static final ChildProcessesExtension CHILDREN = ChildProcessesExtension.perTest();

  private static HBaseServer hbase;

  @BeforeAll
  static void startHBase() throws Exception {
    hbase = HBaseServer.builder().table(OutageScenario.TABLE, "d").start(CHILDREN);
    OutageScenario.writeRows(hbase);
  }

  @ParameterizedTest(name = "backend = {0}")
  @ValueSource(strings = {"hbase2", "asynchbase"})
  void eventsFlowMarkedWhileHBaseIsDownAndEnrichedAfterItIsBack(String backend) {
    if (!hbase.isAlive()) {
      hbase.restart();
    }
    EnrichmentFlow a = OutageScenario.startAgent(CHILDREN, hbase, backend, "pass");
    long next = OutageScenario.sendUntilABatchIsEnriched(a, 0);
    long beforeOutage = next;
    await().atMost(Duration.ofMinutes(1)).until(() -> a.output().size() >= beforeOutage);
    long lastBeforeOutage = beforeOutage - BATCH;

    hbase.kill();
    long slowest = 0;
    for (; next < beforeOutage + 200; next += BATCH) {
      assertTrue(a.trySend(batch(next)), "pass never refuses a batch");
      slowest = Math.max(slowest, a.lastMillis());
    }
    long duringOutage = next;
    assertTrue(
        slowest < TIMEOUT_MILLIS + SOURCE_BOUND_MILLIS,
        "the slowest batch during the outage took " + slowest + " ms");

    hbase.restart();
    // Keep sending until the client has found the restarted server.
    next = OutageScenario.sendUntilABatchIsEnriched(a, next);
    long lastBatch = next - BATCH;
    long total = next;
    await().atMost(Duration.ofMinutes(1)).until(() -> a.output().size() >= total);

    List<OutputLine> lines = a.output();
    SequenceChecker checker = SequenceChecker.expecting(0, total);
    lines.forEach(l -> checker.add(l.seq));
    SequenceReport report = checker.report();
    assertEquals(0, report.missing(), report::toString);
    assertEquals(0, report.duplicates(), report::toString);
    long marked = 0;
    for (OutputLine l : lines) {
      if ((l.seq >= lastBeforeOutage && l.seq < beforeOutage) || l.seq >= lastBatch) {
        assertTrue(enriched(l), "enriched: " + l);
      } else if (l.seq >= beforeOutage && l.seq < duringOutage) {
        assertTrue(
            Set.of("error", "timeout").contains(l.headers.get("enrichment")),
            "marked during the outage: " + l);
        assertTrue(!l.headers.containsKey("enrich.value"), l::toString);
        marked++;
      } else {
        assertTrue(
            enriched(l) || Set.of("error", "timeout").contains(l.headers.get("enrichment")),
            "enriched or marked while the client connects or reconnects: " + l);
      }
    }
    assertEquals(duringOutage - beforeOutage, marked);
  }
}
