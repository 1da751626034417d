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
package dev.sluice.flume.benchmarks.hbase;

import dev.sluice.flume.benchmarks.Alternation;
import dev.sluice.flume.benchmarks.BenchArgs;
import dev.sluice.flume.benchmarks.agent.AgentRun;
import dev.sluice.flume.benchmarks.amps.AmpsBenchEnvironment;
import dev.sluice.flume.benchmarks.report.Goal;
import dev.sluice.flume.benchmarks.report.Section;
import dev.sluice.flume.benchmarks.report.Series;
import dev.sluice.flume.benchmarks.report.Workload;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.PluginTarball;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Issue 11: the same events through {@code HBase2Sink} into the same HBase with Flume's {@code
 * RegexHBase2EventSerializer} (the anchor) and with ours, and through {@code AsyncHBaseSink} with
 * ours.
 *
 * <p>Only the sink side is measured, the same way for every variant. The records are put once into
 * a Flume file channel in this JVM (one channel of CSV bodies, one of the same records as JSON);
 * each run copies the filled channel, starts a real agent (a child JVM, the serializers' plugin
 * tarball in {@code plugins.d} and exactly the client jars of its sink in {@code libext}) whose
 * only work is that sink draining that channel into a fresh table of the real HBase (test-support's
 * {@code HBaseServer}, its own JVM), and polls the sink's {@code EventDrainSuccessCount} over JMX
 * every 10 ms. Each channel holds {@code --warmup} records before the measured ones, drained first
 * and never timed: they bring every agent's JIT, connection and region lookups to a steady state
 * (without them the window measured mostly how fast each serializer's code gets compiled: the
 * agents' CPU per event roughly halved once they were added). The figure is the rate between 10%
 * and 90% of the measured events drained after the warm-up. CPU seconds of the agent over the same
 * window, per million events, and the agent's peak RSS come from {@code /proc}. After each run the
 * table is scanned back: every variant must have written every row and four cells per row, or the
 * run fails. Variants alternate within each round (the order reversed every other round); every
 * variant uses the same {@code batchSize}.
 *
 * <p>With {@code --jfr DIR} each agent records a JFR profile of its whole run (JFR's {@code
 * profile} settings) into {@code DIR}, named by variant and run; its figures include the
 * recording's cost.
 *
 * <pre>
 * bin/bench hbase-serializers [--events N] [--warmup N] [--rounds R] [--batch B]
 *                             [--variants a,b,...] [--jfr DIR] [--quick]
 * </pre>
 */
public final class HBaseSerializerThroughput {
  static final String TITLE = "HBase serializers";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

  private final HBaseBenchEnvironment env;
  private final Path tarball;
  private final int events;
  private final int warmup;
  private final int batch;
  private int runNumber;

  private final Path jfrDir; // null: no JFR recording

  private HBaseSerializerThroughput(
      HBaseBenchEnvironment env, int events, int warmup, int batch, Path jfrDir) {
    this.env = env;
    this.jfrDir = jfrDir;
    this.events = events;
    this.warmup = warmup;
    this.batch = batch;
    this.tarball = tarball();
  }

  public static Section run(String[] args) throws Exception {
    BenchArgs a =
        BenchArgs.parse(
            "hbase-serializers",
            args,
            List.of("--events", "--warmup", "--rounds", "--batch", "--variants", "--jfr"),
            List.of("--quick"),
            "[--events N] [--warmup N] [--rounds R] [--batch B] [--variants "
                + SerializerVariant.labels()
                + "] [--jfr DIR] [--quick]");
    boolean quick = a.flag("--quick");
    int events = a.positive("--events", quick ? 20_000 : 200_000);
    int warmup = a.nonNegative("--warmup", quick ? 20_000 : 200_000);
    int rounds = a.positive("--rounds", quick ? 2 : 5);
    int batch = a.positive("--batch", 1000);
    List<SerializerVariant> variants = new ArrayList<>();
    String labels = a.text("--variants", null);
    if (labels == null) {
      variants.addAll(List.of(SerializerVariant.values()));
    } else {
      for (String label : labels.split(",")) {
        variants.add(SerializerVariant.byLabel(label.trim()));
      }
    }
    if ((long) events + warmup > 50_000_000) {
      throw a.error("--events and --warmup together must be at most 50,000,000");
    }
    if (batch > PreloadedChannel.TRANSACTION) {
      throw a.error(
          "--batch must be at most the channel's transactionCapacity "
              + PreloadedChannel.TRANSACTION);
    }
    Path jfr = a.path("--jfr");
    if (jfr != null) {
      jfr = Files.createDirectories(jfr.toAbsolutePath());
    }
    Section.Recorder section = Section.begin("hbase-serializers", TITLE, a.command());
    try (HBaseBenchEnvironment env = HBaseBenchEnvironment.create("hbase-serializers")) {
      HBaseSerializerThroughput bench =
          new HBaseSerializerThroughput(env, events, warmup, batch, jfr);
      Map<SerializerVariant, List<Run>> runs = bench.run(variants, rounds, System.out);
      bench.report(section, runs, rounds);
    }
    return section.end();
  }

  /** One agent run of one variant. */
  static final class Run {
    final double eventsPerSecond;
    final double cpuSecondsPerMillion;
    final double peakRssMegabytes;

    Run(double eventsPerSecond, double cpuSecondsPerMillion, double peakRssMegabytes) {
      this.eventsPerSecond = eventsPerSecond;
      this.cpuSecondsPerMillion = cpuSecondsPerMillion;
      this.peakRssMegabytes = peakRssMegabytes;
    }
  }

  private Map<SerializerVariant, List<Run>> run(
      List<SerializerVariant> variants, int rounds, PrintStream out) throws Exception {
    out.printf(
        Locale.ROOT,
        "hbase-serializers benchmark: %d events per run after %d warm-up events, batchSize %d,"
            + " %d rounds, variants %s, work %s%n",
        events,
        warmup,
        batch,
        rounds,
        variants,
        env.work());
    env.startHBase();
    out.println("HBase ready at " + env.zookeeperQuorum());
    PreloadedChannel csv = null;
    PreloadedChannel json = null;
    for (SerializerVariant v : variants) {
      if (v.jsonBodies && json == null) {
        json = PreloadedChannel.fill(env.work().resolve("channel-json"), total(), true);
      } else if (!v.jsonBodies && csv == null) {
        csv = PreloadedChannel.fill(env.work().resolve("channel-csv"), total(), false);
      }
    }
    out.println("channels filled");
    Map<SerializerVariant, List<Run>> runs = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      List<SerializerVariant> order = Alternation.orderOf(round, variants);
      for (SerializerVariant v : order) {
        Run r = runOnce(v, v.jsonBodies ? json : csv);
        runs.computeIfAbsent(v, k -> new ArrayList<>()).add(r);
        out.printf(
            Locale.ROOT,
            "round %d %-18s %9.0f events/s %7.1f CPU s/M events %5.0f MB peak RSS%n",
            round + 1,
            v.label,
            r.eventsPerSecond,
            r.cpuSecondsPerMillion,
            r.peakRssMegabytes);
      }
    }
    return runs;
  }

  /** Records in each channel: the warm-up, then the measured events. */
  private int total() {
    return warmup + events;
  }

  private Run runOnce(SerializerVariant variant, PreloadedChannel channel) throws Exception {
    int n = ++runNumber;
    String table = "bench_" + n;
    env.createTable(table, "d");
    Path dir = Files.createDirectories(env.work().resolve("run-" + n + "-" + variant.label));
    Path channelDir = channel.copyTo(dir.resolve("channel"));
    FlumeAgent agent =
        FlumeAgent.builder("a1")
            .workDir(dir.resolve("agent"))
            .config(config(variant, channelDir, table))
            .plugin(tarball)
            .libext("sluice-hbase-serializers", variant.clientJars().toArray(new Path[0]))
            .jvmArgs(
                jfrDir == null
                    ? new String[0]
                    : new String[] {
                      AmpsBenchEnvironment.jfrOption(
                          jfrDir.resolve(variant.label + "-" + n + ".jfr"))
                    })
            .build();
    env.onClose(agent::kill);
    Run run;
    try {
      agent.start();
      run = measure(variant.label, agent);
      agent.stop(Duration.ofMinutes(2));
    } catch (Exception e) {
      agent.kill();
      throw new IllegalStateException(
          variant.label + " run " + n + " failed; agent log " + agent.logFile(), e);
    }
    long[] rowsAndCells = env.rowsAndCells(table);
    long cells = (long) total() * SerializerVariant.CELLS_PER_EVENT;
    if (rowsAndCells[0] != total() || rowsAndCells[1] != cells) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "%s wrote %d rows and %d cells to %s, expected %d and %d; agent log %s",
              variant.label,
              rowsAndCells[0],
              rowsAndCells[1],
              table,
              total(),
              cells,
              agent.logFile()));
    }
    env.dropTable(table);
    // The channel copy is over 100 MB a run; the agent's log stays for reading.
    PreloadedChannel.delete(channelDir);
    return run;
  }

  /**
   * Polls the sink's drain counter; the steady rate between 10% and 90% of the measured events,
   * which come after the warm-up.
   */
  private Run measure(String label, FlumeAgent agent) throws Exception {
    long from = (long) warmup + events / 10;
    long to = (long) warmup + events - events / 10;
    long all = total();
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    long t0 = 0;
    AgentRun cost = AgentRun.of(agent);
    long drained = 0;
    while (drained < all) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            label + ": only " + drained + " of " + all + " events in " + RUN_TIMEOUT);
      }
      if (!agent.isAlive()) {
        throw new IllegalStateException(label + ": the agent exited");
      }
      drained = drained(agent);
      long now = System.nanoTime();
      if (t0 == 0 && drained >= from) {
        t0 = now;
        cost.windowOpens();
      }
      if (drained >= to) {
        long windowEvents = drained - from;
        cost.windowCloses(windowEvents);
        double seconds = (now - t0) / 1e9;
        // Wait for the rest so that the table can be checked, outside the measured window.
        while (drained(agent) < all) {
          if (System.nanoTime() > deadline) {
            throw new TimeoutException(label + ": the last events did not drain");
          }
          TimeUnit.MILLISECONDS.sleep(10);
        }
        return new Run(
            windowEvents / seconds, cost.cpuSecondsPerMillion(), cost.peakRssMegabytes());
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    throw new IllegalStateException(label + ": drained " + drained + " at once; too few events");
  }

  /** The sink's committed events, or 0 before the agent's JMX server and sink are up. */
  private static long drained(FlumeAgent agent) {
    try {
      return agent.counter("SINK.k1", "EventDrainSuccessCount");
    } catch (RuntimeException notYet) {
      return 0;
    }
  }

  private String config(SerializerVariant variant, Path channelDir, String table) {
    List<String> lines = new ArrayList<>();
    // Flume needs a source: a sequence generator told to send nothing.
    lines.add("a1.sources = idle");
    lines.add("a1.channels = ch");
    lines.add("a1.sinks = k1");
    lines.add("a1.sources.idle.type = seq");
    lines.add("a1.sources.idle.totalEvents = 0");
    lines.add("a1.sources.idle.channels = ch");
    lines.add("a1.channels.ch.type = file");
    new TreeMap<>(PreloadedChannel.settings(channelDir, total()))
        .forEach((k, v) -> lines.add("a1.channels.ch." + k + " = " + v));
    String p = "a1.sinks.k1.";
    lines.add(p + "type = " + variant.sinkType);
    lines.add(p + "channel = ch");
    lines.add(p + "table = " + table);
    lines.add(p + "columnFamily = d");
    lines.add(p + "zookeeperQuorum = " + env.zookeeperQuorum());
    lines.add(p + "batchSize = " + batch);
    lines.add(p + "serializer = " + variant.serializer);
    variant.serializerKeys.forEach((k, v) -> lines.add(p + "serializer." + k + " = " + v));
    return String.join("\n", lines) + "\n";
  }

  private void report(
      Section.Recorder section, Map<SerializerVariant, List<Run>> runs, int rounds) {
    section.description(
        String.format(
            Locale.ROOT,
            "Issue 11. The same %,d events (records `o00000017,AAPL,101.25,300` as CSV, or the same"
                + " fields as a JSON object) drained from a preloaded file channel by one sink in a"
                + " real Flume 1.11 agent into a fresh table of a real HBase 2.6.3 (test-support's"
                + " `HBaseServer`, its own JVM); every variant writes the same 4 cells under the"
                + " same row key, `batchSize = %d`, and every run's table is scanned back (rows"
                + " and cells) before it counts. Throughput is the sink's `EventDrainSuccessCount`"
                + " polled over JMX every 10 ms, between 10%% and 90%% of the measured events"
                + " drained; before them the same channel holds %,d more records, drained first and"
                + " not timed, which bring each agent's JIT, connection and region lookups to a"
                + " steady state (without them the window measured mostly how fast each"
                + " serializer's code was compiled in the fresh JVM); CPU"
                + " (per million events) is the agent JVM's over the same window and peak RSS its"
                + " `VmHWM` at the window's end (`AgentRun`). Variants alternate within each of the"
                + " %d rounds (reversed every other round). The anchor is Flume's"
                + " `RegexHBase2EventSerializer` (group 1 the row key, the other groups the cells,"
                + " all as text); ours writes typed cells (`price` a double, `qty` a long). The"
                + " AsyncHBaseSink rows compare ours through the two sinks (no goal).",
            events,
            warmup,
            batch,
            rounds));
    pair(section, runs, SerializerVariant.SPLIT_CSV, SerializerVariant.REGEX_CSV, true);
    pair(section, runs, SerializerVariant.JSON, SerializerVariant.REGEX_JSON, true);
    pair(section, runs, SerializerVariant.JSON, SerializerVariant.REGEX_CSV, true);
    pair(section, runs, SerializerVariant.ASYNC_SPLIT_CSV, SerializerVariant.SPLIT_CSV, false);
    pair(section, runs, SerializerVariant.ASYNC_JSON, SerializerVariant.JSON, false);
  }

  /** Events/s (goal ≥ 1.0x when {@code goal}), agent CPU per event and peak RSS of one pair. */
  private static void pair(
      Section.Recorder section,
      Map<SerializerVariant, List<Run>> runs,
      SerializerVariant ours,
      SerializerVariant anchor,
      boolean goal) {
    if (!runs.containsKey(ours) || !runs.containsKey(anchor)) {
      return;
    }
    String name = ours.label + " vs " + anchor.label;
    String oursLabel = ours.label + (ours.isAsync() ? " (AsyncHBaseSink)" : " (HBase2Sink)");
    String anchorLabel = anchor.label + (anchor.isAsync() ? " (AsyncHBaseSink)" : " (HBase2Sink)");
    Workload.Builder rate =
        Workload.of(name, "events/s")
            .anchor(anchorLabel, series(runs.get(anchor), r -> r.eventsPerSecond))
            .ours(oursLabel, series(runs.get(ours), r -> r.eventsPerSecond));
    if (goal) {
      rate.goal(Goal.ratioAtLeast(1.0));
    }
    section.add(rate.build());
    section.add(
        Workload.of(name + ": agent CPU", "CPU s per M events")
            .lowerIsBetter()
            .anchor(anchorLabel, series(runs.get(anchor), r -> r.cpuSecondsPerMillion))
            .ours(oursLabel, series(runs.get(ours), r -> r.cpuSecondsPerMillion))
            .build());
    section.add(
        Workload.of(name + ": agent peak RSS", "MiB")
            .lowerIsBetter()
            .anchor(anchorLabel, series(runs.get(anchor), r -> r.peakRssMegabytes))
            .ours(oursLabel, series(runs.get(ours), r -> r.peakRssMegabytes))
            .build());
  }

  private static Series series(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
    Series s = new Series();
    for (Run r : runs) {
      s.add(f.applyAsDouble(r));
    }
    return s;
  }

  /** The serializers' plugin tarball, from the module's build (bin/bench builds it). */
  private static Path tarball() {
    return PluginTarball.of(Paths.get("hbase-serializers"));
  }
}
