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
package dev.sluice.flume.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPartsTest {
  @TempDir Path tmp;

  @Test
  void parsesOptions() {
    DemoOptions o =
        DemoOptions.parse(
            new String[] {"--events", "500", "--rate", "0", "--kill-aggregator", "--root", "/r"});
    assertEquals(500, o.events);
    assertEquals(0, o.rate);
    assertTrue(o.killAggregator);
    assertEquals(Path.of("/r/sluice-demo-output"), o.dir);
  }

  @Test
  void refusesBadOptionsWithUsage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DemoOptions.parse(new String[] {"--events", "lots"}));
    assertTrue(e.getMessage().startsWith("--events = 'lots': must be an integer"), e.getMessage());
    assertTrue(e.getMessage().contains("usage: sluice-demo"));
    assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--x"}));
    assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--rate"}));
    IllegalArgumentException tooMany =
        assertThrows(
            IllegalArgumentException.class,
            () -> DemoOptions.parse(new String[] {"--events", "5000001"}));
    assertTrue(tooMany.getMessage().contains("from 0 to 5000000"), tooMany.getMessage());
    assertEquals(5_000_000, DemoOptions.parse(new String[] {"--events", "5000000"}).events);
  }

  @Test
  void theTestServerHeapGrowsWithTheOrdersItKeeps() {
    assertEquals(512, DemoTopology.testkitHeapMegabytes(0));
    assertEquals(512, DemoTopology.testkitHeapMegabytes(100_000)); // the default run: 354 MB asked
    assertEquals(
        549, DemoTopology.testkitHeapMegabytes(300_000)); // 0.4 KB kept per order measured there
    assertEquals(256 + 4883, DemoTopology.testkitHeapMegabytes(DemoOptions.MAX_EVENTS));
  }

  @Test
  void auditCountsMissingDuplicatesAndMisplacedOrders() throws Exception {
    Path ibm = Files.createDirectories(tmp.resolve("agg1/orders/IBM"));
    Path msft = Files.createDirectories(tmp.resolve("agg2/orders/MSFT"));
    Files.write(
        ibm.resolve("2026112201.jsonl"),
        List.of(
            OrderPublisher.order(1).replaceAll("\"symbol\":\"[A-Z]+\"", "\"symbol\":\"IBM\""),
            "{\"order_key\":2, \"symbol\":\"IBM\"}",
            "{\"order_key\":2, \"symbol\":\"IBM\"}"),
        StandardCharsets.UTF_8);
    Files.write(
        msft.resolve("2026112201.jsonl.tmp"),
        List.of("{\"order_key\":4, \"symbol\":\"IBM\"}"),
        StandardCharsets.UTF_8);
    OutputAudit a = OutputAudit.of(List.of(tmp.resolve("agg1"), tmp.resolve("agg2")), 4);
    assertEquals(4, a.lines);
    assertEquals(3, a.unique);
    assertEquals(1, a.duplicates);
    assertEquals(1, a.missing);
    assertEquals(List.of(3L), a.firstMissing);
    assertEquals(1, a.misplaced, "order 4 is IBM but sits in MSFT's file");
    assertEquals(2, a.files);
    assertEquals(1, a.inUseFiles);
  }

  @Test
  void requireCompleteNamesTheRunAndTheFirstMissingOrders() throws Exception {
    Path ibm = Files.createDirectories(tmp.resolve("agg1/orders/IBM"));
    Files.write(
        ibm.resolve("2026112201.jsonl"),
        List.of(
            "{\"order_key\":1, \"symbol\":\"IBM\"}",
            "{\"order_key\":2, \"symbol\":\"IBM\"}",
            "{\"order_key\":2, \"symbol\":\"IBM\"}",
            "{\"order_key\":5, \"symbol\":\"IBM\"}"),
        StandardCharsets.UTF_8);
    List<Path> dirs = List.of(tmp.resolve("agg1"), tmp.resolve("agg2"));

    OutputAudit complete = OutputAudit.of(dirs, 2);
    assertSame(complete, complete.requireComplete("run 1"));
    assertEquals(4, complete.lines());
    assertEquals(1, complete.duplicates());
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class, () -> OutputAudit.of(dirs, 6).requireComplete("run 7"));
    assertTrue(
        missing
            .getMessage()
            .startsWith("run 7: 3 orders missing from the output (first: [3, 4, 6])"),
        missing.getMessage());

    Files.write(ibm.resolve("2026112202.jsonl"), List.of("{\"order_ke"), StandardCharsets.UTF_8);
    IllegalStateException partial =
        assertThrows(
            IllegalStateException.class, () -> OutputAudit.of(dirs, 2).requireComplete("run 8"));
    assertTrue(partial.getMessage().contains("1 lines without an order_key"), partial.getMessage());
  }

  @Test
  void anUnparseableLineFailsTheRunAndIsPrinted() throws Exception {
    Path ibm = Files.createDirectories(tmp.resolve("agg1/orders/IBM"));
    Files.write(
        ibm.resolve("2026112201.jsonl"),
        List.of("{\"order_key\":1, \"symbol\":\"IBM\"}", "{\"order_ke"),
        StandardCharsets.UTF_8);
    DemoSummary s = summary(1, 1, OutputAudit.of(List.of(tmp.resolve("agg1")), 1));
    assertEquals(0, s.missing());
    assertEquals(1, s.audit.unparseable);
    assertFalse(s.ok(), s::toString);
    assertEquals(List.of("1 unparseable (partial or corrupt) lines"), s.problems());
    assertTrue(s.toString().contains("RESULT       FAILED: 1 unparseable"), s::toString);
  }

  @Test
  void theAuditChecksWhatTheServerAcknowledgedAndFewerAcksFailTheRun() throws Exception {
    Path ibm = Files.createDirectories(tmp.resolve("agg1/orders/IBM"));
    Files.write(
        ibm.resolve("2026112201.jsonl"),
        List.of("{\"order_key\":1, \"symbol\":\"IBM\"}", "{\"order_key\":2, \"symbol\":\"IBM\"}"),
        StandardCharsets.UTF_8);
    DemoSummary all = summary(2, 2, OutputAudit.of(List.of(tmp.resolve("agg1")), 2));
    assertTrue(all.ok(), all::toString);
    DemoSummary fewer = summary(3, 2, OutputAudit.of(List.of(tmp.resolve("agg1")), 2));
    assertEquals(List.of("2 of 3 orders acknowledged"), fewer.problems());
    DemoSummary lost = summary(3, 3, OutputAudit.of(List.of(tmp.resolve("agg1")), 3));
    assertEquals(List.of("1 acknowledged orders missing"), lost.problems());
  }

  private DemoSummary summary(long planned, long acknowledged, OutputAudit audit) {
    return new DemoSummary(planned, acknowledged, audit, 1.0, tmp, tmp, "metrics", null);
  }

  @Test
  void generatedOrdersAreDeterministic() {
    assertEquals(OrderPublisher.order(123), OrderPublisher.order(123));
    assertTrue(OrderPublisher.order(123).startsWith("{\"order_key\":123, \"symbol\":\""));
  }

  @Test
  void aPublisherThatFollowsAnotherContinuesItsKeys() {
    List<String> seed = List.of(OrderPublisher.order(1), OrderPublisher.order(2));
    OrderPublisher first = new OrderPublisher("tcp://unused:1/amps/json", "t", seed, 10, 0);
    assertEquals(12, first.total());
    assertEquals(12, first.lastKey());
    OrderPublisher next =
        new OrderPublisher(
            "tcp://unused:1/amps/json", "t", "next", List.of(), first.lastKey() + 1, 5, 0);
    assertEquals(5, next.total());
    assertEquals(17, next.lastKey());
    assertEquals(2, new OrderPublisher("u", "t", seed, 0, 0).lastKey());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new OrderPublisher("u", "t", "next", seed, 2, 5, 0));
    assertEquals("firstKey 2 would repeat a seed order's key (1..2)", e.getMessage());
  }
}
