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

import dev.sluice.flume.benchmarks.amps.AmpsTestkitThroughput;
import dev.sluice.flume.benchmarks.amps.channel.AmpsChannelThroughput;
import dev.sluice.flume.benchmarks.amps.sink.AmpsSinkThroughput;
import dev.sluice.flume.benchmarks.amps.source.AmpsSourceThroughput;
import dev.sluice.flume.benchmarks.filesink.FileSinkThroughput;
import dev.sluice.flume.benchmarks.graphite.GraphitePollCost;
import dev.sluice.flume.benchmarks.handoff.HandoffComparison;
import dev.sluice.flume.benchmarks.hbase.EnrichmentCost;
import dev.sluice.flume.benchmarks.hbase.HBaseSerializerThroughput;
import dev.sluice.flume.benchmarks.kafka.KafkaHopThroughput;
import dev.sluice.flume.benchmarks.report.ResultsPage;
import dev.sluice.flume.benchmarks.report.Section;
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
 */
public final class BenchMain {
  /** Rounds of every benchmark in a full report. */
  static final int REPORT_ROUNDS = 5;

  static final Path PAGE = Paths.get("docs", "benchmarks.md");
  static final Path QUICK_PAGE = Paths.get("benchmarks", "target", "quick-report", "benchmarks.md");

  private static final class Entry {
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
  }

  private static void add(String name, Benchmark b, String about) {
    BENCHMARKS.put(name, new Entry(b, about));
  }

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    // The charts are drawn with AWT into SVG; no display is needed or wanted.
    System.setProperty("java.awt.headless", "true");
    if (args.length == 0) {
      usage();
      return;
    }
    if (args[0].equals("--report")) {
      System.exit(report(Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args[0].equals("--merge")) {
      // Sections measured into another page (a run elsewhere, or beside a long report), merged
      // in as if they had just run: compared with the sections they replace.
      if (args.length < 2 || args.length > 3) {
        throw new IllegalArgumentException("usage: bin/bench --merge RESULTS_JSON [PAGE]");
      }
      Path page = args.length > 2 ? Paths.get(args[2]) : PAGE;
      publish(page, ResultsPage.read(Paths.get(args[1])));
      return;
    }
    if (args[0].equals("--render")) {
      Path page = args.length > 1 ? Paths.get(args[1]) : PAGE;
      List<Section> sections = ResultsPage.render(page, new ArrayList<>(BENCHMARKS.keySet()));
      System.out.println(
          "rendered "
              + page
              + " and its charts from "
              + ResultsPage.resultsFile(page)
              + ": "
              + sections.size()
              + " section(s)");
      return;
    }
    Entry e = BENCHMARKS.get(args[0]);
    if (e == null) {
      usage();
      throw new IllegalArgumentException("no benchmark named " + args[0]);
    }
    List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
    Path page = null;
    int m = rest.indexOf("--markdown");
    if (m >= 0) {
      if (m + 1 >= rest.size()) {
        throw new IllegalArgumentException("--markdown needs a file, e.g. docs/benchmarks.md");
      }
      page = Paths.get(rest.get(m + 1));
      rest.subList(m, m + 2).clear();
    }
    Section s = e.benchmark.run(rest.toArray(new String[0]));
    if (page == null) {
      System.out.println();
      System.out.println(ResultsPage.section(s, null));
    } else {
      publish(page, List.of(s));
    }
  }

  private static void usage() {
    System.out.println("usage: bin/bench NAME [ARGS...] [--markdown FILE]");
    System.out.println("       bin/bench --report [--only NAME,NAME...] [--quick] [--page FILE]");
    System.out.println("       bin/bench --merge RESULTS_JSON [FILE]");
    System.out.println("       bin/bench --render [FILE]");
    for (Map.Entry<String, Entry> b : BENCHMARKS.entrySet()) {
      System.out.printf(Locale.ROOT, "  %-18s %s%n", b.getKey(), b.getValue().about);
    }
  }

  /** {@code --report}: runs the benchmarks one after another, merging each into the page. */
  private static int report(String[] args) throws Exception {
    BenchArgs a =
        BenchArgs.parse(
            "--report",
            args,
            List.of("--only", "--page"),
            List.of("--quick"),
            "[--only NAME,NAME...] [--quick] [--page FILE]");
    boolean quick = a.flag("--quick");
    Path page = a.path("--page");
    if (page == null) {
      page = quick ? QUICK_PAGE : PAGE;
    }
    List<String> names = new ArrayList<>(BENCHMARKS.keySet());
    String only = a.text("--only", null);
    if (only != null) {
      names.clear();
      for (String n : only.split(",")) {
        if (!BENCHMARKS.containsKey(n.trim())) {
          throw a.error("no benchmark named " + n.trim() + "; known: " + BENCHMARKS.keySet());
        }
        names.add(n.trim());
      }
    }
    List<String> failed = new ArrayList<>();
    long start = System.nanoTime();
    for (String name : names) {
      String[] benchArgs =
          quick ? new String[] {"--quick"} : new String[] {"--rounds", "" + REPORT_ROUNDS};
      System.out.printf(
          Locale.ROOT,
          "%n===== bin/bench %s %s (%s)%n",
          name,
          String.join(" ", benchArgs),
          BENCHMARKS.get(name).about);
      long t0 = System.nanoTime();
      try {
        Section s = BENCHMARKS.get(name).benchmark.run(benchArgs);
        // Merged at once: a report cut short still leaves what it measured on the page.
        publish(page, List.of(s));
      } catch (Exception | Error e) {
        System.out.println("===== " + name + " FAILED: " + e);
        e.printStackTrace(System.out);
        failed.add(name);
      }
      System.out.printf(
          Locale.ROOT, "===== %s took %.1f min%n", name, (System.nanoTime() - t0) / 60e9);
    }
    System.out.printf(
        Locale.ROOT,
        "%nreport: %d benchmark(s) in %.1f min, page %s%s%n",
        names.size(),
        (System.nanoTime() - start) / 60e9,
        page,
        failed.isEmpty() ? "" : "; FAILED (not on the page): " + failed);
    return failed.isEmpty() ? 0 : 1;
  }

  private static void publish(Path page, List<Section> sections) throws Exception {
    List<Section> published =
        ResultsPage.publish(page, sections, new ArrayList<>(BENCHMARKS.keySet()));
    for (Section s : published) {
      System.out.println();
      System.out.println(ResultsPage.section(s, null));
      System.out.println("written to " + page + " and " + ResultsPage.resultsFile(page));
    }
  }
}
