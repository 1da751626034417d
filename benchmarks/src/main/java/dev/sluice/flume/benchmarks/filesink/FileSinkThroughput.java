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

import com.sun.management.OperatingSystemMXBean;
import dev.sluice.flume.benchmarks.BenchArgs;
import dev.sluice.flume.benchmarks.report.Goal;
import dev.sluice.flume.benchmarks.report.Section;
import dev.sluice.flume.benchmarks.report.Series;
import dev.sluice.flume.benchmarks.report.Workload;
import dev.sluice.flume.sink.file.HeaderFilenameSink;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.Sink;
import org.apache.flume.Transaction;
import org.apache.flume.channel.DefaultChannelFactory;
import org.apache.flume.conf.Configurable;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.sink.DefaultSinkFactory;

/**
 * The header-filename sink beside Flume's {@code file_roll}, in one run, on the same disk.
 *
 * <p>Each run fills a memory channel with the same events (a body of {@code bodyBytes} ASCII
 * characters, the {@code text} serializer adds a newline) and times one sink draining it, from the
 * first {@code process()} to {@code stop()} (files closed and, for ours, renamed). Filling the
 * channel is not timed, so the figures are the sinks' own cost. Runs:
 *
 * <ul>
 *   <li>{@code file_roll}, one file: the anchor (Flume 1.11's {@code RollingFileSink}, {@code
 *       rollInterval = 0});
 *   <li>ours with one file, 100 files and 10,000 files (event {@code i} names file {@code i mod N},
 *       the worst locality: every batch touches up to {@code batchSize} files);
 *   <li>{@code dd} writing the same number of bytes, one write per batch's bytes, as the physical
 *       limit with the same sync policy: no fsync for {@code sync=false}, {@code oflag=dsync} for
 *       {@code sync=true} (which {@code file_roll} does not have, so that table has no anchor).
 * </ul>
 *
 * Scenarios alternate within each round, and each figure is the median of the rounds. Usage:
 *
 * <pre>
 * bin/bench file-sink [--events N] [--body-bytes B] [--rounds R] [--dir DIR] [--quick]
 * </pre>
 */
public final class FileSinkThroughput {
  static final String TITLE = "Header-filename sink";
  private static final int BATCH = 1000;
  private static final String FILE_ROLL = "file_roll, 1 file";
  private static final String DD = "dd, no fsync";
  private static final String DD_SYNC = "dd oflag=dsync";
  private static final String SYNC = ", sync";

  private final int events;
  private final int bodyBytes;
  private final Path dir;
  private final List<Event> eventsByFiles1;
  private final Map<Integer, List<Event>> eventsByFiles = new HashMap<>();

  private FileSinkThroughput(int events, int bodyBytes, Path dir) {
    this.events = events;
    this.bodyBytes = bodyBytes;
    this.dir = dir;
    this.eventsByFiles1 = makeEvents(1);
  }

  public static Section run(String[] args) throws Exception {
    BenchArgs a =
        BenchArgs.parse(
            "file-sink",
            args,
            List.of("--events", "--body-bytes", "--rounds", "--dir"),
            List.of("--quick"),
            "[--events N] [--body-bytes B] [--rounds R] [--dir DIR] [--quick]");
    boolean quick = a.flag("--quick");
    int events = a.positive("--events", quick ? 50_000 : 500_000);
    int bodyBytes = a.positive("--body-bytes", 200);
    int rounds = a.positive("--rounds", quick ? 2 : 5);
    Path dir = a.path("--dir");
    if (dir == null) {
      dir =
          Files.createTempDirectory(
              Files.createDirectories(Paths.get("benchmarks", "target").toAbsolutePath()),
              "filesink-bench");
    }
    Section.Recorder section = Section.begin("file-sink", TITLE, a.command());
    new FileSinkThroughput(events, bodyBytes, dir).run(section, rounds, System.out);
    return section.end();
  }

  private void run(Section.Recorder section, int rounds, PrintStream out) throws Exception {
    out.printf(
        "file sink benchmark: %d events of %d body bytes, batch %d, %d rounds, under %s%n",
        events, bodyBytes, BATCH, rounds, dir);
    Map<String, List<Run>> runs = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      // Alternate the order so drift on the shared machine does not favour one side.
      List<String> order = new ArrayList<>(Arrays.asList("anchor", "1", "100", "10000", "dd"));
      if (round % 2 == 1) {
        java.util.Collections.reverse(order);
      }
      for (String s : order) {
        switch (s) {
          case "anchor":
            add(runs, FILE_ROLL, drain(FILE_ROLL, fileRoll(), eventsByFiles1));
            break;
          case "dd":
            add(runs, DD, dd(false));
            add(runs, DD_SYNC, dd(true));
            break;
          default:
            int files = Integer.parseInt(s);
            String label = ours(files);
            add(runs, label, drain(label, ours(files, false), eventsFor(files)));
            if (files <= 100) {
              add(runs, label + SYNC, drain(label + SYNC, ours(files, true), eventsFor(files)));
            }
            break;
        }
      }
      out.printf("round %d of %d done%n", round + 1, rounds);
    }
    section.description(
        String.format(
            Locale.ROOT,
            "The header-filename sink beside Flume's `file_roll`, in the benchmark's JVM, on the"
                + " same disk. Each run fills a memory channel with the same %,d events (a body of"
                + " %d ASCII characters; the `text` serializer adds a newline) and times one sink"
                + " draining it, from the first `process()` to `stop()` (files closed and, for"
                + " ours, renamed), `batchSize = %d`; filling the channel is not timed. Ours writes"
                + " 1, 100 or 10,000 files (event `i` names file `i mod N`, the worst locality)."
                + " `dd` writes the same bytes, one write per batch, as the physical limit with the"
                + " same sync policy (no fsync, or `oflag=dsync` against `sync = true`). CPU per"
                + " event is the benchmark JVM's (`OperatingSystemMXBean`) over the drain. Runs"
                + " alternate within each of the %d rounds (reversed every other round).",
            events,
            bodyBytes,
            BATCH,
            rounds));
    String oneFile = ours(1);
    section.add(
        Workload.of("1 file", "events/s")
            .anchor(FILE_ROLL, series(runs.get(FILE_ROLL), Run::eventsPerSecond))
            .ours(oneFile, series(runs.get(oneFile), Run::eventsPerSecond))
            .goal(Goal.ratioAtLeast(1.4))
            .build());
    section.add(
        Workload.of("1 file: CPU", "CPU µs per event")
            .lowerIsBetter()
            .anchor(FILE_ROLL, series(runs.get(FILE_ROLL), Run::cpuMicrosPerEvent))
            .ours(oneFile, series(runs.get(oneFile), Run::cpuMicrosPerEvent))
            .build());
    for (int files : new int[] {100, 10_000}) {
      section.add(
          Workload.of(
                  String.format(
                      Locale.ROOT, "%,d files vs file_roll's 1 (not the same work)", files),
                  "events/s")
              .anchor(FILE_ROLL, series(runs.get(FILE_ROLL), Run::eventsPerSecond))
              .ours(ours(files), series(runs.get(ours(files)), Run::eventsPerSecond))
              .build());
    }
    section.add(
        Workload.of("1 file, sync = true vs dd oflag=dsync", "MB/s")
            .anchor(DD_SYNC, series(runs.get(DD_SYNC), Run::megabytesPerSecond))
            .ours(oneFile + SYNC, series(runs.get(oneFile + SYNC), Run::megabytesPerSecond))
            .goal(Goal.ratioAtLeast(0.6))
            .build());
    section.add(
        Workload.of("100 files, sync = true vs dd oflag=dsync", "MB/s")
            .anchor(DD_SYNC, series(runs.get(DD_SYNC), Run::megabytesPerSecond))
            .ours(ours(100) + SYNC, series(runs.get(ours(100) + SYNC), Run::megabytesPerSecond))
            .build());
    section.add(
        Workload.of("1 file vs dd, no fsync (reference)", "MB/s")
            .anchor(DD, series(runs.get(DD), Run::megabytesPerSecond))
            .ours(oneFile, series(runs.get(oneFile), Run::megabytesPerSecond))
            .build());
  }

  private static String ours(int files) {
    return "header-filename, " + files + (files == 1 ? " file" : " files");
  }

  private static Series series(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
    Series s = new Series();
    for (Run r : runs) {
      s.add(f.applyAsDouble(r));
    }
    return s;
  }

  private static void add(Map<String, List<Run>> m, String label, Run r) {
    m.computeIfAbsent(label, k -> new ArrayList<>()).add(r);
  }

  /** One drain (or dd run): events and bytes written in how long, at what CPU. */
  private static final class Run {
    final long events;
    final long bytes;
    final double seconds;
    final double cpuSeconds;

    Run(long events, long bytes, double seconds, double cpuSeconds) {
      this.events = events;
      this.bytes = bytes;
      this.seconds = seconds;
      this.cpuSeconds = cpuSeconds;
    }

    double eventsPerSecond() {
      return events / seconds;
    }

    double megabytesPerSecond() {
      return bytes / seconds / (1024.0 * 1024.0);
    }

    double cpuMicrosPerEvent() {
      return cpuSeconds * 1e6 / events;
    }
  }

  private List<Event> eventsFor(int files) {
    return files == 1 ? eventsByFiles1 : eventsByFiles.computeIfAbsent(files, this::makeEvents);
  }

  private List<Event> makeEvents(int files) {
    List<Event> list = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      String seq = Integer.toString(i);
      StringBuilder body = new StringBuilder(bodyBytes).append(seq).append(' ');
      while (body.length() < bodyBytes) {
        body.append('x');
      }
      Map<String, String> headers = new HashMap<>();
      headers.put("file", String.format("svc-%d/f-%05d.log", (i % files) % 100, i % files));
      list.add(EventBuilder.withBody(body.toString().getBytes(StandardCharsets.US_ASCII), headers));
    }
    return list;
  }

  private Sink fileRoll() {
    // Created by type name, as an agent does (and so javac never loads Flume's @GuardedBy).
    Sink sink = new DefaultSinkFactory().create("bench", "file_roll");
    Map<String, String> c = new HashMap<>();
    c.put("sink.directory", runDir().toString());
    c.put("sink.rollInterval", "0");
    c.put("sink.batchSize", Integer.toString(BATCH));
    c.put("sink.serializer", "text");
    configure(sink, c);
    return sink;
  }

  private Sink ours(int files, boolean sync) {
    HeaderFilenameSink sink = new HeaderFilenameSink();
    Map<String, String> c = new HashMap<>();
    c.put("sink.directory", runDir().toString());
    c.put("sink.rollInterval", "0");
    c.put("sink.batchSize", Integer.toString(BATCH));
    c.put("sink.serializer", "text");
    c.put("sink.maxOpenFiles", Integer.toString(Math.max(files, 1)));
    c.put("sink.sync", Boolean.toString(sync));
    configure(sink, c);
    return sink;
  }

  private static void configure(Sink sink, Map<String, String> settings) {
    sink.setName("bench");
    ((Configurable) sink).configure(new Context(settings));
  }

  private Path runDir() {
    Path p = dir.resolve("run");
    try {
      deleteTree(p);
      return Files.createDirectories(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Fills a memory channel with the events, then times the sink draining it and stopping. */
  private Run drain(String label, Sink sink, List<Event> list) throws Exception {
    Channel channel = new DefaultChannelFactory().create("c", "memory");
    Map<String, String> c = new HashMap<>();
    c.put("capacity", Integer.toString(events));
    c.put("transactionCapacity", Integer.toString(BATCH));
    c.put("keep-alive", "0");
    ((Configurable) channel).configure(new Context(c));
    channel.start();
    for (int i = 0; i < list.size(); i += BATCH) {
      Transaction tx = channel.getTransaction();
      tx.begin();
      for (Event e : list.subList(i, Math.min(list.size(), i + BATCH))) {
        channel.put(e);
      }
      tx.commit();
      tx.close();
    }
    sink.setChannel(channel);
    System.gc();
    long cpu0 = cpuNanos();
    long t0 = System.nanoTime();
    sink.start();
    while (sink.process() == Sink.Status.READY) {
      // drain
    }
    sink.stop();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (cpuNanos() - cpu0) / 1e9;
    channel.stop();
    long written = bytesUnder(dir.resolve("run"));
    long expected = (long) events * (bodyBytes + 1);
    if (written != expected) {
      throw new IllegalStateException(label + " wrote " + written + " bytes, expected " + expected);
    }
    return new Run(events, expected, seconds, cpu);
  }

  /** The disk's sequential write rate for the same bytes, one write per batch. */
  private Run dd(boolean sync) throws Exception {
    long blockBytes = (long) BATCH * (bodyBytes + 1);
    long blocks = ((long) events + BATCH - 1) / BATCH;
    Path target = runDir().resolve("dd.bin");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "dd",
                "if=/dev/zero",
                "of=" + target,
                "bs=" + blockBytes,
                "count=" + blocks,
                "status=none"));
    if (sync) {
      cmd.add("oflag=dsync");
    }
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + output);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Run(events, blockBytes * blocks, seconds, 0);
  }

  private static long cpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long bytesUnder(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .sum();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    }
  }
}
