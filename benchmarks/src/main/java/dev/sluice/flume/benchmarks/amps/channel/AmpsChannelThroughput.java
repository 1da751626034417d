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
package dev.sluice.flume.benchmarks.amps.channel;

import dev.sluice.flume.benchmarks.Alternation;
import dev.sluice.flume.benchmarks.BenchArgs;
import dev.sluice.flume.benchmarks.WorkDirs;
import dev.sluice.flume.benchmarks.agent.EventSender;
import dev.sluice.flume.benchmarks.agent.SenderRun;
import dev.sluice.flume.benchmarks.amps.AmpsBenchEnvironment;
import dev.sluice.flume.benchmarks.report.Goal;
import dev.sluice.flume.benchmarks.report.Section;
import dev.sluice.flume.benchmarks.report.Series;
import dev.sluice.flume.benchmarks.report.Workload;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.PluginTarball;
import dev.sluice.flume.testsupport.ReadinessProbe;
import dev.sluice.flume.testsupport.ServerProcess;
import java.io.IOException;
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

/**
 * Issue 15: one real Flume agent, Avro source → channel → {@code null} sink, with three channels:
 * Flume's memory channel (the limit), Flume's file channel (the anchor the goal is set against) and
 * Sluice's amps-channel on the AMPS testkit.
 *
 * <p>The benchmark JVM feeds the agent's Avro source {@code events} bodies of {@code size} bytes in
 * batches of {@code batch} (the kafka-hop benchmark's {@link EventSender}). The testkit runs in its
 * own JVM, started fresh for every amps-channel run, with its transaction log on disk and fsync on
 * (the file channel fsyncs at every commit too). One observer for all three: the channel's {@code
 * EventTakeSuccessCount} (the {@code null} sink's committed takes; that sink has no counters of its
 * own) over JMX every 10 ms; events/s is from the first event taken to the last. CPU seconds (from
 * {@code /proc}) of the agent, and apart of the testkit, from the first event sent to the last
 * drained. Variants alternate within each round (reversed every other round), each run with fresh
 * directories, topic and bookmark log.
 *
 * <pre>
 * bin/bench amps-channel [--events N] [--size BYTES] [--rounds R] [--batch B]
 *                        [--quick] [--jfr DIR]
 * </pre>
 *
 * <p>With {@code --jfr DIR} every agent and testkit JVM records a JFR profile ({@link
 * AmpsBenchEnvironment#jfrOption}) into {@code DIR/run-<n>-<channel>-{agent,testkit}.jfr}; the
 * testkit is then stopped, not killed, so its recording is written.
 */
public final class AmpsChannelThroughput {
  static final String TITLE = "amps-channel vs memory and file channel";
  private static final String AGENT = "a1";
  private static final String CHANNEL = "CHANNEL.ch";
  private static final String AMPS_CHANNEL = "dev.sluice.flume.amps.channel.AmpsChannel";
  private static final String PLUGIN_DIR = "sluice-amps-channel";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

  /** The channels compared. */
  enum Variant {
    MEMORY("memory"),
    FILE("file"),
    AMPS("amps-channel");

    final String label;

    Variant(String label) {
      this.label = label;
    }
  }

  private final Path work;
  private final Path tarball;
  private final int events;
  private final int size;
  private final int batch;
  private final Path jfr;
  private final List<FlumeAgent> running = new ArrayList<>();
  private ServerProcess testkit;
  private int runNumber;

  private AmpsChannelThroughput(
      Path work, Path tarball, int events, int size, int batch, Path jfr) {
    this.work = work;
    this.tarball = tarball;
    this.events = events;
    this.size = size;
    this.batch = batch;
    this.jfr = jfr;
  }

  /** The JVM option that records this run's {@code process} with JFR, or none without --jfr. */
  private String[] jfrArgs(int n, Variant v, String process) {
    if (jfr == null) {
      return new String[0];
    }
    return new String[] {
      AmpsBenchEnvironment.jfrOption(
          jfr.resolve("run-" + n + "-" + v.label + "-" + process + ".jfr"))
    };
  }

  public static Section run(String[] args) throws Exception {
    BenchArgs a =
        BenchArgs.parse(
            "amps-channel",
            args,
            List.of("--events", "--size", "--rounds", "--batch", "--jfr"),
            List.of("--quick"),
            "[--events N] [--size BYTES] [--rounds R] [--batch B] [--quick] [--jfr DIR]");
    boolean quick = a.flag("--quick");
    int events = a.positive("--events", quick ? 50_000 : 1_000_000);
    int size = a.positive("--size", 200);
    int rounds = a.positive("--rounds", quick ? 2 : 5);
    int batch = a.positive("--batch", 1000);
    Path jfr = a.path("--jfr");
    if (jfr != null) {
      jfr = Files.createDirectories(jfr.toAbsolutePath());
    }
    Section.Recorder section = Section.begin("amps-channel", TITLE, a.command());
    Path tarball = PluginTarball.of(Paths.get("amps-channel"));
    Path work =
        Files.createTempDirectory(
            Files.createDirectories(Paths.get("benchmarks", "target").toAbsolutePath()),
            "amps-channel-bench");
    AmpsChannelThroughput bench =
        new AmpsChannelThroughput(work, tarball, events, size, batch, jfr);
    Map<Variant, List<SenderRun>> runs;
    try {
      runs = bench.run(rounds, System.out);
    } finally {
      bench.killAll();
    }
    bench.report(section, runs, rounds);
    WorkDirs.deleteTree(work);
    return section.end();
  }

  private Map<Variant, List<SenderRun>> run(int rounds, PrintStream out) throws Exception {
    out.printf(
        Locale.ROOT,
        "amps-channel benchmark: %d events of %d bytes per run, batch %d, %d rounds, work %s%n",
        events,
        size,
        batch,
        rounds,
        work);
    Map<Variant, List<SenderRun>> runs = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      List<Variant> order = Alternation.orderOf(round, List.of(Variant.values()));
      for (Variant v : order) {
        SenderRun r = runOnce(v);
        runs.computeIfAbsent(v, k -> new ArrayList<>()).add(r);
        out.printf(
            Locale.ROOT,
            "round %d %-13s %9.0f events/s %7.2f CPU s/M events (agent) %7.2f (testkit)"
                + " %d drained%n",
            round + 1,
            v.label,
            r.eventsPerSecond,
            r.agentsCpuPerMillion,
            r.serverCpuPerMillion,
            r.drained);
      }
    }
    return runs;
  }

  private SenderRun runOnce(Variant variant) throws Exception {
    int n = ++runNumber;
    Path dir = Files.createDirectories(work.resolve("run-" + n + "-" + variant.label));
    int sourcePort = FreePorts.allocate();
    String uri = null;
    if (variant == Variant.AMPS) {
      uri = startTestkit(dir.resolve("testkit"), jfrArgs(n, variant, "testkit"));
    }
    FlumeAgent.Builder b =
        FlumeAgent.builder(AGENT)
            .workDir(dir.resolve("agent"))
            .config(config(variant, dir, sourcePort, uri, n))
            .jvmArgs("-Xmx512m")
            .jvmArgs(jfrArgs(n, variant, "agent"));
    if (variant == Variant.AMPS) {
      b.plugin(tarball).libext(PLUGIN_DIR, AmpsBenchEnvironment.ampsClientJar());
    }
    FlumeAgent agent = b.build();
    running.add(agent);
    try {
      agent.start();
      // Flume's null sink has no counters of its own: wait for the channel and the source.
      agent.awaitStarted(START_TIMEOUT, List.of(CHANNEL, "SOURCE.in"));
      SenderRun run =
          SenderRun.measure(
              variant.label,
              new EventSender(sourcePort, events, size, batch),
              events,
              RUN_TIMEOUT,
              agent,
              CHANNEL,
              testkit,
              agent);
      agent.stop(Duration.ofMinutes(1));
      if (testkit != null && jfr != null) {
        testkit.stop(Duration.ofMinutes(1)); // an orderly exit writes the recording
      }
      return run;
    } catch (Exception e) {
      throw new IllegalStateException(
          variant.label + " run " + n + " failed; log " + agent.logFile(), e);
    } finally {
      killAll();
      // The file channel's data and the testkit's log hold the run's events (hundreds of MB).
      WorkDirs.deleteTree(dir.resolve("channel"));
      WorkDirs.deleteTree(dir.resolve("testkit").resolve("txlog"));
    }
  }

  /** The testkit in its own JVM, its transaction log on disk, fsync on (its default). */
  private String startTestkit(Path dir, String... extraJvmArgs) throws IOException {
    int port = FreePorts.allocate();
    Path log = Files.createDirectories(dir.resolve("txlog"));
    testkit =
        ServerProcess.jvm("amps-testkit", "dev.sluice.flume.amps.testkit.AmpsTestServerMain")
            .testClasspath()
            .jvmArgs("-Xmx512m")
            .jvmArgs(extraJvmArgs)
            .args("--port", Integer.toString(port), "--log-dir", log.toString(), "--quiet")
            .workDir(dir)
            .readiness(ReadinessProbe.logLine("AMPS-TESTKIT READY"), START_TIMEOUT)
            .build();
    testkit.start();
    return "tcp://127.0.0.1:" + port + "/amps/json";
  }

  private String config(Variant variant, Path dir, int sourcePort, String uri, int n) {
    List<String> l = new ArrayList<>();
    String a = AGENT + ".";
    l.add(a + "sources = in");
    l.add(a + "channels = ch");
    l.add(a + "sinks = k1");
    l.add(a + "sources.in.type = avro");
    l.add(a + "sources.in.bind = 127.0.0.1");
    l.add(a + "sources.in.port = " + sourcePort);
    l.add(a + "sources.in.channels = ch");
    switch (variant) {
      case MEMORY:
        l.add(a + "channels.ch.type = memory");
        l.add(a + "channels.ch.capacity = " + 100 * batch);
        l.add(a + "channels.ch.transactionCapacity = " + batch);
        break;
      case FILE:
        Path ch = dir.resolve("channel");
        l.add(a + "channels.ch.type = file");
        l.add(a + "channels.ch.checkpointDir = " + ch.resolve("checkpoint"));
        l.add(a + "channels.ch.dataDirs = " + ch.resolve("data"));
        l.add(a + "channels.ch.capacity = " + (events + 10 * batch));
        l.add(a + "channels.ch.transactionCapacity = " + batch);
        l.add(a + "channels.ch.minimumRequiredSpace = " + 64L * 1024 * 1024);
        break;
      case AMPS:
        l.add(a + "channels.ch.type = " + AMPS_CHANNEL);
        l.add(a + "channels.ch.clientName = bench-" + n);
        l.add(a + "channels.ch.uri = " + uri);
        l.add(a + "channels.ch.topic = bench-ch-" + n);
        l.add(a + "channels.ch.bookmarkLog = " + dir.resolve("ch.bookmarks"));
        l.add(a + "channels.ch.transactionCapacity = " + batch);
        l.add(a + "channels.ch.strictConfig = true");
        break;
    }
    l.add(a + "sinks.k1.type = null");
    l.add(a + "sinks.k1.channel = ch");
    l.add(a + "sinks.k1.batchSize = " + batch);
    return String.join("\n", l) + "\n";
  }

  private void killAll() {
    for (FlumeAgent agent : running) {
      agent.kill();
    }
    running.clear();
    if (testkit != null) {
      testkit.kill();
      testkit = null;
    }
  }

  private void report(Section.Recorder section, Map<Variant, List<SenderRun>> runs, int rounds) {
    section.description(
        String.format(
            Locale.ROOT,
            "Issue 15: one real Flume 1.11 agent (a child JVM, `-Xmx512m`), Avro source → channel →"
                + " `null` sink (`batchSize = %d`), through Flume's memory channel (the limit),"
                + " Flume's file channel (the anchor; goal: amps-channel ≥ 1.0x it) and"
                + " amps-channel. The benchmark JVM feeds the Avro source %,d events of %d-byte"
                + " bodies in batches of %d (the same sender for all three). Memory channel:"
                + " `capacity = %d`. File channel: one data directory on the local disk, fsync at"
                + " every commit (Flume's default). amps-channel: default keys but"
                + " `transactionCapacity = %d`, on the AMPS testkit in its own JVM (`-Xmx512m`,"
                + " started fresh for each run) with its transaction log on the same local disk"
                + " and fsync on, since the file channel fsyncs too; a put commit returns once the"
                + " testkit has persisted (fsynced) the batch. Events/s is the channel's"
                + " `EventTakeSuccessCount` (the `null` sink's committed takes; that sink has no"
                + " counters of its own), polled over JMX every 10 ms, from the first event taken"
                + " to the last. CPU is from `/proc`, from the first event sent to the last"
                + " drained, per million events: the agent, and the testkit apart. Variants"
                + " alternate within each of the %d rounds (reversed every other round), each run"
                + " with fresh directories, topic and bookmark log. The testkit is Sluice's AMPS"
                + " stand-in, not AMPS: these figures say how the channel's client side and its"
                + " wait for persisted acks compare, not what a real AMPS server does.%n%n",
            batch,
            events,
            size,
            batch,
            100 * batch,
            batch,
            rounds));
    // The amps-client's licence forbids publishing benchmark results of the client, and every
    // amps-channel figure is measured through it: amps-channel appears as ratios only.
    List<SenderRun> memory = runs.get(Variant.MEMORY);
    List<SenderRun> file = runs.get(Variant.FILE);
    List<SenderRun> amps = runs.get(Variant.AMPS);
    section.add(
        Workload.of("amps-channel vs file channel", "events/s")
            .anchor("Flume's file channel", series(file, r -> r.eventsPerSecond))
            .ours("amps-channel", series(amps, r -> r.eventsPerSecond))
            .goal(Goal.ratioAtLeast(1.0))
            .ratiosOnly()
            .build());
    section.add(
        Workload.of("amps-channel vs memory channel", "events/s")
            .anchor("Flume's memory channel", series(memory, r -> r.eventsPerSecond))
            .ours("amps-channel", series(amps, r -> r.eventsPerSecond))
            .ratiosOnly()
            .build());
    section.add(
        Workload.of("file channel vs memory channel (reference)", "events/s")
            .anchor("Flume's memory channel", series(memory, r -> r.eventsPerSecond))
            .ours("Flume's file channel", series(file, r -> r.eventsPerSecond))
            .build());
    section.add(
        Workload.of("amps-channel vs file channel: agent CPU", "CPU s per M events")
            .lowerIsBetter()
            .anchor("Flume's file channel", series(file, r -> r.agentsCpuPerMillion))
            .ours("amps-channel", series(amps, r -> r.agentsCpuPerMillion))
            .ratiosOnly()
            .build());
    section.add(
        Workload.of("amps-channel vs file channel: agent + testkit CPU", "CPU s per M events")
            .lowerIsBetter()
            .anchor("Flume's file channel", series(file, r -> r.agentsCpuPerMillion))
            .ours(
                "amps-channel + testkit",
                series(amps, r -> r.agentsCpuPerMillion + r.serverCpuPerMillion))
            .ratiosOnly()
            .build());
    section.add(
        Workload.of("amps-channel vs file channel: agent peak RSS", "MiB")
            .lowerIsBetter()
            .anchor("Flume's file channel", series(file, r -> r.agentsPeakRssMegabytes))
            .ours("amps-channel", series(amps, r -> r.agentsPeakRssMegabytes))
            .ratiosOnly()
            .build());
    section.notes(
        "amps-channel is given as ratios only: its figures are measured through the AMPS"
            + " client, whose licence forbids publishing benchmark results of the client.");
  }

  private static Series series(
      List<SenderRun> runs, java.util.function.ToDoubleFunction<SenderRun> f) {
    Series s = new Series();
    for (SenderRun r : runs) {
      s.add(f.applyAsDouble(r));
    }
    return s;
  }
}
