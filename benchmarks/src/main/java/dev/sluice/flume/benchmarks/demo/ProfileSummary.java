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
package dev.sluice.flume.benchmarks.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the JFR recordings of one agent (one or more measured windows) and says where its time
 * went: CPU samples ({@code jdk.ExecutionSample}: a thread running Java code) per thread, the
 * frames with the most samples of their own, and the share of samples with a frame in Flume's file
 * channel, in Sluice's code and in Avro/Netty; the same shares of the native samples ({@code
 * jdk.NativeMethodSample}: a thread in native code, which includes waiting for a socket or an
 * {@code fsync}); and per thread the time JFR recorded it parked or in {@code Object.wait} ({@code
 * jdk.ThreadPark}, {@code jdk.JavaMonitorWait}), reading a socket ({@code jdk.SocketRead}), in
 * {@code fsync} ({@code jdk.FileForce}) and sleeping ({@code jdk.ThreadSleep}), each counting only
 * the events longer than the threshold of JFR's settings. Rendered as markdown by {@link
 * #markdown}; nothing in it is typed by hand.
 */
final class ProfileSummary {
  /** Frames counted per category: a sample is in a category when any of its frames is. */
  static final Map<String, List<String>> CATEGORIES = new LinkedHashMap<>();

  static {
    CATEGORIES.put(
        "Flume's file channel (`org.apache.flume.channel.file.*`)",
        List.of("org.apache.flume.channel.file."));
    CATEGORIES.put("Sluice (`dev.sluice.*`)", List.of("dev.sluice."));
    CATEGORIES.put(
        "Avro/Netty (`org.apache.avro.*`, `io.netty.*`, `org.jboss.netty.*`)",
        List.of("org.apache.avro.", "io.netty.", "org.jboss.netty."));
  }

  static final int TOP_FRAMES = 15;
  static final int TOP_THREADS = 20;

  final String name;
  final int recordings;
  long cpuSamples;
  long nativeSamples;
  long fileForces;
  Duration fileForceTime = Duration.ZERO;
  Duration recorded = Duration.ZERO;
  final Map<String, long[]> threads = new HashMap<>(); // {cpu, native}

  /**
   * Per thread, nanoseconds parked or in {@code Object.wait}, reading sockets, in {@code fsync} and
   * sleeping (events above JFR's thresholds).
   */
  final Map<String, long[]> waits = new HashMap<>(); // {park or wait, socket read, fsync, sleep}

  final Map<String, Long> selfFrames = new HashMap<>();
  final Map<String, long[]> categories = new LinkedHashMap<>(); // {cpu, native}

  private ProfileSummary(String name, int recordings) {
    this.name = name;
    this.recordings = recordings;
    for (String c : CATEGORIES.keySet()) {
      categories.put(c, new long[2]);
    }
  }

  /** Summarises the recordings of one agent, named {@code name} on the page. */
  static ProfileSummary of(String name, List<Path> recordings) throws IOException {
    ProfileSummary s = new ProfileSummary(name, recordings.size());
    for (Path f : recordings) {
      s.read(f);
    }
    return s;
  }

  private void read(Path file) throws IOException {
    Instant first = null;
    Instant last = null;
    try (RecordingFile in = new RecordingFile(file)) {
      while (in.hasMoreEvents()) {
        RecordedEvent e = in.readEvent();
        String type = e.getEventType().getName();
        switch (type) {
          case "jdk.ExecutionSample":
            sample(e, 0);
            break;
          case "jdk.NativeMethodSample":
            sample(e, 1);
            break;
          case "jdk.FileForce":
            fileForces++;
            fileForceTime = fileForceTime.plus(e.getDuration());
            waited(e, 2);
            break;
          case "jdk.ThreadPark":
          case "jdk.JavaMonitorWait":
            waited(e, 0);
            break;
          case "jdk.ThreadSleep":
            waited(e, 3);
            break;
          case "jdk.SocketRead":
            waited(e, 1);
            break;
          default:
            continue;
        }
        Instant t = e.getStartTime();
        first = first == null || t.isBefore(first) ? t : first;
        last = last == null || t.isAfter(last) ? t : last;
      }
    }
    if (first != null) {
      recorded = recorded.plus(Duration.between(first, last));
    }
  }

  private void waited(RecordedEvent e, int kind) {
    String thread = threadName(e.getThread());
    threads.computeIfAbsent(thread, k -> new long[2]);
    waits.computeIfAbsent(thread, k -> new long[4])[kind] += e.getDuration().toNanos();
  }

  private static String threadName(RecordedThread t) {
    return t == null || t.getJavaName() == null ? "(unknown)" : t.getJavaName();
  }

  private void sample(RecordedEvent e, int kind) {
    if (kind == 0) {
      cpuSamples++;
    } else {
      nativeSamples++;
    }
    String thread = threadName(e.getThread("sampledThread"));
    threads.computeIfAbsent(thread, k -> new long[2])[kind]++;
    RecordedStackTrace stack = e.getStackTrace();
    List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
    if (kind == 0 && !frames.isEmpty()) {
      selfFrames.merge(frame(frames.get(0)), 1L, Long::sum);
    }
    for (Map.Entry<String, List<String>> c : CATEGORIES.entrySet()) {
      if (frames.stream().anyMatch(f -> inPackages(f, c.getValue()))) {
        categories.get(c.getKey())[kind]++;
      }
    }
  }

  private static boolean inPackages(RecordedFrame f, List<String> prefixes) {
    if (f.getMethod() == null || f.getMethod().getType() == null) {
      return false;
    }
    String type = f.getMethod().getType().getName();
    return prefixes.stream().anyMatch(type::startsWith);
  }

  private static String frame(RecordedFrame f) {
    if (f.getMethod() == null) {
      return "(unknown)";
    }
    String type = f.getMethod().getType() == null ? "?" : f.getMethod().getType().getName();
    return type + "." + f.getMethod().getName();
  }

  /** The share of CPU ({@code kind} 0) or native (1) samples in a category, 0 to 1. */
  double share(String category, int kind) {
    long total = kind == 0 ? cpuSamples : nativeSamples;
    return total == 0 ? 0 : categories.get(category)[kind] / (double) total;
  }

  /** The frames with the most CPU samples of their own, most first. */
  List<Map.Entry<String, Long>> topFrames() {
    List<Map.Entry<String, Long>> l = new ArrayList<>(selfFrames.entrySet());
    l.sort(
        Map.Entry.<String, Long>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    return l.subList(0, Math.min(TOP_FRAMES, l.size()));
  }

  /** Threads by CPU samples, most first. */
  List<Map.Entry<String, long[]>> topThreads() {
    List<Map.Entry<String, long[]>> l = new ArrayList<>(threads.entrySet());
    l.sort(
        Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
            .thenComparingLong(e -> -e.getValue()[1])
            .thenComparing(Map.Entry::getKey));
    return l.subList(0, Math.min(TOP_THREADS, l.size()));
  }

  /** This agent's part of the profile page. */
  String markdown(int samplePeriodMillis) {
    StringBuilder b = new StringBuilder();
    double seconds = recorded.toMillis() / 1000.0;
    b.append(
        String.format(
            Locale.ROOT,
            "### %s%n%n%d recording(s), %.1f s recorded; %,d CPU samples, %,d native samples;"
                + " %,d `fsync`s recorded by `jdk.FileForce`, %.2f s in them.%n%n",
            name,
            recordings,
            seconds,
            cpuSamples,
            nativeSamples,
            fileForces,
            fileForceTime.toMillis() / 1000.0));
    b.append("| samples with a frame in | share of CPU samples | share of native samples |\n");
    b.append("|---|---:|---:|\n");
    for (String c : categories.keySet()) {
      b.append(
          String.format(
              Locale.ROOT, "| %s | %.1f%% | %.1f%% |%n", c, 100 * share(c, 0), 100 * share(c, 1)));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%n| thread | CPU samples | ≈ busy running Java (samples × %d ms / time recorded)"
                + " | native samples | parked or waiting (s) | socket reads (s) | fsync (s)"
                + " | sleeping (s) |%n|---|---:|---:|---:|---:|---:|---:|---:|%n",
            samplePeriodMillis));
    for (Map.Entry<String, long[]> t : topThreads()) {
      double busy = seconds == 0 ? 0 : t.getValue()[0] * samplePeriodMillis / 1000.0 / seconds;
      long[] w = waits.getOrDefault(t.getKey(), new long[4]);
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %.0f%% | %,d | %.2f | %.2f | %.2f | %.2f |%n",
              t.getKey().replace("|", "\\|"),
              t.getValue()[0],
              100 * busy,
              t.getValue()[1],
              w[0] / 1e9,
              w[1] / 1e9,
              w[2] / 1e9,
              w[3] / 1e9));
    }
    if (threads.size() > TOP_THREADS) {
      b.append(
          String.format(
              Locale.ROOT, "| (%d more threads) | | | | | | | |%n", threads.size() - TOP_THREADS));
    }
    b.append("\n| top frames by self CPU samples | samples | share |\n|---|---:|---:|\n");
    for (Map.Entry<String, Long> f : topFrames()) {
      b.append(
          String.format(
              Locale.ROOT,
              "| `%s` | %,d | %.1f%% |%n",
              f.getKey(),
              f.getValue(),
              cpuSamples == 0 ? 0 : 100.0 * f.getValue() / cpuSamples));
    }
    return b.append('\n').toString();
  }
}
