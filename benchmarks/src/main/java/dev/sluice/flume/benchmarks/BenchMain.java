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
import dev.sluice.flume.benchmarks.amps.AmpsTestkitThroughput;
import dev.sluice.flume.benchmarks.amps.channel.AmpsChannelThroughput;
import dev.sluice.flume.benchmarks.amps.sink.AmpsSinkThroughput;
import dev.sluice.flume.benchmarks.amps.source.AmpsSourceThroughput;
import dev.sluice.flume.benchmarks.demo.DemoThroughput;
import dev.sluice.flume.benchmarks.filesink.FileSinkThroughput;
import dev.sluice.flume.benchmarks.graphite.GraphitePollCost;
import dev.sluice.flume.benchmarks.handoff.HandoffComparison;
import dev.sluice.flume.benchmarks.hbase.EnrichmentCost;
import dev.sluice.flume.benchmarks.hbase.HBaseSerializerThroughput;
import dev.sluice.flume.benchmarks.kafka.KafkaHopThroughput;
import dev.sluice.flume.benchmarks.report.ResultsPage;
import dev.sluice.flume.benchmarks.report.Section;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/bench}: runs Sluice's benchmarks, each ours beside its anchor in the same run, and
 * writes the results page.
 *
 * <pre>
 * bin/bench                                  lists the benchmarks
 * bin/bench NAME [ARGS...] [--markdown FILE] runs one with its own arguments, prints its section
 *                                            and, with --markdown, merges it into that page
 * bin/bench --report [--only A,B] [--quick] [--page FILE]
 *                                            runs every benchmark (or those named) with at least
 *                                            {@value #REPORT_ROUNDS} rounds and merges them into
 *                                            docs/benchmarks.md, its results.json and charts;
 *                                            --quick: small sizes and 2 rounds, written under
 *                                            benchmarks/target/quick-report/ unless --page is given
 * bin/bench --merge RESULTS_JSON [FILE]      merges the sections of another page's results.json
 *                                            into the page, each compared with the one it replaces
 * bin/bench --render [FILE]                  renders the page (docs/benchmarks.md) and its charts
 *                                            again from its results.json, running nothing
 * </pre>
 *
 * <p>docs/benchmarks.md takes full runs only: a section written into it needs at least {@value
 * #REPORT_ROUNDS} rounds of every workload, and {@code --quick} is refused there (the "at
 * least 5 rounds"; another page takes anything). A command line that cannot run prints what is
 * wrong and exits with {@value #USAGE_EXIT}; a report with a failed benchmark exits with 1.
 */
public final class BenchMain {
  /** Rounds of every benchmark in a full report, and the least docs/benchmarks.md takes. */
  static final int REPORT_ROUNDS = 5;

  /** The exit code of a command line bin/bench cannot run. */
  static final int USAGE_EXIT = 2;

  static final Path PAGE = Paths.get("docs", "benchmarks.md");
  static final Path QUICK_PAGE = Paths.get("benchmarks", "target", "quick-report", "benchmarks.md");

  private static final String USAGE =
      "bin/bench [NAME [ARGS...] [--markdown FILE]"
          + " | --report [--only NAME,NAME...] [--quick] [--page FILE]"
          + " | --merge RESULTS_JSON [FILE] | --render [FILE]]";
  private static final String REPORT_USAGE = "[--only NAME,NAME...] [--quick] [--page FILE]";

  /** A benchmark and what it measures, as the listing shows it. */
  static final class Entry {
    final Benchmark benchmark;
    final String about;

    Entry(Benchmark benchmark, String about) {
      this.benchmark = benchmark;
      this.about = about;
    }
  }

  /** Every benchmark, in the order of the report. */
  private static final Map<String, Entry> BENCHMARKS = new LinkedHashMap<>();

  static {
    add(
        "handoff",
        HandoffComparison::run,
        "common's HandoffBuffer vs ArrayBlockingQueue drained in batches (JMH)");
    add(
        "amps-testkit",
        AmpsTestkitThroughput::run,
        "the AMPS testkit server (real client to real subscriber) vs a plain socket relay");
    add(
        "amps-source",
        AmpsSourceThroughput::run,
        "a real agent with the AMPS source vs the raw amps-client subscribing");
    add(
        "amps-sink",
        AmpsSinkThroughput::run,
        "a real agent with the AMPS sink vs the raw amps-client publishing");
    add(
        "file-sink",
        FileSinkThroughput::run,
        "the header-filename sink vs file_roll, Flume's HDFS sink on file://, and dd");
    add(
        "graphite",
        GraphitePollCost::run,
        "CPU of one Graphite poll-and-send of 100 components vs one HTTPMetricsServer scrape");
    add(
        "hbase-serializers",
        HBaseSerializerThroughput::run,
        "HBase2Sink with ours vs Flume's regex serializer, and AsyncHBaseSink with ours");
    add(
        "enrichment",
        EnrichmentCost::run,
        "the enrichment interceptor (cold, warm cache) vs a Get per event and no interceptor");
    add(
        "kafka-hop",
        KafkaHopThroughput::run,
        "the tier hop through Flume's Kafka channel vs file channel + Avro sink/source");
    add(
        "amps-channel",
        AmpsChannelThroughput::run,
        "amps-channel on the testkit vs Flume's file and memory channels, in one agent");
    add(
        "demo",
        DemoThroughput::run,
        "the demo end to end vs its publisher's rate, and with each tier's channel swapped");
  }

  private static void add(String name, Benchmark b, String about) {
    BENCHMARKS.put(name, new Entry(b, about));
  }

  private final Map<String, Entry> benchmarks;
  private final Path docsPage;
  private final Path quickPage;
  private final PrintStream out;
  private final PageCommands pages;

  /**
   * {@code bin/bench} over {@code benchmarks} (in the order of the report): {@code docsPage} is the
   * published page (full runs only), {@code quickPage} where {@code --report --quick} writes;
   * listings, progress and sections go to {@code out}.
   */
  BenchMain(Map<String, Entry> benchmarks, Path docsPage, Path quickPage, PrintStream out) {
    this.benchmarks = benchmarks;
    this.docsPage = docsPage;
    this.quickPage = quickPage;
    this.out = out;
    this.pages =
        new PageCommands(docsPage, REPORT_ROUNDS, new ArrayList<>(benchmarks.keySet()), out);
  }

  public static void main(String[] args) throws Exception {
    // The charts are drawn with AWT into SVG; no display is needed or wanted.
    System.setProperty("java.awt.headless", "true");
    int exit;
    try {
      exit = new BenchMain(BENCHMARKS, PAGE, QUICK_PAGE, System.out).run(args);
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      exit = USAGE_EXIT;
    }
    System.exit(exit);
  }

  /**
   * Runs one command line; returns the exit code (0, or 1 when a benchmark of a report failed).
   *
   * @throws UsageException when the command line cannot run, saying why and how it is used
   */
  int run(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help")) {
      usage();
      return 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "--report":
        return report(rest);
      case "--merge":
        pages.merge(rest);
        return 0;
      case "--render":
        pages.render(rest);
        return 0;
      default:
        runOne(args[0], rest);
        return 0;
    }
  }

  private void usage() {
    out.println("usage: bin/bench NAME [ARGS...] [--markdown FILE]");
    out.println("       bin/bench --report " + REPORT_USAGE);
    out.println("       " + PageCommands.MERGE_USAGE);
    out.println("       " + PageCommands.RENDER_USAGE);
    for (Map.Entry<String, Entry> b : benchmarks.entrySet()) {
      out.printf(Locale.ROOT, "  %-18s %s%n", b.getKey(), b.getValue().about);
    }
  }

  /** {@code bin/bench NAME [ARGS...] [--markdown FILE]}. */
  private void runOne(String name, String[] args) throws Exception {
    Entry e = benchmarks.get(name);
    if (e == null) {
      throw new UsageException(
          "bin/bench: "
              + (name.startsWith("-") ? "unknown option " : "no benchmark named ")
              + name
              + "; known benchmarks: "
              + known()
              + " (bin/bench alone lists what each measures); usage: "
              + USAGE);
    }
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    Path page = null;
    int m = rest.indexOf("--markdown");
    if (m >= 0) {
      if (m + 1 >= rest.size() || rest.get(m + 1).startsWith("--")) {
        throw new UsageException(
            "bin/bench "
                + name
                + ": --markdown needs a file, e.g. --markdown "
                + docsPage
                + "; usage: bin/bench NAME [ARGS...] [--markdown FILE]");
      }
      page = Paths.get(rest.get(m + 1));
      rest.subList(m, m + 2).clear();
      if (rest.contains("--markdown")) {
        throw new UsageException("bin/bench " + name + ": --markdown is given twice");
      }
      if (pages.isDocsPage(page)) {
        pages.refuseShortRun(name, rest);
      }
    }
    Section s = e.benchmark.run(rest.toArray(new String[0]));
    if (page == null) {
      out.println();
      out.println(ResultsPage.section(s, null));
    } else {
      pages.publish(page, List.of(s));
    }
  }

  /** {@code --report}: runs the benchmarks one after another, merging each into the page. */
  private int report(String[] args) throws Exception {
    BenchArgs a =
        BenchArgs.parse(
            "--report",
            args,
            List.of("--only", "--page"),
            List.of("--quick"),
            "bin/bench --report " + REPORT_USAGE);
    boolean quick = a.flag("--quick");
    Path page = a.path("--page");
    if (page == null) {
      page = quick ? quickPage : docsPage;
    } else if (quick && pages.isDocsPage(page)) {
      throw a.error(
          "--quick runs small sizes and 2 rounds, and "
              + docsPage
              + " takes full runs only; leave out --page (the quick page is "
              + quickPage
              + ") or name another page");
    }
    List<String> names = new ArrayList<>(benchmarks.keySet());
    String only = a.text("--only", null);
    if (only != null) {
      names.clear();
      for (String n : only.split(",", -1)) {
        String name = n.trim();
        if (!benchmarks.containsKey(name)) {
          throw a.error(
              (name.isEmpty() ? "--only has an empty name" : "no benchmark named " + name)
                  + " in --only "
                  + only
                  + "; known benchmarks: "
                  + known());
        }
        if (names.contains(name)) {
          throw a.error(name + " is named twice in --only " + only);
        }
        names.add(name);
      }
    }
    List<String> failed = new ArrayList<>();
    long start = System.nanoTime();
    for (String name : names) {
      String[] benchArgs =
          quick ? new String[] {"--quick"} : new String[] {"--rounds", "" + REPORT_ROUNDS};
      out.printf(
          Locale.ROOT,
          "%n===== bin/bench %s %s (%s)%n",
          name,
          String.join(" ", benchArgs),
          benchmarks.get(name).about);
      long t0 = System.nanoTime();
      try {
        Section s = benchmarks.get(name).benchmark.run(benchArgs);
        // Merged at once: a report cut short still leaves what it measured on the page.
        pages.publish(page, List.of(s));
      } catch (Exception | Error e) {
        out.println("===== " + name + " FAILED: " + e);
        e.printStackTrace(out);
        failed.add(name);
      }
      out.printf(Locale.ROOT, "===== %s took %.1f min%n", name, (System.nanoTime() - t0) / 60e9);
    }
    out.printf(
        Locale.ROOT,
        "%nreport: %d benchmark(s) in %.1f min, page %s%s%n",
        names.size(),
        (System.nanoTime() - start) / 60e9,
        page,
        failed.isEmpty() ? "" : "; FAILED (not on the page): " + failed);
    return failed.isEmpty() ? 0 : 1;
  }

  private String known() {
    return String.join(", ", benchmarks.keySet());
  }
}
