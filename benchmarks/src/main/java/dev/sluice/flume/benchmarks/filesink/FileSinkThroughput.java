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
import dev.sluice.flume.benchmarks.agent.RunResult;
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
 * bin/bench                   # builds benchmarks/target/classpath.txt
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *   dev.sluice.flume.benchmarks.filesink.FileSinkThroughput [events] [bodyBytes] [rounds] [dir]
 * </pre>
 */
public final class FileSinkThroughput {
  private static final int BATCH = 1000;

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

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    int bodyBytes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path dir =
        args.length > 3
            ? Paths.get(args[3])
            : Files.createTempDirectory(Paths.get("target").toAbsolutePath(), "filesink-bench");
    new FileSinkThroughput(events, bodyBytes, dir).run(rounds, System.out);
  }

  private void run(int rounds, PrintStream out) throws Exception {
    out.printf(
        "file sink benchmark: %d events of %d body bytes, batch %d, %d rounds, under %s%n",
        events, bodyBytes, BATCH, rounds, dir);
    Map<String, List<RunResult>> noSync = new LinkedHashMap<>();
    Map<String, List<RunResult>> sync = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      // Alternate the order so drift on the shared machine does not favour one side.
      List<String> order = new ArrayList<>(Arrays.asList("anchor", "1", "100", "10000", "dd"));
      if (round % 2 == 1) {
        java.util.Collections.reverse(order);
      }
      for (String s : order) {
        switch (s) {
          case "anchor":
            add(noSync, drain("file_roll, 1 file", fileRoll(), eventsByFiles1));
            break;
          case "dd":
            add(noSync, dd("dd, no fsync", false));
            add(sync, dd("dd oflag=dsync", true));
            break;
          default:
            int files = Integer.parseInt(s);
            String label = "header-filename, " + files + (files == 1 ? " file" : " files");
            add(noSync, drain(label, ours(files, false), eventsFor(files)));
            if (files <= 100) {
              add(sync, drain(label + ", sync", ours(files, true), eventsFor(files)));
            }
            break;
        }
      }
      out.printf("round %d of %d done%n", round + 1, rounds);
    }
    print(out, "sync = false (flush per batch, no fsync)", noSync, "file_roll, 1 file");
    print(out, "sync = true (fsync per batch)", sync, null);
  }

  private static void add(Map<String, List<RunResult>> m, RunResult r) {
    m.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
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
  private RunResult drain(String label, Sink sink, List<Event> list) throws Exception {
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
    return new RunResult(label, events, expected, seconds, cpu, 0);
  }

  /** The disk's sequential write rate for the same bytes, one write per batch. */
  private RunResult dd(String label, boolean sync) throws Exception {
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
    return new RunResult(label, events, blockBytes * blocks, seconds, 0, 0);
  }

  private static void print(
      PrintStream out, String title, Map<String, List<RunResult>> runs, String anchorLabel) {
    RunResult anchor = anchorLabel == null ? null : RunResult.median(runs.get(anchorLabel));
    RunResult disk = null;
    for (Map.Entry<String, List<RunResult>> e : runs.entrySet()) {
      if (e.getKey().startsWith("dd")) {
        disk = RunResult.median(e.getValue());
      }
    }
    out.println();
    out.println("== " + title + ": medians");
    out.printf(
        "%-36s %12s %9s %12s %12s %11s%n",
        "run", "events/s", "MB/s", "CPU us/event", "vs file_roll", "of dd MB/s");
    List<String> labels = new ArrayList<>(runs.keySet());
    labels.sort(Comparator.comparing((String l) -> l.startsWith("dd") ? 1 : 0));
    for (String label : labels) {
      RunResult r = RunResult.median(runs.get(label));
      out.printf(
          "%-36s %12.0f %9.1f %12s %12s %10.0f%%%n",
          label,
          r.eventsPerSecond(),
          r.megabytesPerSecond(),
          r.cpuSeconds() > 0 ? String.format("%.2f", r.cpuSeconds() * 1e6 / r.events()) : "-",
          anchor == null
              ? "-"
              : String.format("%.2fx", r.eventsPerSecond() / anchor.eventsPerSecond()),
          disk == null ? 0 : 100 * r.megabytesPerSecond() / disk.megabytesPerSecond());
    }
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
