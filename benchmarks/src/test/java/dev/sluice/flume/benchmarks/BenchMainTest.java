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
package dev.sluice.flume.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.benchmarks.BenchArgs.UsageException;
import dev.sluice.flume.benchmarks.report.Agreement;
import dev.sluice.flume.benchmarks.report.Goal;
import dev.sluice.flume.benchmarks.report.ResultsPage;
import dev.sluice.flume.benchmarks.report.Section;
import dev.sluice.flume.benchmarks.report.Series;
import dev.sluice.flume.benchmarks.report.Workload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/bench's command line over fake benchmarks that measure nothing: no benchmark runs here. */
class BenchMainTest {
  @TempDir Path dir;

  private Path docsPage;
  private Path quickPage;
  private Fake alpha;
  private Fake beta;
  private Fake shortRun;
  private Fake failing;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  /**
   * A benchmark that measures nothing: ours is the anchor times {@link #ratio} in every round;
   * {@code --rounds R} (default {@link #defaultRounds}, 2 with {@code --quick}).
   */
  private static final class Fake implements Benchmark {
    final String name;
    final int defaultRounds;
    final List<List<String>> calls = new ArrayList<>();
    double ratio = 1.0;
    boolean fail;

    Fake(String name, int defaultRounds) {
      this.name = name;
      this.defaultRounds = defaultRounds;
    }

    @Override
    public Section run(String[] args) {
      calls.add(List.of(args));
      if (fail) {
        throw new IllegalStateException(name + " broke");
      }
      BenchArgs a =
          BenchArgs.parse(name, args, List.of("--rounds"), List.of("--quick"), "[--rounds R]");
      boolean quick = a.flag("--quick");
      int rounds = a.positive("--rounds", quick ? 2 : defaultRounds);
      Series anchor = new Series();
      Series ours = new Series();
      for (int i = 0; i < rounds; i++) {
        anchor.add(1000);
        ours.add(1000 * ratio);
      }
      return Section.begin(name, "Fake " + name, a.command())
          .description("Measures nothing.")
          .add(
              Workload.of("batch 100", "events/s")
                  .anchor("the anchor", anchor)
                  .ours("ours", ours)
                  .goal(Goal.ratioAtLeast(0.95))
                  .build())
          .end();
    }
  }

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  @BeforeEach
  void fakes() {
    docsPage = dir.resolve("docs").resolve("benchmarks.md");
    quickPage = dir.resolve("target").resolve("quick-report").resolve("benchmarks.md");
    alpha = new Fake("alpha", 5);
    beta = new Fake("beta", 5);
    shortRun = new Fake("short", 3);
    failing = new Fake("failing", 5);
    failing.fail = true;
  }

  private BenchMain bench(Fake... fakes) {
    Map<String, BenchMain.Entry> map = new LinkedHashMap<>();
    for (Fake f : fakes) {
      map.put(f.name, new BenchMain.Entry(f, "measures " + f.name));
    }
    return new BenchMain(
        map, docsPage, quickPage, new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  private int run(String... args) throws Exception {
    return bench(alpha, beta, shortRun).run(args);
  }

  private String refused(String... args) {
    return assertThrows(UsageException.class, () -> run(args)).getMessage();
  }

  private String printed() {
    return new String(printed.toByteArray(), StandardCharsets.UTF_8);
  }

  private static String read(Path p) throws Exception {
    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
  }

  private void assertNothingRan() {
    assertEquals(List.of(), alpha.calls);
    assertEquals(List.of(), beta.calls);
    assertEquals(List.of(), shortRun.calls);
  }

  @Test
  void withoutArgumentsListsEveryBenchmarkWithWhatItMeasures() throws Exception {
    assertEquals(0, run());
    String out = printed();
    assertTrue(out.contains("usage: bin/bench NAME [ARGS...] [--markdown FILE]"), out);
    assertTrue(out.contains("bin/bench --merge RESULTS_JSON [FILE]"), out);
    assertTrue(out.indexOf("alpha") < out.indexOf("beta"), out);
    assertTrue(out.contains("measures beta"), out);
    assertNothingRan();
  }

  @Test
  void anUnknownBenchmarkIsRefusedNamingTheKnownOnes() {
    String m = refused("gamma", "--rounds", "5");
    assertTrue(
        m.startsWith("bin/bench: no benchmark named gamma; known benchmarks: alpha, beta, short"),
        m);
    assertTrue(refused("--gamma").startsWith("bin/bench: unknown option --gamma; known"));
    assertNothingRan();
  }

  @Test
  void onlyWithAnUnknownNameIsRefusedBeforeAnythingRuns() {
    String m = refused("--report", "--only", "alpha,gamma");
    assertTrue(
        m.startsWith(
            "bin/bench --report: no benchmark named gamma in --only alpha,gamma; known benchmarks:"
                + " alpha, beta, short; usage: "),
        m);
    assertTrue(refused("--report", "--only", "alpha,,beta").contains("--only has an empty name"));
    assertTrue(refused("--report", "--only", "beta,beta").contains("beta is named twice"));
    assertTrue(refused("--report", "--all").contains("unknown argument --all"));
    assertNothingRan();
    assertFalse(Files.exists(docsPage));
  }

  @Test
  void markdownWithoutAFileIsRefused() {
    for (String[] args :
        List.of(
            new String[] {"alpha", "--markdown"},
            new String[] {"alpha", "--markdown", "--rounds", "5"})) {
      String m = refused(args);
      assertTrue(m.startsWith("bin/bench alpha: --markdown needs a file"), m);
    }
    String page = dir.resolve("p.md").toString();
    assertTrue(refused("alpha", "--markdown", page, "--markdown", page).contains("given twice"));
    assertNothingRan();
  }

  @Test
  void markdownMergesTheSectionIntoThatPageAndLeavesTheArgumentsToTheBenchmark() throws Exception {
    Path page = dir.resolve("mine.md");
    assertEquals(0, run("alpha", "--rounds", "3", "--markdown", page.toString()));
    assertEquals(List.of(List.of("--rounds", "3")), alpha.calls);
    String md = read(page);
    assertTrue(md.contains("## Fake alpha"), md);
    assertTrue(md.contains("- Command: `bin/bench alpha --rounds 3`"), md);
    assertEquals(1, ResultsPage.read(ResultsPage.resultsFile(page)).size());
    assertTrue(printed().contains("written to " + page), printed());
  }

  @Test
  void withoutMarkdownTheSectionIsPrintedAndNothingWritten() throws Exception {
    assertEquals(0, run("beta", "--quick"));
    assertTrue(printed().contains("## Fake beta"), printed());
    assertTrue(printed().contains("1.00, 1.00 |"), printed());
    assertFalse(Files.exists(docsPage));
    assertFalse(Files.exists(quickPage));
  }

  @Test
  void theDocsPageRefusesQuickAndTooFewRoundsBeforeTheBenchmarkRuns() {
    String quick = refused("alpha", "--quick", "--markdown", docsPage.toString());
    assertTrue(quick.contains("--quick runs small sizes"), quick);
    String rounds = refused("alpha", "--rounds", "4", "--markdown", docsPage.toString());
    assertTrue(
        rounds.startsWith(
            "bin/bench alpha: --rounds 4 is below the 5 rounds " + docsPage + " takes"),
        rounds);
    String report = refused("--report", "--quick", "--page", docsPage.toString());
    assertTrue(report.contains("--quick runs small sizes and 2 rounds"), report);
    assertNothingRan();
    assertFalse(Files.exists(docsPage));
  }

  @Test
  void theDocsPageRefusesASectionOfTooFewRoundsAfterTheRunButPrintsIt() throws Exception {
    String m = refused("short", "--markdown", docsPage.toString());
    assertTrue(
        m.contains("short: workload batch 100 has 3 round(s); " + docsPage + " takes at least 5"),
        m);
    assertEquals(1, shortRun.calls.size());
    assertFalse(Files.exists(docsPage));
    assertFalse(Files.exists(ResultsPage.resultsFile(docsPage)));
    assertTrue(printed().contains("## Fake short"), printed());
    // Another page takes it.
    Path other = dir.resolve("other.md");
    assertEquals(0, run("short", "--markdown", other.toString()));
    assertTrue(Files.exists(other));
  }

  @Test
  void aFullReportRunsEveryBenchmarkWithTheReportsRoundsIntoTheDocsPage() throws Exception {
    assertEquals(0, run("--report", "--only", "beta, alpha"));
    assertEquals(List.of(List.of("--rounds", "5")), alpha.calls);
    assertEquals(List.of(List.of("--rounds", "5")), beta.calls);
    assertEquals(List.of(), shortRun.calls);
    String md = read(docsPage);
    // The page keeps the benchmarks' order, not the order of --only.
    assertTrue(md.indexOf("## Fake alpha") < md.indexOf("## Fake beta"), md);
    assertFalse(Files.exists(quickPage));
  }

  @Test
  void reportQuickWritesUnderTheQuickPageNotTheDocsPage() throws Exception {
    assertEquals(0, bench(alpha, beta).run(new String[] {"--report", "--quick"}));
    assertEquals(List.of(List.of("--quick")), alpha.calls);
    assertEquals(List.of(List.of("--quick")), beta.calls);
    assertTrue(Files.exists(quickPage));
    assertTrue(Files.exists(quickPage.resolveSibling("benchmarks").resolve("results.json")));
    assertTrue(Files.exists(quickPage.resolveSibling("benchmarks").resolve("alpha-ratios.svg")));
    assertFalse(Files.exists(docsPage.getParent()));
    assertTrue(read(quickPage).contains("- Command: `bin/bench beta --quick`"));
    assertTrue(printed().contains("report: 2 benchmark(s) in"), printed());
  }

  @Test
  void aReportWithAFailedBenchmarkExitsOneAndKeepsWhatTheOthersMeasured() throws Exception {
    assertEquals(1, bench(alpha, failing, beta).run(new String[] {"--report", "--quick"}));
    String md = read(quickPage);
    assertTrue(md.contains("## Fake alpha") && md.contains("## Fake beta"), md);
    assertFalse(md.contains("Fake failing"), md);
    assertTrue(printed().contains("===== failing FAILED: java.lang.IllegalStateException"));
    assertTrue(printed().contains("FAILED (not on the page): [failing]"), printed());
  }

  @Test
  void mergeUsageErrors() throws Exception {
    String usage = "usage: bin/bench --merge RESULTS_JSON [FILE]";
    assertTrue(refused("--merge").endsWith(usage), refused("--merge"));
    assertTrue(refused("--merge", "a.json", "b.md", "c").contains("got a.json b.md c"));
    assertTrue(refused("--merge", "--quick").endsWith(usage));
    Path missing = dir.resolve("missing.json");
    assertTrue(
        refused("--merge", missing.toString())
            .startsWith("bin/bench --merge: no such results file: " + missing));

    run("alpha", "--markdown", docsPage.toString());
    Path own = ResultsPage.resultsFile(docsPage);
    assertTrue(refused("--merge", own.toString()).contains("is the results file of"));

    Path empty = dir.resolve("empty.json");
    Files.write(empty, "{\"format\": 1, \"sections\": []}\n".getBytes(StandardCharsets.UTF_8));
    assertTrue(refused("--merge", empty.toString()).contains("holds no section"));
  }

  @Test
  void mergeReplacesTheSectionAndComparesItWithTheOneItReplaces() throws Exception {
    alpha.ratio = 1.0;
    beta.ratio = 2.0;
    run("--report");
    Path elsewhere = dir.resolve("elsewhere").resolve("benchmarks.md");

    // Within 10%: agrees.
    alpha.ratio = 1.05;
    run("alpha", "--markdown", elsewhere.toString());
    assertEquals(0, run("--merge", ResultsPage.resultsFile(elsewhere).toString()));
    List<Section> merged = ResultsPage.read(ResultsPage.resultsFile(docsPage));
    assertEquals(List.of("alpha", "beta"), List.of(merged.get(0).name(), merged.get(1).name()));
    assertEquals(
        List.of(1.05, 1.05, 1.05, 1.05, 1.05), merged.get(0).workloads().get(0).ratios().values());
    Agreement.Row within = merged.get(0).agreement().get(0);
    assertTrue(within.agrees());
    assertEquals(1.0, within.previous(), 1e-12);
    assertEquals(List.of(), merged.get(1).agreement(), "beta was not merged: no comparison");
    assertTrue(read(docsPage).contains("agrees (1.00x before, +5%)"), read(docsPage));

    // Over 10%: differs, and the page says why.
    alpha.ratio = 1.3;
    Path third = dir.resolve("third").resolve("benchmarks.md");
    run("alpha", "--markdown", third.toString());
    run("--merge", ResultsPage.resultsFile(third).toString(), docsPage.toString());
    Agreement.Row over =
        ResultsPage.read(ResultsPage.resultsFile(docsPage)).get(0).agreement().get(0);
    assertFalse(over.agrees());
    assertEquals(1.05, over.previous(), 1e-12);
    assertTrue(over.why().startsWith("every round moved with the same code"), over.why());
    String md = read(docsPage);
    assertTrue(md.contains("**differs** (1.05x before, +24%)"), md);
    assertTrue(md.contains("1 workload(s) disagree with it by more than 10%"), md);

    // The same results merged again are the run already on the page, not a second run.
    run("--merge", ResultsPage.resultsFile(third).toString());
    Agreement.Row again =
        ResultsPage.read(ResultsPage.resultsFile(docsPage)).get(0).agreement().get(0);
    assertFalse(again.agrees());
    assertEquals(1.05, again.previous(), 1e-12);
  }

  @Test
  void renderFromResultsJsonGivesThePublishedPageAndTheSameBytesTheSecondTime() throws Exception {
    alpha.ratio = 0.9;
    beta.ratio = 1.2;
    run("--report");
    beta.ratio = 1.25;
    run("beta", "--markdown", docsPage.toString());
    String published = read(docsPage);
    Path charts = docsPage.resolveSibling("benchmarks");
    byte[] ratiosSvg = Files.readAllBytes(charts.resolve("beta-ratios.svg"));
    Files.delete(docsPage);
    Files.delete(charts.resolve("beta-ratios.svg"));

    assertEquals(0, run("--render"));
    String first = read(docsPage);
    assertEquals(published, first);
    assertArrayEquals(ratiosSvg, Files.readAllBytes(charts.resolve("beta-ratios.svg")));
    assertEquals(0, run("--render", docsPage.toString()));
    assertEquals(first, read(docsPage));
    assertTrue(printed().contains("rendered " + docsPage + " and its charts from"), printed());
    assertTrue(printed().contains(": 3 section(s)"), printed());
  }

  @Test
  void renderRefusesAPageWithoutResultsAndStrayArguments() {
    Path page = dir.resolve("nowhere").resolve("benchmarks.md");
    String m = refused("--render", page.toString());
    assertTrue(m.startsWith("bin/bench --render: no results file "), m);
    assertFalse(Files.exists(page), "nothing is rendered from nothing");
    assertTrue(refused("--render", "a.md", "b.md").contains("takes at most the page"));
    assertTrue(refused("--render", "--quick").endsWith("usage: bin/bench --render [FILE]"));
  }
}
