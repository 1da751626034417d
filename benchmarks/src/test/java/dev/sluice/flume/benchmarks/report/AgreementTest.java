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
package dev.sluice.flume.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether a run agrees with the previous one, and what the page says when it does not. */
class AgreementTest {
  private static Section run(String commit, String load, double... ratios) {
    return ResultsPageSummaryTest.section(
        "alpha",
        commit,
        load,
        List.of(ResultsPageSummaryTest.workload("batch 100", Goal.ratioAtLeast(0.95), ratios)));
  }

  private static Agreement.Row compare(Section previous, Section current) {
    List<Agreement.Row> rows = Agreement.compare(previous, current);
    assertEquals(1, rows.size());
    return rows.get(0);
  }

  @Test
  void withinTenPercentEitherWayAgreesTheBoundaryIncluded() {
    Section before = run("c", "1", 1.0, 1.0, 1.0);
    for (double now : new double[] {1.1, 0.9, 1.05, 1.0}) {
      Agreement.Row row = compare(before, run("c", "1", now, now, now));
      assertTrue(row.agrees(), "median " + now + " against 1.0");
      assertEquals("", row.why());
    }
    for (double now : new double[] {1.1001, 0.8999, 2.0}) {
      assertFalse(compare(before, run("c", "1", now, now, now)).agrees(), "median " + now);
    }
  }

  @Test
  void roundsThatOverlapAreExplainedAsRoundToRoundNoise() {
    Agreement.Row row =
        compare(
            run("c1", "1.00, 1.00, 1.00", 0.8, 1.0, 1.3),
            run("c2", "2.00, 2.00, 2.00", 1.2, 1.25, 1.3));
    assertFalse(row.agrees());
    assertEquals(
        "the rounds of the two runs overlap (ratios this run 1.20 – 1.30, previous run 0.80 –"
            + " 1.30): this workload varies more than 10% from round to round on this shared"
            + " machine; load average 2.00, 2.00, 2.00 → 2.00, 2.00, 2.00 this run, 1.00, 1.00,"
            + " 1.00 → 1.00, 1.00, 1.00 the previous",
        row.why());
  }

  @Test
  void everyRoundMovedAcrossCommitsIsPutDownToTheCodeChange() {
    Agreement.Row row = compare(run("abc", "1", 1.0, 1.02, 0.98), run("def", "3", 1.5, 1.6, 1.4));
    assertFalse(row.agrees());
    assertEquals(
        "every round moved (ratios this run 1.40 – 1.60, previous run 0.98 – 1.02); the code"
            + " changed between abc and def; load average 3 → 3 this run, 1 → 1 the previous",
        row.why());
    assertEquals(0.5, row.change(), 1e-9);
  }

  private static Section onMachine(String commit, String machine, double... ratios) {
    return ResultsPageSummaryTest.section(
        "alpha",
        commit,
        machine,
        "1",
        List.of(ResultsPageSummaryTest.workload("batch 100", Goal.ratioAtLeast(0.95), ratios)));
  }

  @Test
  void everyRoundMovedOnAnotherProcessorIsPutDownToTheProcessor() {
    Agreement.Row row =
        compare(
            onMachine("abc", "2 cores, 24 GiB memory, CPU Fast 3.5GHz", 1.0, 1.0),
            onMachine("def", "2 cores, 24 GiB memory, CPU Slow @ 2.50GHz", 0.5, 0.6));
    assertFalse(row.agrees());
    assertEquals(
        "every round moved (ratios this run 0.50 – 0.60, previous run 1.00 – 1.00); the runs'"
            + " processors differ (Slow @ 2.50GHz this run, Fast 3.5GHz the previous); load"
            + " average 1 → 1 this run, 1 → 1 the previous",
        row.why());
  }

  @Test
  void aPreviousRunThatNamedNoProcessorFallsBackToTheCommits() {
    Agreement.Row row =
        compare(
            onMachine("abc", "2 cores, 24 GiB memory", 1.0, 1.0),
            onMachine("def", "2 cores, 24 GiB memory, CPU Slow @ 2.50GHz", 0.5, 0.6));
    assertTrue(row.why().contains("the code changed between abc and def"), row.why());
  }

  @Test
  void thisMachineNamesItsProcessorAndItsReferenceTime() {
    String machine = Provenance.machine();
    assertFalse(Provenance.cpuOf(machine).isEmpty(), machine);
    assertFalse(Provenance.cpuOf(machine).contains("  "), machine);
    assertFalse(Provenance.cpuOf(machine).contains("reference"), machine);
    assertTrue(Provenance.referenceOf(machine) >= 0, machine);
  }

  @Test
  void theMachineLineGivesTheProcessorAndTheReferenceTime() {
    assertEquals(108, Provenance.referenceOf("2 cores, CPU X, reference workload 108 ms"));
    assertEquals("X", Provenance.cpuOf("2 cores, CPU X, reference workload 108 ms"));
    assertEquals(-1, Provenance.referenceOf("2 cores, CPU X"));
    assertEquals("", Provenance.cpuOf("2 cores, 24 GiB memory"));
  }

  @Test
  void everyRoundMovedWithTheSameCodeIsPutDownToTheLoad() {
    Agreement.Row row = compare(run("abc", "1", 1.0, 1.0), run("abc", "9", 0.5, 0.6));
    assertFalse(row.agrees());
    assertTrue(
        row.why()
            .startsWith(
                "every round moved with the same code (ratios this run 0.50 – 0.60, previous run"
                    + " 1.00 – 1.00): the machine's load; load average 9 → 9 this run"),
        row.why());
  }

  @Test
  void thePageShowsADisagreementInTheSummaryAndInTheSectionWithWhy() {
    Section previous = run("abc", "1", 1.0, 1.0, 1.0);
    Section current = run("def", "1", 0.7, 0.7, 0.7);
    Section compared = current.withAgreement(Agreement.compare(previous, current));
    String md = ResultsPage.render(List.of(compared), "");
    assertTrue(md.contains("| **differs** (1.00x before, -30%) |"), md);
    assertTrue(
        md.contains(
            "1 of 1 sections compared with a previous run of their benchmark: 1 workload(s)"
                + " disagree with it by more than 10%, each explained in its section: alpha:"
                + " batch 100."),
        md);
    assertTrue(
        md.contains(
            "| batch 100 | 1.00x | 0.70x | -30% | **no** | every round moved (ratios this run"
                + " 0.70 – 0.70, previous run 1.00 – 1.00); the code changed between abc and"
                + " def;"),
        md);
  }

  @Test
  void workloadsNewToThisRunAreNotCompared() {
    Section previous = run("c", "1", 1.0);
    Section current =
        ResultsPageSummaryTest.section(
            "alpha",
            "c",
            "1",
            List.of(
                ResultsPageSummaryTest.workload("batch 100", null, 1.0),
                ResultsPageSummaryTest.workload("batch 1000", null, 5.0)));
    List<Agreement.Row> rows = Agreement.compare(previous, current);
    assertEquals(1, rows.size());
    assertEquals("batch 100", rows.get(0).workload());
  }
}
