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
package dev.sluice.flume.benchmarks.amps.sink;

import dev.sluice.flume.benchmarks.BenchArgs;
import dev.sluice.flume.benchmarks.agent.AgentRun;
import dev.sluice.flume.benchmarks.amps.AmpsBenchEnvironment;
import dev.sluice.flume.benchmarks.amps.JmxCount;
import dev.sluice.flume.benchmarks.amps.RawCount;
import dev.sluice.flume.benchmarks.amps.Side;
import dev.sluice.flume.benchmarks.amps.SteadyRate;
import dev.sluice.flume.benchmarks.report.Goal;
import dev.sluice.flume.benchmarks.report.Section;
import dev.sluice.flume.benchmarks.report.Workload;
import dev.sluice.flume.testsupport.ChildProcess;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.ServerProcess;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The AMPS sink in a real Flume agent beside the raw amps-client, publishing the same bodies to the
 * same server (the testkit, in its own process, no transaction log) in the same run.
 *
 * <p>Scenarios: {@code maxBatch} 100 and 1000, each with the publish flush on (a memory publish
 * store, {@code publishFlushTimeout = 0}: every batch waits for AMPS's persisted acks) and off (a
 * file publish store, {@code publishFlushTimeout = -1}: a batch is safe once in the file).
 *
 * <ul>
 *   <li><b>ours</b>: an agent with Flume's {@code seq} source, a memory channel and the sink.
 *       Counted: the channel's {@code EventTakeSuccessCount}, the events the sink took and
 *       committed (Flume's {@code null} sink of the reference run has no counters of its own, the
 *       channel counts both the same way).
 *   <li><b>anchor</b>: {@link RawPublisherMain}, an {@code HAClient} with the same store in a child
 *       JVM of its own with the same heap, publishing the same bodies ({@code seq}'s: the decimal
 *       numbers 0, 1, 2, ...) in batches of {@code maxBatch}, with {@code publishFlush()} after
 *       each batch when the flush is on. Counted: the events of each batch once it is safe.
 * </ul>
 *
 * <p>Both sides alike: each is a fresh JVM that starts publishing at once and publishes the same
 * warm-up events before the measured ones, counted by the same observer ({@link JmxCount} over JMX
 * from this JVM, every {@link SteadyRate#POLL_MILLIS} ms), and timed between 10% and 90% of the
 * measured events ({@link SteadyRate}). A third run per batch size puts Flume's own {@code null}
 * sink in the same agent, as a reference for what the source and channel leave to any sink on this
 * machine (its ratio to the same raw run). The order alternates between comparisons and rounds;
 * each ratio is the median of the rounds' ratios. Only ratios are printed: the client's licence
 * does not allow publishing its own figures. Bodies of a few bytes make per-message costs dominate,
 * the least favourable case for the agent.
 *
 * <pre>
 * bin/bench amps-sink [--events N] [--warmup N] [--rounds R] [--batches 100,1000]
 *                     [--tarball FILE] [--jfr DIR] [--quick]
 * </pre>
 *
 * <p>The warm-up defaults to max(1,000,000, events / 5), as for the AMPS source, whose profile
 * showed the agent's JIT compiler threads still busy in the measured window after 100,000 warm-up
 * events (the agent's JVM runs Flume's source, channel and sink code, the raw client's one loop).
 * This benchmark was not profiled for it; its ratios rose with the longer warm-up (the results page
 * compares the runs).
 */
public final class AmpsSinkThroughput {
  static final String TITLE = "AMPS sink";
  private static final Duration GENEROUS = Duration.ofMinutes(5);
  private static final boolean[] FLUSH = {true, false};
  private static final String CHANNEL_MBEAN = "org.apache.flume.channel:type=ch";
  private static final String HEAP = "-Xmx512m";

  private final int events;
  private final int warmup;
  private final Path jfrDir;
  private final Path work;
  private final AmpsBenchEnvironment env;
  private int runNumber;

  private AmpsSinkThroughput(int events, int warmup, Path jfrDir, AmpsBenchEnvironment env) {
    this.env = env;
    this.events = events;
    this.warmup = warmup;
    this.jfrDir = jfrDir;
    this.work = env.work();
  }

  public static Section run(String[] args) throws Exception {
    BenchArgs a =
        BenchArgs.parse(
            "amps-sink",
            args,
            List.of("--events", "--warmup", "--rounds", "--batches", "--tarball", "--jfr"),
            List.of("--quick"),
            "[--events N] [--warmup N] [--rounds R] [--batches 100,1000] [--tarball FILE]"
                + " [--jfr DIR] [--quick]");
    boolean quick = a.flag("--quick");
    int events = a.positive("--events", quick ? 50_000 : 500_000);
    int warmup = a.positive("--warmup", Math.max(quick ? 100_000 : 1_000_000, events / 5));
    int rounds = a.positive("--rounds", quick ? 2 : 5);
    List<Integer> batches = new ArrayList<>();
    for (String b : a.text("--batches", "100,1000").split(",")) {
      try {
        batches.add(Integer.parseInt(b.trim()));
      } catch (NumberFormatException e) {
        throw a.error("--batches wants whole numbers separated by commas, got '" + b + "'");
      }
    }
    Path tarball = a.path("--tarball");
    Path jfr = a.path("--jfr");
    if (jfr != null) {
      jfr = Files.createDirectories(jfr.toAbsolutePath());
    }
    Section.Recorder section = Section.begin("amps-sink", TITLE, a.command());
    try (AmpsBenchEnvironment env =
        AmpsBenchEnvironment.create("amps-sink", tarball == null ? null : tarball.toString())) {
      new AmpsSinkThroughput(events, warmup, jfr, env).run(section, rounds, batches, System.out);
    }
    return section.end();
  }

  private void run(Section.Recorder section, int rounds, List<Integer> batches, PrintStream out)
      throws Exception {
    out.printf(
        Locale.ROOT,
        "amps-sink benchmark: %d events per run after %d warm-up, %d rounds, work %s%n",
        events,
        warmup,
        rounds,
        work);
    String uri = env.startTestkit("512m");
    Map<String, List<Side>> agents = new LinkedHashMap<>();
    Map<String, List<Side>> raws = new LinkedHashMap<>();
    Map<String, List<Side>> nullSinks = new LinkedHashMap<>();
    Map<String, List<Side>> nullRaws = new LinkedHashMap<>();
    int comparison = 0;
    for (int round = 0; round < rounds; round++) {
      for (int batch : batches) {
        for (boolean flush : FLUSH) {
          boolean agentFirst = (round + comparison++) % 2 == 0;
          Side agent;
          Side raw;
          if (agentFirst) {
            agent = agentRun(uri, batch, flush);
            raw = rawRun(uri, batch, flush);
          } else {
            raw = rawRun(uri, batch, flush);
            agent = agentRun(uri, batch, flush);
          }
          double agentRate = agent.rate;
          double rawRate = raw.rate;
          String label = label(batch, flush);
          agents.computeIfAbsent(label, k -> new ArrayList<>()).add(agent);
          raws.computeIfAbsent(label, k -> new ArrayList<>()).add(raw);
          out.printf(
              Locale.ROOT,
              "round %d %-36s agent/raw %.2f (%s first)%n",
              round + 1,
              label,
              agentRate / rawRate,
              agentFirst ? "agent" : "raw");
          if (flush) {
            // Flume's ceiling on this machine: the same agent with its null sink.
            String reference = "maxBatch " + batch + ", Flume's null sink (reference)";
            Side nullSink = nullSinkRun(batch);
            nullSinks.computeIfAbsent(reference, k -> new ArrayList<>()).add(nullSink);
            nullRaws.computeIfAbsent(reference, k -> new ArrayList<>()).add(raw);
            double r = nullSink.rate / rawRate;
            out.printf(Locale.ROOT, "round %d %-36s /raw %.2f%n", round + 1, reference, r);
          }
        }
      }
    }
    section.description(
        String.format(
            Locale.ROOT,
            "The AMPS sink in a real Flume 1.11 agent (Flume's `seq` source, a memory channel)"
                + " against the raw amps-client in a child JVM of its own with the same heap and"
                + " the same publish store, publishing the same bodies (the decimal numbers 0, 1,"
                + " 2, ...) in batches of `maxBatch`, `publishFlush()` after each batch when the"
                + " flush is on; both publish %,d warm-up events and then %,d measured ones to the"
                + " AMPS testkit in its own process (no transaction log). Flush on: a memory"
                + " publish store, `publishFlushTimeout = 0` (every batch waits for the persisted"
                + " acks); off: a file publish store, `publishFlushTimeout = -1`. One observer for"
                + " both: a JMX count polled every %d ms from the benchmark's JVM (the channel's"
                + " `EventTakeSuccessCount` for the agent, the events of each batch once safe for"
                + " the raw client); events/s between 10%% and 90%% of the measured events. CPU per"
                + " million events over the same window and peak RSS of each side's JVM"
                + " (`AgentRun`). A third run per batch size puts Flume's own `null` sink in the"
                + " same agent, as a reference for what the source and channel leave to any sink"
                + " on this machine (its ratio to the same round's raw run). The order alternates"
                + " between comparisons and rounds (%d rounds). Ratios only: the client's licence"
                + " forbids publishing its figures.",
            warmup,
            events,
            SteadyRate.POLL_MILLIS,
            rounds));
    for (Map.Entry<String, List<Side>> e : agents.entrySet()) {
      section.add(
          Workload.of(e.getKey(), "events/s")
              .anchor("raw amps-client publisher", Side.series(raws.get(e.getKey()), s -> s.rate))
              .ours("AMPS sink in an agent", Side.series(e.getValue(), s -> s.rate))
              .goal(Goal.ratioAtLeast(0.9))
              .ratiosOnly()
              .build());
    }
    for (Map.Entry<String, List<Side>> e : nullSinks.entrySet()) {
      section.add(
          Workload.of(e.getKey(), "events/s")
              .anchor(
                  "raw amps-client publisher, flush on",
                  Side.series(nullRaws.get(e.getKey()), s -> s.rate))
              .ours("the same agent with Flume's null sink", Side.series(e.getValue(), s -> s.rate))
              .ratiosOnly()
              .build());
    }
    Side.addCosts(section, agents, raws);
  }

  private static String label(int batch, boolean flush) {
    return "maxBatch " + batch + ", flush " + (flush ? "on (memory store)" : "off (file store)");
  }

  // ------------------------------------------------------------------ ours: a real agent

  private Side agentRun(String uri, int batch, boolean flush) throws Exception {
    int n = ++runNumber;
    Path dir = Files.createDirectories(work.resolve("agent-" + n));
    List<String> config = agentConfig(batch);
    config.addAll(
        List.of(
            "a1.sinks.k1.type = dev.sluice.flume.amps.sink.AmpsSink",
            "a1.sinks.k1.clientName = bench-agent-" + n,
            "a1.sinks.k1.uri = " + uri,
            "a1.sinks.k1.topic = bench-" + n,
            "a1.sinks.k1.maxBatch = " + batch));
    if (flush) {
      config.add("a1.sinks.k1.pubStoreType = memory");
      config.add("a1.sinks.k1.publishFlushTimeout = 0");
    } else {
      config.add("a1.sinks.k1.pubStoreType = file");
      config.add("a1.sinks.k1.pubStorePath = " + dir.resolve("k1.pubstore"));
      config.add("a1.sinks.k1.publishFlushTimeout = -1");
    }
    return agentRate(dir, config, "amps-" + batch + (flush ? "-flush" : "-file") + "-" + n);
  }

  /** The same agent with Flume's null sink: what Flume itself allows on this machine. */
  private Side nullSinkRun(int batch) throws Exception {
    int n = ++runNumber;
    Path dir = Files.createDirectories(work.resolve("agent-" + n));
    List<String> config = agentConfig(batch);
    config.add("a1.sinks.k1.type = null");
    config.add("a1.sinks.k1.batchSize = " + batch);
    return agentRate(dir, config, "null-" + batch + "-" + n);
  }

  /** The seq source and memory channel every agent run shares. */
  private List<String> agentConfig(int batch) {
    return new ArrayList<>(
        List.of(
            "a1.sources = src",
            "a1.channels = ch",
            "a1.sinks = k1",
            "a1.sources.src.type = seq",
            "a1.sources.src.totalEvents = " + (warmup + events),
            "a1.sources.src.batchSize = " + batch,
            "a1.sources.src.channels = ch",
            "a1.channels.ch.type = memory",
            "a1.channels.ch.capacity = " + Math.max(10_000, 20 * batch),
            "a1.channels.ch.transactionCapacity = " + batch,
            "a1.sinks.k1.channel = ch"));
  }

  private Side agentRate(Path dir, List<String> config, String jfrName) throws Exception {
    List<String> jvm = new ArrayList<>(List.of(HEAP));
    if (jfrDir != null) {
      jvm.add(AmpsBenchEnvironment.jfrOption(jfrDir.resolve("agent-" + jfrName + ".jfr")));
    }
    FlumeAgent agent =
        FlumeAgent.builder("a1")
            .workDir(dir)
            .config(String.join("\n", config))
            .plugin(env.tarball())
            .libext("sluice-amps-sink", AmpsBenchEnvironment.ampsClientJar())
            .jvmArgs(jvm.toArray(new String[0]))
            .logLevel("dev.sluice", "WARN")
            .build();
    agent.start();
    try (JmxCount taken = new JmxCount(agent.jmxPort(), CHANNEL_MBEAN, "EventTakeSuccessCount")) {
      return measure(taken, agent);
    } finally {
      agent.stop(Duration.ofSeconds(60));
    }
  }

  /** The same for both sides: the rate between 10% and 90% of the events after the warm-up. */
  private Side measure(JmxCount count, ChildProcess child) throws Exception {
    AgentRun cost = AgentRun.of(child);
    double rate =
        SteadyRate.measure(
            count::get,
            (long) warmup + events / 10,
            (long) warmup + events - events / 10,
            GENEROUS,
            child::isAlive,
            cost);
    return new Side(rate, cost);
  }

  // ------------------------------------------------------------------ the anchor: the raw client

  private Side rawRun(String uri, int batch, boolean flush) throws Exception {
    int n = ++runNumber;
    Path dir = Files.createDirectories(work.resolve("raw-" + n));
    int jmxPort = FreePorts.allocate();
    List<String> jvm = new ArrayList<>(List.of(HEAP));
    jvm.addAll(JmxCount.systemProperties(jmxPort));
    if (jfrDir != null) {
      String name = "raw-" + batch + (flush ? "-flush" : "-file") + "-" + n + ".jfr";
      jvm.add(AmpsBenchEnvironment.jfrOption(jfrDir.resolve(name)));
    }
    ServerProcess raw =
        ServerProcess.jvm("raw-publisher", RawPublisherMain.class.getName())
            .classpath(AmpsBenchEnvironment.benchmarkClasspath())
            .jvmArgs(jvm.toArray(new String[0]))
            .args(
                uri,
                "bench-" + n,
                "bench-raw-" + n,
                Integer.toString(batch),
                Long.toString((long) warmup + events),
                flush ? "memory" : dir.resolve("raw.pubstore").toString())
            .workDir(dir)
            .build();
    raw.start();
    try (JmxCount published = new JmxCount(jmxPort, RawCount.OBJECT_NAME, RawCount.ATTRIBUTE)) {
      return measure(published, raw);
    } finally {
      raw.stop(Duration.ofSeconds(30)); // a JFR recording is written at exit
    }
  }
}
