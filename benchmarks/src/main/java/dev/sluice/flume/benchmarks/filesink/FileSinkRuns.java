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
import dev.sluice.flume.benchmarks.WorkDirs;
import dev.sluice.flume.sink.file.HeaderFilenameSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * One measured run of the file sink benchmark: a sink (ours, {@code file_roll} or the HDFS sink)
 * draining a memory channel filled with the same events, or {@code dd} writing the same bytes.
 *
 * <p>Every sink is measured by the same observer in this JVM: the channel is filled first (not
 * timed), then the wall time and this process's CPU time (all threads: the HDFS sink's call pool,
 * GC and JIT included, for every side alike) run from the sink's {@code start()} through draining
 * to {@code stop()}, which closes and renames its files. The bytes in the finished files are then
 * checked against what was sent.
 */
final class FileSinkRuns {
  static final int BATCH = 1000;

  /** One run: events and bytes written in how long, at what CPU (0 for dd, not measured). */
  static final class Run {
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

    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "%,d events in %.2f s = %,.0f events/s, %.1f MB/s, %.2f CPU µs/event",
          events,
          seconds,
          eventsPerSecond(),
          megabytesPerSecond(),
          cpuMicrosPerEvent());
    }
  }

  /** Who writes. */
  enum Writer {
    FILE_ROLL("file_roll"),
    OURS("header-filename"),
    HDFS("HDFS sink (file://)"),
    DD("dd");

    final String label;

    Writer(String label) {
      this.label = label;
    }
  }

  /** One scenario: a writer, how many distinct files the events name, and whether to fsync. */
  static final class Scenario {
    final Writer writer;
    final int files;
    final boolean sync;

    Scenario(Writer writer, int files, boolean sync) {
      this.writer = writer;
      this.files = files;
      this.sync = sync;
    }

    String label() {
      if (writer == Writer.DD) {
        return sync ? "dd oflag=dsync" : "dd, no fsync";
      }
      return String.format(
          "%s, %,d %s%s", writer.label, files, files == 1 ? "file" : "files", sync ? ", sync" : "");
    }
  }

  private final int events;
  private final int oneFileEvents;
  private final int bodyBytes;
  private final Path dir;
  private final Map<Integer, List<Event>> eventsByFiles = new HashMap<>();

  /**
   * @param events the events of a run on more than one file
   * @param oneFileEvents the events of a run on one file (and of dd): more, since a one-file run is
   *     fast and a run of a fraction of a second is mostly noise on a shared machine
   */
  FileSinkRuns(int events, int oneFileEvents, int bodyBytes, Path dir) {
    this.events = events;
    this.oneFileEvents = oneFileEvents;
    this.bodyBytes = bodyBytes;
    this.dir = dir;
  }

  /** The events of a run on more than one file. */
  int events() {
    return events;
  }

  /** The events of a full run of the scenario. */
  int events(Scenario s) {
    return s.files == 1 ? oneFileEvents : events;
  }

  /**
   * Runs a scenario once with its first {@code count} events (at most {@link #events(Scenario)}).
   */
  Run run(Scenario s, int count) throws Exception {
    switch (s.writer) {
      case DD:
        return dd(s, count);
      case FILE_ROLL:
        return drain(s, fileRoll(), count);
      case HDFS:
        return drain(s, hdfs(s.files), count);
      default:
        return drain(s, ours(s.files, s.sync), count);
    }
  }

  /**
   * Event {@code i} names file {@code i mod files} (the worst locality: a batch touches up to
   * {@code BATCH} files), in one of 100 directories, through three headers: "file" (ours), "dir"
   * and "name" (the HDFS sink's path and file prefix). Every scenario gets the same headers, so
   * each sink carries the same events.
   */
  private List<Event> eventsFor(int files) {
    return eventsByFiles.computeIfAbsent(files, this::makeEvents);
  }

  private List<Event> makeEvents(int files) {
    int count = files == 1 ? oneFileEvents : events;
    // The header values of each file once (millions of events on one file would otherwise hold
    // millions of copies of the same three strings). Not what a deserialising source delivers (new
    // strings per event, hash not yet computed): it spares a sink that reads the headers (ours, the
    // HDFS sink; not file_roll) some work per event, and the page's description says so.
    String[] dirs = new String[files];
    String[] names = new String[files];
    String[] paths = new String[files];
    for (int f = 0; f < files; f++) {
      dirs[f] = "svc-" + f % 100;
      names[f] = String.format("f-%05d.log", f);
      paths[f] = dirs[f] + "/" + names[f];
    }
    List<Event> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String seq = Integer.toString(i);
      StringBuilder body = new StringBuilder(bodyBytes).append(seq).append(' ');
      while (body.length() < bodyBytes) {
        body.append('x');
      }
      int f = i % files;
      Map<String, String> headers = new HashMap<>();
      headers.put("file", paths[f]);
      headers.put("dir", dirs[f]);
      headers.put("name", names[f]);
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

  /**
   * Flume 1.11's HDFS sink on the local file system, as a user writes header-named files with it
   * today: the same text serializer, batch and open-file cap as ours, no rolling, files named by
   * the {@code dir} and {@code name} headers. {@code hdfs.useRawLocalFileSystem} (the sink's own
   * key) skips Hadoop's checksum files: less work for the anchor than the default, and the default
   * would need two descriptors per open file, more than this machine's limit of 20,000 allows at
   * 10,000 files.
   */
  private Sink hdfs(int files) {
    Sink sink = new DefaultSinkFactory().create("bench", "hdfs");
    Map<String, String> c = new HashMap<>();
    c.put("hdfs.path", "file://" + runDir() + "/%{dir}");
    c.put("hdfs.filePrefix", "%{name}");
    c.put("hdfs.fileType", "DataStream");
    c.put("hdfs.writeFormat", "Text");
    c.put("serializer", "text");
    c.put("hdfs.batchSize", Integer.toString(BATCH));
    c.put("hdfs.rollInterval", "0");
    c.put("hdfs.rollSize", "0");
    c.put("hdfs.rollCount", "0");
    c.put("hdfs.maxOpenFiles", Integer.toString(Math.max(files, 1)));
    c.put("hdfs.useRawLocalFileSystem", "true");
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
      WorkDirs.deleteTree(p);
      return Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fills a memory channel with the events, then times the sink from start through stop. */
  private Run drain(Scenario s, Sink sink, int count) throws Exception {
    List<Event> list = eventsFor(s.files).subList(0, count);
    Channel channel = new DefaultChannelFactory().create("c", "memory");
    Map<String, String> c = new HashMap<>();
    c.put("capacity", Integer.toString(Math.max(count, BATCH)));
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
    settle();
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
    long expected = (long) count * (bodyBytes + 1);
    if (written != expected) {
      throw new IllegalStateException(
          s.label() + " wrote " + written + " bytes, expected " + expected);
    }
    return new Run(count, expected, seconds, cpu);
  }

  /** The disk's sequential write rate for the same bytes, one write per batch. */
  private Run dd(Scenario s, int count) throws Exception {
    long blockBytes = (long) BATCH * (bodyBytes + 1);
    long blocks = ((long) count + BATCH - 1) / BATCH;
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
    if (s.sync) {
      cmd.add("oflag=dsync");
    }
    settle();
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + output);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Run(count, blockBytes * blocks, seconds, 0);
  }

  /**
   * Before every timed run, alike for all sides: the previous run's garbage collected and its dirty
   * pages written back ({@code sync(1)}), so no run pays for its predecessor's writeback (an fsync
   * on ext4 can otherwise wait for other files' data in the same journal commit).
   */
  private static void settle() throws IOException, InterruptedException {
    System.gc();
    Process p = new ProcessBuilder("sync").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("sync failed");
    }
  }

  private static long cpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Bytes in finished files: names starting with a dot (lock file, in-use or checksum) left out.
   */
  private static long bytesUnder(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !p.getFileName().toString().endsWith(".tmp"))
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    }
  }
}
