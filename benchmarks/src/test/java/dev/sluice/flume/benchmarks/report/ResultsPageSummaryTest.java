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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's summary, each workload's verdict, the "differs" explanations and the charts. */
class ResultsPageSummaryTest {
  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  /** A workload whose anchor is 1000 every round and ours 1000 times each ratio. */
  static Workload workload(String name, Goal goal, double... ratios) {
    Series anchor = new Series();
    Series ours = new Series();
    for (double r : ratios) {
      anchor.add(1000);
      ours.add(1000 * r);
    }
    Workload.Builder b = Workload.of(name, "events/s").anchor("anchor", anchor).ours("ours", ours);
    return (goal == null ? b : b.goal(goal)).build();
  }

  static Section section(String name, String commit, String load, List<Workload> workloads) {
    return section(name, commit, "2 cores", load, workloads);
  }

  static Section section(
      String name, String commit, String machine, String load, List<Workload> workloads) {
    return new Section(
        name,
        "Title " + name,
        "",
        "bin/bench " + name,
        commit,
        "2026-11-28 01:00 UTC",
        60,
        machine,
        load,
        load,
        workloads,
        List.of(),
        "",
        List.of());
  }

  @Test
  void summaryCountsTheGoalsMetAndEachVerdictCountsTheRoundsMeetingIt() {
    Section a =
        section(
            "alpha",
            "c1",
            "1.00, 1.00, 1.00",
            List.of(
                workload("met", Goal.ratioAtLeast(0.95), 1.0, 1.1, 0.9, 1.2, 1.0),
                workload("not met", Goal.ratioAtLeast(1.4), 1.5, 1.3, 1.2, 1.3, 1.1),
                workload("no goal", null, 3.0, 3.0, 3.0)));
    Section b =
        section(
            "beta",
            "c1",
            "1.00, 1.00, 1.00",
            List.of(workload("cost", Goal.ratioAtMost(1.0), 0.8, 0.9, 1.2)));
    String md = ResultsPage.render(List.of(a, b), "");
    assertTrue(
        md.contains(
            "| [alpha](#title-alpha) | met | 1.00x | 0.90 – 1.20 | ≥ 0.95x | **met** (4 of 5 rounds)"
                + " | (no previous run) |"),
        md);
    assertTrue(
        md.contains("| not met | 1.30x | 1.10 – 1.50 | ≥ 1.40x | **not met** (1 of 5 rounds) |"),
        md);
    assertTrue(
        md.contains("| cost | 0.90x | 0.80 – 1.20 | ≤ 1.00x | **met** (2 of 3 rounds) |"), md);
    String summary = md.substring(0, md.indexOf("## Title alpha"));
    assertFalse(summary.contains("no goal"), "a workload without a goal is not in the summary");
    assertTrue(
        md.contains(
            "2 of 3 goals met. 0 of 2 sections compared with a previous run of their benchmark:"
                + " no workload disagrees with it by more than 10%."),
        md);
    // The section's own table gives the same verdict beside the goal.
    assertTrue(md.contains("| ≥ 1.40x: **not met** (1 of 5 rounds) |"), md);
    assertTrue(md.contains("| 3.00 – 3.00 | – |"), md);
  }

  @Test
  void aGoalMetOnTheMedianButByFewerThanHalfTheRoundsIsMetAndSaysSo() {
    // Goals are judged on the median (Goal's javadoc); with an even count of rounds the median is
    // the mean of the middle two, which can meet the bound while only a minority of rounds do.
    Workload w = workload("batch", Goal.ratioAtLeast(0.95), 0.5, 0.5, 1.5, 2.0);
    assertEquals(1.0, w.ratios().median(), 1e-12);
    assertTrue(w.goalMet());
    assertEquals(2, w.roundsMeetingGoal());
    Workload two = workload("pair", Goal.ratioAtLeast(0.95), 0.5, 1.5);
    assertTrue(two.goalMet());
    assertEquals(1, two.roundsMeetingGoal());
    String md = ResultsPage.render(List.of(section("alpha", "c", "1", List.of(w, two))), "");
    assertTrue(
        md.contains("| batch | 1.00x | 0.50 – 2.00 | ≥ 0.95x | **met** (2 of 4 rounds) |"), md);
    assertTrue(
        md.contains("| pair | 1.00x | 0.50 – 1.50 | ≥ 0.95x | **met** (1 of 2 rounds) |"), md);
    assertTrue(md.contains("2 of 2 goals met."), md);
  }

  @Test
  void aMedianThatTwoDecimalsWouldRoundOntoItsBoundKeepsTheDigitsThatShowItsSide() {
    Workload under = workload("under", Goal.ratioAtLeast(0.95), 0.9488, 0.9488, 0.9488);
    Workload over = workload("over", Goal.ratioAtLeast(0.95), 0.9512, 0.9512, 0.9512);
    Workload above = workload("above", Goal.ratioAtMost(1.0), 1.0004, 1.0004, 1.0004);
    Workload none = workload("none", null, 0.9488, 0.9488, 0.9488);
    assertEquals("0.949", ResultsPage.medianRatio(under));
    assertEquals("0.95", ResultsPage.medianRatio(over));
    assertEquals("1.0004", ResultsPage.medianRatio(above));
    assertEquals("0.95", ResultsPage.medianRatio(none));
    String md =
        ResultsPage.render(List.of(section("alpha", "c", "1", List.of(under, over, above))), "");
    assertTrue(
        md.contains("| under | 0.949x | 0.95 – 0.95 | ≥ 0.95x | **not met** (0 of 3 rounds) |"),
        md);
    assertTrue(
        md.contains("| over | 0.95x | 0.95 – 0.95 | ≥ 0.95x | **met** (3 of 3 rounds) |"), md);
    assertTrue(
        md.contains("| **0.949x** | 0.95 – 0.95 | ≥ 0.95x: **not met** (0 of 3 rounds) |"), md);
    assertTrue(md.contains("| **1.0004x** |"), md);
  }

  @Test
  void aPageWithoutGoalsSaysSoAndDrawsNoGoalChart() throws Exception {
    Path page = dir.resolve("benchmarks.md");
    Files.createDirectories(dir.resolve("benchmarks"));
    Files.write(dir.resolve("benchmarks").resolve("goals.svg"), new byte[] {'x'});
    ResultsPage.publish(
        page, List.of(section("alpha", "c", "1", List.of(workload("w", null, 1, 2)))), List.of());
    String md = new String(Files.readAllBytes(page), StandardCharsets.UTF_8);
    assertTrue(md.contains("No workload on this page has a goal yet."), md);
    assertTrue(md.contains("0 of 0 goals met."), md);
    assertFalse(md.contains("goals.svg"), md);
    assertFalse(Files.exists(dir.resolve("benchmarks").resolve("goals.svg")), "stale chart left");
  }

  @Test
  void everyChartIsAnSvgFileThePageReferencesAndEveryReferenceIsAFile() throws Exception {
    Path page = dir.resolve("benchmarks.md");
    Section a =
        section(
            "alpha",
            "c",
            "1",
            List.of(
                workload("one", Goal.ratioAtLeast(0.95), 1.0, 0.9, 1.1),
                workload("two", Goal.ratioAtMost(2.0), 1.5, 1.6, 1.7)));
    Workload ratiosOnly =
        Workload.of("amps", "events/s")
            .anchor("raw", Series.of(10, 20))
            .ours("agent", Series.of(9, 19))
            .ratiosOnly()
            .goal(Goal.ratioAtLeast(0.95))
            .build();
    Section b = section("beta", "c", "1", List.of(ratiosOnly));
    // A single round draws too (bin/bench NAME --rounds 1 into a page of one's own).
    Section c = section("gamma", "c", "1", List.of(workload("single", null, 1.2)));
    ResultsPage.publish(page, List.of(a, b, c), List.of("alpha", "beta", "gamma"));
    String md = new String(Files.readAllBytes(page), StandardCharsets.UTF_8);

    Matcher m = Pattern.compile("!\\[[^\\]]*\\]\\((benchmarks/[^)]+)\\)").matcher(md);
    Set<String> referenced = new TreeSet<>();
    while (m.find()) {
      referenced.add(m.group(1));
    }
    assertEquals(
        Set.of(
            "benchmarks/goals.svg",
            "benchmarks/alpha-ratios.svg",
            "benchmarks/alpha-rounds.svg",
            "benchmarks/beta-ratios.svg",
            "benchmarks/beta-rounds.svg",
            "benchmarks/gamma-ratios.svg",
            "benchmarks/gamma-rounds.svg"),
        referenced);
    Set<String> written;
    try (Stream<Path> files = Files.list(dir.resolve("benchmarks"))) {
      written =
          files
              .map(p -> "benchmarks/" + p.getFileName())
              .filter(n -> n.endsWith(".svg"))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(referenced, written);
    for (String r : referenced) {
      String svg = new String(Files.readAllBytes(dir.resolve(r)), StandardCharsets.UTF_8);
      assertTrue(svg.contains("<svg"), r);
      assertTrue(svg.strip().endsWith("</svg>"), r);
      // Rounded to a tenth of a pixel (Charts.compact).
      assertFalse(Pattern.compile("\\d\\.\\d\\d").matcher(svg).find(), r);
    }
    assertTrue(
        md.contains("![Title alpha: ratios per workload](benchmarks/alpha-ratios.svg)\n"), md);
    assertTrue(md.contains("![Title alpha: per round](benchmarks/alpha-rounds.svg)\n"), md);
  }
}
