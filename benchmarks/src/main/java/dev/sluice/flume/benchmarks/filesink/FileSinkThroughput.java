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
package dev.sluice.flume.benchmarks.filesink;

import dev.sluice.flume.benchmarks.Alternation;
import dev.sluice.flume.benchmarks.BenchArgs;
import dev.sluice.flume.benchmarks.WorkDirs;
import dev.sluice.flume.benchmarks.filesink.FileSinkRuns.Run;
import dev.sluice.flume.benchmarks.filesink.FileSinkRuns.Scenario;
import dev.sluice.flume.benchmarks.filesink.FileSinkRuns.Writer;
import dev.sluice.flume.benchmarks.report.Goal;
import dev.sluice.flume.benchmarks.report.Section;
import dev.sluice.flume.benchmarks.report.Series;
import dev.sluice.flume.benchmarks.report.Workload;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The header-filename sink beside what a Flume user would run instead, in one JVM and one run, on
 * the same disk, each pair with the same events, channel and batch:
 *
 * <ul>
 *   <li>one file: Flume 1.11's {@code file_roll} ({@code rollInterval = 0});
 *   <li>100 and 10,000 distinct paths: Flume 1.11's HDFS sink writing to the local file system
 *       ({@code hdfs.path = file:///.../%{dir}}, {@code hdfs.filePrefix = %{name}}, {@code
 *       DataStream}, text), the sink a user picks today for header-named files; event {@code i}
 *       names file {@code i mod N}, the worst locality;
 *   <li>{@code sink.sync = true} (an fsync per touched file per batch): {@code dd oflag=dsync}
 *       writing the same bytes one batch per {@code write}, the disk's limit ({@code file_roll} and
 *       the HDFS sink on a local disk cannot fsync).
 * </ul>
 *
 * <p>Every scenario runs once in full first, on at most 100 files (the same warm-up for all sides,
 * not recorded): with a warm-up of a fifth of the multi-file count, the first recorded one-file
 * round drained its 4,000,000 events at about half the rate of the later rounds, on both sides, in
 * two runs. Then each round runs every scenario, in reverse order every other round so drift on the
 * shared machine favours no side. Each sink is timed and its CPU taken by the same observer ({@link
 * FileSinkRuns}). Usage:
 *
 * <pre>
 * bin/bench file-sink [--events N] [--one-file-events N] [--body-bytes B] [--rounds R] [--dir DIR]
 *                     [--quick] [--only LABEL;LABEL...]
 * </pre>
 *
 * <p>{@code --events} (500,000) is the events of a run on 100 or 10,000 files, {@code
 * --one-file-events} (4,000,000) those of a run on one file and of {@code dd}: more, because a
 * one-file run is fast, and a run of a fraction of a second measures mostly the machine's noise.
 *
 * <p>{@code --only} runs the scenarios whose labels start with one of the given texts (to profile
 * one side, for example {@code --only "header-filename, 1 file"}); workloads missing a side are
 * left out.
 */
public final class FileSinkThroughput {
  static final String TITLE = "Header-filename sink";

  private static final Scenario FILE_ROLL_1 = new Scenario(Writer.FILE_ROLL, 1, false);
  private static final Scenario OURS_1 = new Scenario(Writer.OURS, 1, false);
  private static final Scenario HDFS_100 = new Scenario(Writer.HDFS, 100, false);
  private static final Scenario OURS_100 = new Scenario(Writer.OURS, 100, false);
  private static final Scenario HDFS_10K = new Scenario(Writer.HDFS, 10_000, false);
  private static final Scenario OURS_10K = new Scenario(Writer.OURS, 10_000, false);
  private static final Scenario DD = new Scenario(Writer.DD, 1, false);
  private static final Scenario DD_SYNC = new Scenario(Writer.DD, 1, true);
  private static final Scenario OURS_1_SYNC = new Scenario(Writer.OURS, 1, true);

  /**
   * In the order run (reversed every other round): each pair side by side. Not 100 files with
   * {@code sync = true}: an fsync per file per batch, 50,000 of them a round, took minutes a round
   * on the shared machine for a figure with no goal.
   */
  static final List<Scenario> SCENARIOS =
      List.of(
          FILE_ROLL_1, OURS_1, HDFS_100, OURS_100, HDFS_10K, OURS_10K, DD, DD_SYNC, OURS_1_SYNC);

  private FileSinkThroughput() {}

  public static Section run(String[] args) throws Exception {
    BenchArgs a =
        BenchArgs.parse(
            "file-sink",
            args,
            List.of("--events", "--one-file-events", "--body-bytes", "--rounds", "--dir", "--only"),
            List.of("--quick"),
            "[--events N] [--one-file-events N] [--body-bytes B] [--rounds R] [--dir DIR]"
                + " [--quick] [--only LABEL;LABEL...]");
    boolean quick = a.flag("--quick");
    int events = a.positive("--events", quick ? 50_000 : 500_000);
    int oneFileEvents = a.positive("--one-file-events", quick ? 500_000 : 4_000_000);
    int bodyBytes = a.positive("--body-bytes", 200);
    int rounds = a.positive("--rounds", 5);
    Path dir = a.path("--dir");
    if (dir == null) {
      dir =
          Files.createTempDirectory(
              Files.createDirectories(Paths.get("benchmarks", "target").toAbsolutePath()),
              "filesink-bench");
    }
    String only = a.text("--only", null);
    List<Scenario> scenarios = new ArrayList<>();
    for (Scenario s : SCENARIOS) {
      if (only == null
          || List.of(only.split(";")).stream().anyMatch(o -> s.label().startsWith(o.trim()))) {
        scenarios.add(s);
      }
    }
    if (scenarios.isEmpty()) {
      throw a.error(
          "--only matches no scenario; there are "
              + SCENARIOS.stream().map(Scenario::label).collect(Collectors.toList()));
    }
    Section.Recorder section = Section.begin("file-sink", TITLE, a.command());
    FileSinkRuns w = new FileSinkRuns(events, oneFileEvents, bodyBytes, dir);
    Map<Scenario, List<Run>> runs = measure(w, scenarios, rounds, System.out);
    describe(section, events, oneFileEvents, bodyBytes, rounds);
    addWorkloads(section, runs);
    WorkDirs.deleteTree(dir.resolve("run"));
    return section.end();
  }

  private static Map<Scenario, List<Run>> measure(
      FileSinkRuns w, List<Scenario> scenarios, int rounds, PrintStream out) throws Exception {
    out.printf(
        Locale.ROOT,
        "file sink benchmark: %,d events (%,d on one file), each scenario warmed up by one full"
            + " run on at most 100 files, %d rounds%n",
        w.events(),
        w.events(FILE_ROLL_1),
        rounds);
    for (Scenario s : scenarios) {
      // The same code on at most 100 files: opening 10,000 files only to warm up would cost the
      // HDFS sink (a chmod child process per file: Hadoop without its native library) minutes.
      Scenario warm = new Scenario(s.writer, Math.min(s.files, 100), s.sync);
      w.run(warm, w.events(warm));
    }
    Map<Scenario, List<Run>> runs = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      List<Scenario> order = Alternation.orderOf(round, scenarios);
      for (Scenario s : order) {
        Run r = w.run(s, w.events(s));
        runs.computeIfAbsent(s, k -> new ArrayList<>()).add(r);
        out.printf("round %d: %s: %s%n", round + 1, s.label(), r);
      }
    }
    return runs;
  }

  private static void describe(
      Section.Recorder section, int events, int oneFileEvents, int bodyBytes, int rounds) {
    section.description(
        String.format(
            Locale.ROOT,
            "The header-filename sink beside what a Flume user would run instead, in the"
                + " benchmark's JVM, on the same disk: Flume 1.11's `file_roll` for one file; Flume"
                + " 1.11's HDFS sink on the local file system for 100 and 10,000 header-named files"
                + " (`hdfs.path = file:///.../%%{dir}`, `hdfs.filePrefix = %%{name}`, `DataStream`,"
                + " `hdfs.useRawLocalFileSystem = true`, the same open-file cap; Hadoop 3.4.1"
                + " without its native library, so it runs `chmod` as a child process for every"
                + " file it creates, as in a Flume install given Hadoop's jars only); `dd` writing"
                + " the same bytes, one write per batch, as the disk's limit (`oflag=dsync`"
                + " against `sync = true`, which neither Flume sink can do on a local disk). Each"
                + " run fills a memory channel with the same %,d events (%,d for one file and"
                + " `dd`, so that a one-file run lasts about a second, not 0.2 s; a body of %d ASCII"
                + " characters; the `text` serializer adds a newline; event `i` names file `i mod"
                + " N`, the worst locality; the events of one file share one instance of each"
                + " header value, where a source that deserialises events makes new ones, which"
                + " spares a sink that hashes or compares the value some work per event: ours reads"
                + " the path header, `file_roll` no header) and times one sink from `start()` through draining to"
                + " `stop()` (files finished), `batchSize = %d`; filling the channel is not timed,"
                + " and the previous run's dirty pages are synced first. CPU per event is the"
                + " benchmark JVM's (every thread: the HDFS sink's call pool too) over the same"
                + " span. Every scenario is warmed up alike by one full run, not recorded, on at"
                + " most 100 files (with a shorter warm-up the first one-file round ran at about"
                + " half the later rounds' rate on both sides); the %d rounds run the scenarios in"
                + " turn, reversed every other round.",
            events,
            oneFileEvents,
            bodyBytes,
            FileSinkRuns.BATCH,
            rounds));
  }

  private static void addWorkloads(Section.Recorder section, Map<Scenario, List<Run>> runs) {
    pair(section, "1 file", runs, OURS_1, FILE_ROLL_1, Goal.ratioAtLeast(1.4));
    pair(section, "100 files", runs, OURS_100, HDFS_100, Goal.ratioAtLeast(2.0));
    pair(section, "10,000 files", runs, OURS_10K, HDFS_10K, Goal.ratioAtLeast(2.0));
    bytes(section, "1 file, sync = true vs dd oflag=dsync", runs, OURS_1_SYNC, DD_SYNC, 0.6);
    bytes(section, "1 file vs dd, no fsync (reference)", runs, OURS_1, DD, 0);
  }

  /** Events/s with the goal, and CPU per event (lower is better), of ours against an anchor. */
  private static void pair(
      Section.Recorder section,
      String name,
      Map<Scenario, List<Run>> runs,
      Scenario ours,
      Scenario anchor,
      Goal goal) {
    if (!runs.containsKey(ours) || !runs.containsKey(anchor)) {
      return;
    }
    section.add(
        Workload.of(name, "events/s")
            .anchor(anchor.label(), series(runs.get(anchor), Run::eventsPerSecond))
            .ours(ours.label(), series(runs.get(ours), Run::eventsPerSecond))
            .goal(goal)
            .build());
    section.add(
        Workload.of(name + ": CPU", "CPU µs per event")
            .lowerIsBetter()
            .anchor(anchor.label(), series(runs.get(anchor), Run::cpuMicrosPerEvent))
            .ours(ours.label(), series(runs.get(ours), Run::cpuMicrosPerEvent))
            .build());
  }

  /** MB/s of ours against dd; {@code goal} 0 for none. */
  private static void bytes(
      Section.Recorder section,
      String name,
      Map<Scenario, List<Run>> runs,
      Scenario ours,
      Scenario anchor,
      double goal) {
    if (!runs.containsKey(ours) || !runs.containsKey(anchor)) {
      return;
    }
    Workload.Builder b =
        Workload.of(name, "MB/s")
            .anchor(anchor.label(), series(runs.get(anchor), Run::megabytesPerSecond))
            .ours(ours.label(), series(runs.get(ours), Run::megabytesPerSecond));
    if (goal > 0) {
      b.goal(Goal.ratioAtLeast(goal));
    }
    section.add(b.build());
  }

  private static Series series(List<Run> runs, ToDoubleFunction<Run> f) {
    Series s = new Series();
    for (Run r : runs) {
      s.add(f.applyAsDouble(r));
    }
    return s;
  }
}
