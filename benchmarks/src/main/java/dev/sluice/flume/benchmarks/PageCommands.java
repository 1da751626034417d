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

import dev.sluice.flume.benchmarks.BenchArgs.UsageException;
import dev.sluice.flume.benchmarks.report.ResultsPage;
import dev.sluice.flume.benchmarks.report.Section;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * What {@code bin/bench} does to a results page: publishes sections into it, {@code --merge}s
 * another page's results.json into it and {@code --render}s it again. The docs page takes full runs
 * only: a section needs at least {@code minRounds} rounds of every workload there, and {@code
 * --quick} is refused (the "at least 5 rounds"); any other page takes anything.
 */
final class PageCommands {
  static final String MERGE_USAGE = "bin/bench --merge RESULTS_JSON [FILE]";
  static final String RENDER_USAGE = "bin/bench --render [FILE]";

  private final Path docsPage;
  private final int minRounds;
  private final List<String> order;
  private final PrintStream out;

  /**
   * Commands on pages whose sections go in {@code order} (benchmark names); {@code docsPage} takes
   * sections of at least {@code minRounds} rounds; sections and messages are printed to {@code
   * out}.
   */
  PageCommands(Path docsPage, int minRounds, List<String> order, PrintStream out) {
    this.docsPage = docsPage;
    this.minRounds = minRounds;
    this.order = List.copyOf(order);
    this.out = out;
  }

  /**
   * Refuses, before it runs, a benchmark's command line that cannot give docs/benchmarks.md a full
   * run. Publishing checks the rounds of what was measured in any case; this saves the wait.
   */
  void refuseShortRun(String name, List<String> args) {
    if (args.contains("--quick")) {
      throw new UsageException(
          "bin/bench "
              + name
              + ": --quick runs small sizes and few rounds, and "
              + docsPage
              + " takes full runs only (at least "
              + minRounds
              + " rounds); write a quick run to another page with --markdown FILE");
    }
    int r = args.indexOf("--rounds");
    if (r >= 0 && r + 1 < args.size()) {
      try {
        int rounds = Integer.parseInt(args.get(r + 1));
        if (rounds < minRounds) {
          throw new UsageException(
              String.format(
                  Locale.ROOT,
                  "bin/bench %s: --rounds %d is below the %d rounds %s takes; give --rounds %d or"
                      + " more, or write to another page with --markdown FILE",
                  name,
                  rounds,
                  minRounds,
                  docsPage,
                  minRounds));
        }
      } catch (NumberFormatException e) {
        // the benchmark's own BenchArgs reports it, with its usage
      }
    }
  }

  /**
   * {@code --merge}: sections measured into another page (a run elsewhere, or beside a long
   * report), merged in as if they had just run: compared with the sections they replace.
   */
  void merge(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2 || startsWithDashes(args)) {
      throw new UsageException(
          "bin/bench --merge: wants another page's results.json and, optionally, the page to merge"
              + " it into (default "
              + docsPage
              + "), got "
              + (args.length == 0 ? "nothing" : String.join(" ", args))
              + "; usage: "
              + MERGE_USAGE);
    }
    Path from = Paths.get(args[0]);
    Path page = args.length > 1 ? Paths.get(args[1]) : docsPage;
    if (!Files.isRegularFile(from)) {
      throw new UsageException(
          "bin/bench --merge: no such results file: " + from + "; usage: " + MERGE_USAGE);
    }
    if (samePath(from, ResultsPage.resultsFile(page))) {
      throw new UsageException(
          "bin/bench --merge: " + from + " is the results file of " + page + " itself");
    }
    List<Section> sections = ResultsPage.read(from);
    if (sections.isEmpty()) {
      throw new UsageException("bin/bench --merge: " + from + " holds no section");
    }
    publish(page, sections);
  }

  /** {@code --render}: the page and its charts again from its results.json, running nothing. */
  void render(String[] args) throws IOException {
    if (args.length > 1 || startsWithDashes(args)) {
      throw new UsageException(
          "bin/bench --render: takes at most the page (default "
              + docsPage
              + "), got "
              + String.join(" ", args)
              + "; usage: "
              + RENDER_USAGE);
    }
    Path page = args.length > 0 ? Paths.get(args[0]) : docsPage;
    Path json = ResultsPage.resultsFile(page);
    if (!Files.isRegularFile(json)) {
      throw new UsageException(
          "bin/bench --render: no results file "
              + json
              + " to render "
              + page
              + " from (bin/bench --report writes it)");
    }
    List<Section> sections = ResultsPage.render(page, order);
    out.println(
        "rendered "
            + page
            + " and its charts from "
            + json
            + ": "
            + sections.size()
            + " section(s)");
  }

  /**
   * Merges {@code sections} into {@code page} and prints them; the docs page refuses a section with
   * fewer than its rounds, printing it (what was measured is not lost) but writing nothing.
   */
  void publish(Path page, List<Section> sections) throws IOException {
    List<Section> published;
    try {
      published = ResultsPage.publish(page, sections, order, isDocsPage(page) ? minRounds : 1);
    } catch (ResultsPage.TooFewRoundsException e) {
      // What was measured is not lost: printed, though not written.
      for (Section s : sections) {
        out.println();
        out.println(ResultsPage.section(s, null));
      }
      throw new UsageException(
          "bin/bench: "
              + e.getMessage()
              + "; the sections are printed above and not written (rerun with --rounds "
              + minRounds
              + ", or write them to another page)");
    }
    for (Section s : published) {
      out.println();
      out.println(ResultsPage.section(s, null));
      out.println("written to " + page + " and " + ResultsPage.resultsFile(page));
    }
  }

  boolean isDocsPage(Path page) {
    return samePath(page, docsPage);
  }

  private static boolean samePath(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  private static boolean startsWithDashes(String[] args) {
    for (String a : args) {
      if (a.startsWith("--")) {
        return true;
      }
    }
    return false;
  }
}
