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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsPageTest {
  private static final List<String> ORDER = List.of("alpha", "beta");

  @TempDir Path dir;

  private static Section section(String name, String commit, double... ours) {
    Series anchor = new Series();
    Series o = new Series();
    for (double v : ours) {
      anchor.add(1000);
      o.add(v);
    }
    Workload w =
        Workload.of("batch 100", "events/s")
            .anchor("the anchor", anchor)
            .ours("ours", o)
            .goal(Goal.ratioAtLeast(0.95))
            .build();
    return new Section(
        name,
        "Title " + name,
        "How " + name + " was measured.",
        "bin/bench " + name,
        commit,
        "2026-11-28 01:00 UTC",
        125,
        "2 cores",
        "1.00, 1.00, 1.00",
        "2.00, 2.00, 2.00",
        List.of(w),
        List.of(Figure.of("agent CPU", "CPU s per M events", Series.of(3.5, 4.5))),
        "A note.",
        List.of());
  }

  private String read(Path p) throws Exception {
    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
  }

  @Test
  void sectionShowsEveryRoundTheMedianRatioTheGoalAndTheProvenance() {
    String md = ResultsPage.section(section("alpha", "abc1234", 900, 1000, 1100), "benchmarks/");
    assertTrue(md.startsWith("## Title alpha\n"), md);
    assertTrue(md.contains("900, 1000, 1100 (median 1000)"), md);
    assertTrue(md.contains("0.90, 1.00, 1.10"), md);
    assertTrue(md.contains("**1.00x**"), md);
    assertTrue(md.contains("≥ 0.95x: **met** (2 of 3 rounds)"), md);
    assertTrue(md.contains("- Command: `bin/bench alpha`"), md);
    assertTrue(md.contains("- Commit: `abc1234`"), md);
    assertTrue(md.contains("wall time 2 min 05 s"), md);
    assertTrue(md.contains("at the start: 1.00, 1.00, 1.00; at the end: 2.00, 2.00, 2.00"), md);
    assertTrue(md.contains("![Title alpha: ratios per workload](benchmarks/alpha-ratios.svg)"), md);
    assertTrue(md.contains("| agent CPU | CPU s per M events | 3.50, 4.50 | 4.00 |"), md);
  }

  @Test
  void ratiosOnlyWorkloadsPublishNoFigureOfEitherSide() throws Exception {
    Workload w =
        Workload.of("maxBatch 100", "events/s")
            .anchor("raw client", Series.of(123457, 223457))
            .ours("agent", Series.of(111111, 211111))
            .ratiosOnly()
            .build();
    Section s =
        new Section(
            "amps",
            "AMPS",
            "",
            "bin/bench amps",
            "c",
            "d",
            1,
            "m",
            "l",
            "l",
            List.of(w),
            List.of(),
            "",
            List.of());
    Path page = dir.resolve("benchmarks.md");
    ResultsPage.publish(page, List.of(s), ORDER);
    String md = read(page);
    String json = read(ResultsPage.resultsFile(page));
    for (String text : List.of(md, json)) {
      assertFalse(text.contains("123457"), text);
      assertFalse(text.contains("111111"), text);
    }
    assertTrue(md.contains("ratios only"), md);
    assertTrue(md.contains("**0.92x**"), md);
    Workload back = ResultsJson.read(ResultsPage.resultsFile(page)).get(0).workloads().get(0);
    assertNull(back.ours());
    assertEquals(111111.0 / 123457, back.ratios().values().get(0), 1e-12);
  }

  @Test
  void publishMergesAComparesWithThePreviousRunAndKeepsTheOtherSections() throws Exception {
    Path page = dir.resolve("benchmarks.md");
    ResultsPage.publish(
        page, List.of(section("beta", "b1", 1000, 1000), section("alpha", "a1", 500, 500)), ORDER);
    List<Section> second =
        ResultsPage.publish(page, List.of(section("beta", "b2", 1050, 1020)), ORDER);
    assertEquals(1, second.get(0).agreement().size());
    assertTrue(second.get(0).agreement().get(0).agrees());

    List<Section> third =
        ResultsPage.publish(page, List.of(section("beta", "b3", 700, 720)), ORDER);
    Agreement.Row row = third.get(0).agreement().get(0);
    assertFalse(row.agrees());
    assertTrue(row.why().contains("every round moved"), row.why());
    assertTrue(row.why().contains("b2 and b3"), row.why());

    List<Section> all = ResultsJson.read(ResultsPage.resultsFile(page));
    assertEquals(List.of("alpha", "beta"), List.of(all.get(0).name(), all.get(1).name()));
    assertEquals("a1", all.get(0).commit());
    String md = read(page);
    assertTrue(md.indexOf("## Title alpha") < md.indexOf("## Title beta"), md);
    assertTrue(md.contains("**differs** (1.04x before, -31%)"), md);
    assertTrue(md.contains("1 of 2 sections compared"), md);
    assertTrue(md.contains("1 workload(s) disagree with it by more than 10%"), md);
    assertTrue(Files.exists(dir.resolve("benchmarks").resolve("beta-ratios.svg")));
  }

  @Test
  void renderRewritesThePageAndChartsFromTheRawResultsAlone() throws Exception {
    Path page = dir.resolve("benchmarks.md");
    ResultsPage.publish(page, List.of(section("alpha", "a1", 900, 1000)), ORDER);
    String published = read(page);
    Files.delete(page);
    Files.delete(dir.resolve("benchmarks").resolve("alpha-rounds.svg"));
    List<Section> rendered = ResultsPage.render(page, ORDER);
    assertEquals(1, rendered.size());
    assertEquals(published, read(page));
    assertTrue(Files.exists(dir.resolve("benchmarks").resolve("alpha-rounds.svg")));
    assertTrue(
        read(page).contains("![Goals: median ratio against its goal](benchmarks/goals.svg)"));
    assertTrue(Files.exists(dir.resolve("benchmarks").resolve("goals.svg")));
  }

  @Test
  void renderWithoutRawResultsRefusesAndWritesNoPage() throws Exception {
    Path page = dir.resolve("benchmarks.md");
    Files.write(page, "# hand-written\n".getBytes(StandardCharsets.UTF_8));
    java.io.IOException e =
        assertThrows(java.io.IOException.class, () -> ResultsPage.render(page, ORDER));
    assertTrue(e.getMessage().startsWith("no results file "), e.getMessage());
    assertEquals("# hand-written\n", read(page));
  }

  @Test
  void sectionsMergedAgainAreTheRunOnThePageNotASecondRun() throws Exception {
    Path page = dir.resolve("benchmarks.md");
    ResultsPage.publish(page, List.of(section("alpha", "a1", 1000, 1000)), ORDER);
    ResultsPage.publish(page, List.of(section("alpha", "a2", 1200, 1300)), ORDER);
    List<Section> recorded = ResultsJson.read(ResultsPage.resultsFile(page));
    Agreement.Row before = recorded.get(0).agreement().get(0);
    assertFalse(before.agrees());

    List<Section> again = ResultsPage.publish(page, recorded, ORDER);
    Agreement.Row after = again.get(0).agreement().get(0);
    assertFalse(after.agrees(), "compared with itself it would agree");
    assertEquals(1.0, after.previous(), 1e-12);
    assertEquals(
        before.why(),
        ResultsJson.read(ResultsPage.resultsFile(page)).get(0).agreement().get(0).why());
  }

  @Test
  void aPageWithAMinimumOfRoundsRefusesAShorterSectionBeforeWritingAnything() throws Exception {
    Path page = dir.resolve("benchmarks.md");
    ResultsPage.TooFewRoundsException e =
        assertThrows(
            ResultsPage.TooFewRoundsException.class,
            () -> ResultsPage.publish(page, List.of(section("alpha", "a", 1000, 990)), ORDER, 5));
    assertEquals(
        "alpha: workload batch 100 has 2 round(s); " + page + " takes at least 5", e.getMessage());
    assertFalse(Files.exists(page));
    assertFalse(Files.exists(ResultsPage.resultsFile(page)));
    ResultsPage.publish(page, List.of(section("alpha", "a", 1, 2, 3, 4, 5)), ORDER, 5);
    assertTrue(Files.exists(page));
  }

  @Test
  void disagreementWithOverlappingRoundsIsPutDownToRoundToRoundNoise() {
    Section before = section("alpha", "same", 800, 1300);
    Section after = section("alpha", "same", 1250, 1260);
    Agreement.Row row = Agreement.compare(before, after).get(0);
    assertFalse(row.agrees());
    assertTrue(row.why().contains("overlap"), row.why());
  }

  @Test
  void chartsAreSvgDrawnWithoutADisplay() throws Exception {
    System.setProperty("java.awt.headless", "true");
    Charts.write(section("alpha", "a", 900, 1000, 1100), dir);
    String ratios = read(dir.resolve("alpha-ratios.svg"));
    String rounds = read(dir.resolve("alpha-rounds.svg"));
    assertTrue(ratios.contains("<svg"), ratios);
    assertTrue(rounds.contains("<svg"), rounds);
    // XChart draws text as outlines: the legend is there as paths, not as searchable text.
    assertTrue(rounds.contains("<path"), rounds);
  }

  @Test
  void svgCoordinatesAreRoundedToATenthAndClipIdsNumberedInOrder() {
    assertEquals(
        "<path d=\"M5.5,-4.7 L239.1,30\"/> clip0 clip1 clip0 version=\"1.1\"",
        Charts.compact(
            "<path d=\"M5.59375,-4.71875 L239.15625,30\"/> clip806 clip-12 clip806"
                + " version=\"1.1\""));
  }

  @Test
  void sectionsOfAnOlderPageThatNoRunProducedAreKept() throws Exception {
    Path page = dir.resolve("benchmarks.md");
    Files.write(
        page,
        ("# Benchmarks\n\nold intro\n\n## Summary\n\nold summary\n\n## Hand written\n\nkeep me\n"
                + "\n## Title alpha\n\nold alpha\n")
            .getBytes(StandardCharsets.UTF_8));
    ResultsPage.publish(page, List.of(section("alpha", "a", 1000)), ORDER);
    String md = read(page);
    assertTrue(md.contains("## Hand written\n\nkeep me"), md);
    assertFalse(md.contains("old alpha"), md);
    assertFalse(md.contains("old summary"), md);
    assertFalse(md.contains("old intro"), md);
  }

  @Test
  void goalOnTheDifferenceIsJudgedOnTheMedianDifference() {
    Workload w =
        Workload.of("warm", "ns per event")
            .lowerIsBetter()
            .anchor("limit", Series.of(100, 100, 100))
            .ours("warm", Series.of(900, 1200, 1000))
            .goal(Goal.differenceAtMost(1000))
            .build();
    assertEquals(900, w.goalFigure(), 1e-9);
    assertTrue(w.goalMet());
    assertEquals(2, w.roundsMeetingGoal());
  }

  @Test
  void workloadRefusesUnpairedRounds() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Workload.of("w", "events/s")
                    .anchor("a", Series.of(1, 2))
                    .ours("o", Series.of(1))
                    .build());
    assertTrue(e.getMessage().contains("2 rounds of the anchor and 1 of ours"), e.getMessage());
  }
}
