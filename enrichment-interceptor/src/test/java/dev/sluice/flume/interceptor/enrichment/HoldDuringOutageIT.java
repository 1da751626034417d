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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.HBaseServer;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.time.Duration;
import java.util.List;
import org.apache.flume.Event;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * failurePolicy = hold while HBase is SIGKILLed mid-stream: the source refuses batches (within the
 * timeout and a small bound) instead of passing them on, the sender retries them, and after HBase
 * restarts every event arrives exactly once and enriched. Checked in the sink's output files.
 */
class HoldDuringOutageIT {
  @RegisterExtension
  static final ChildProcessesExtension CHILDREN = ChildProcessesExtension.perTest();

  private static HBaseServer hbase;

  @BeforeAll
  static void startHBase() throws Exception {
    hbase = HBaseServer.builder().table(OutageScenario.TABLE, "d").start(CHILDREN);
    OutageScenario.writeRows(hbase);
  }

  /** Retries a batch until the source takes it, as an Avro client that must not lose it would. */
  private static void sendUntilAccepted(EnrichmentFlow a, List<Event> batch) {
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> a.trySend(batch));
  }

  @ParameterizedTest(name = "backend = {0}")
  @ValueSource(strings = {"hbase2", "asynchbase"})
  void nothingIsLostOrPassedUnenrichedAndAllArrivesEnrichedAfterHBaseRestarts(String backend) {
    if (!hbase.isAlive()) {
      hbase.restart();
    }
    EnrichmentFlow a = OutageScenario.startAgent(CHILDREN, hbase, backend, "hold");
    long next = 0;
    for (; next < 200; next += BATCH) {
      sendUntilAccepted(a, batch(next));
    }
    long beforeOutage = next;
    await().atMost(Duration.ofMinutes(1)).until(() -> a.output().size() >= beforeOutage);

    hbase.kill();
    List<Event> held = batch(next);
    for (int attempt = 0; attempt < 3; attempt++) {
      assertFalse(a.trySend(held), "hold refuses the batch while HBase is down");
      assertTrue(
          a.lastMillis() < TIMEOUT_MILLIS + SOURCE_BOUND_MILLIS,
          "a refusal took " + a.lastMillis() + " ms");
    }
    assertEquals(beforeOutage, a.output().size(), "nothing of a refused batch reached the sink");

    hbase.restart();
    sendUntilAccepted(a, held);
    next += BATCH;
    for (long end = next + 200; next < end; next += BATCH) {
      sendUntilAccepted(a, batch(next));
    }
    long total = next;
    await().atMost(Duration.ofMinutes(1)).until(() -> a.output().size() >= total);

    List<OutputLine> lines = a.output();
    SequenceChecker checker = SequenceChecker.expecting(0, total);
    lines.forEach(l -> checker.add(l.seq));
    SequenceReport report = checker.report();
    assertEquals(0, report.missing(), report::toString);
    assertEquals(0, report.duplicates(), report::toString);
    for (OutputLine l : lines) {
      assertTrue(enriched(l), "every event arrives enriched: " + l);
    }
  }
}
