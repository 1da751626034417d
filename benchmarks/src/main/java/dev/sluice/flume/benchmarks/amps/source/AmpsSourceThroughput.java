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
package dev.sluice.flume.benchmarks.amps.source;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import dev.sluice.flume.benchmarks.BenchArgs;
import dev.sluice.flume.benchmarks.WorkDirs;
import dev.sluice.flume.benchmarks.agent.AgentRun;
import dev.sluice.flume.benchmarks.amps.AmpsBenchEnvironment;
import dev.sluice.flume.benchmarks.amps.JmxCount;
import dev.sluice.flume.benchmarks.amps.RawCount;
import dev.sluice.flume.benchmarks.amps.Side;
import dev.sluice.flume.benchmarks.amps.SteadyRate;
import dev.sluice.flume.benchmarks.report.Goal;
import dev.sluice.flume.benchmarks.report.Section;
import dev.sluice.flume.benchmarks.report.Series;
import dev.sluice.flume.benchmarks.report.Workload;
import dev.sluice.flume.testsupport.ChildProcess;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.ProcessStats;
import dev.sluice.flume.testsupport.ReadinessProbe;
import dev.sluice.flume.testsupport.ServerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The AMPS source in a real Flume agent beside the raw amps-client subscribing to the same testkit
 * while the same publisher publishes the same bodies, in the same run: a plain subscription and a
 * bookmark subscription (the testkit with its transaction log on, a {@code bookmarkLog} on both
 * sides), each at {@code maxBatch} 100, 1000 and 10,000.
 *
 * <ul>
 *   <li><b>ours</b>: an agent with the source (built-in HAClient factory), a memory channel whose
 *       {@code transactionCapacity} is {@code maxBatch}, and Flume's {@code null} sink. Counted:
 *       the source's {@code EventAcceptedCount} (events committed to the channel).
 *   <li><b>anchor</b>: {@link RawSubscriberMain}, the raw client in a child JVM of its own with the
 *       same heap, a handler that copies each body (and, on the bookmark path, discards its
 *       bookmark in a {@code LoggedBookmarkStore}). Counted: the bodies copied.
 * </ul>
 *
 * <p>Both sides alike: each is a fresh child JVM, counted by the same observer ({@link JmxCount}
 * over JMX from this JVM, every {@link SteadyRate#POLL_MILLIS} ms); each gets the same warm-up
 * burst (published and counted before anything is timed, so that the JIT has settled in both JVMs:
 * the agent has far more code to compile than the raw client; 3,000,000 events on the plain path,
 * 1,000,000 on the bookmark path, or a fifth of the measured events where that is more); then a
 * plain {@code Client} in this JVM publishes {@code --events} (plain path) or {@code
 * --bookmark-events} small JSON bodies as fast as it can, and the rate is taken between 10% and 90%
 * of them ({@link SteadyRate}). Each comparison gets a testkit of its own, started fresh (bounded
 * memory with the log on) and warmed by the same burst sent to a subscriber in this JVM; the agent
 * and the raw client use it one after the other, in an order that alternates between comparisons
 * and rounds. Each ratio is the median of the rounds' ratios. Only ratios are printed: the client's
 * licence does not allow publishing its figures.
 *
 * <p>With {@code --jfr DIR} each side's JVM records a JFR profile (settings {@code profile}) of the
 * measured window only ({@link JfrWindow}: from the poll that sees 10% of the events to the one
 * that sees 90%) into {@code DIR}, named by side, path, {@code maxBatch} and run; and after each
 * measured run, once every event is counted, each side's idle CPU per second is printed, with and
 * without the observer's polling (the fixed costs that weigh on CPU per event at low rates). Rates
 * and CPU figures of a {@code --jfr} run include the recording's own cost. {@code --threads} prints
 * the idle costs and every thread's CPU per event over the window without recording anything
 * ({@link JfrWindow}); these console lines hold the raw client's figures, which are not to be
 * published. Every run, with or without these options, takes each thread's CPU over the window from
 * {@code /proc} (two reads of the threads' {@code stat}, at the window's marks) for the page's
 * per-thread rows, which are ratios. {@code --paths plain} runs the plain subscription only.
 *
 * <pre>
 * bin/bench amps-source [--events N] [--bookmark-events N] [--warmup N] [--bookmark-warmup N]
 *                       [--rounds R]
 *                       [--batches 100,1000,10000] [--paths plain,bookmark] [--tarball FILE]
 *                       [--jfr DIR] [--threads] [--quick]
 * </pre>
 */
public final class AmpsSourceThroughput {
  static final String TITLE = "AMPS source";
  private static final Duration GENEROUS = Duration.ofMinutes(5);
  private static final String PAD = "x".repeat(32);
  private static final String SOURCE_MBEAN = "org.apache.flume.source:type=amps";
  private static final String HEAP = "-Xmx1g";
  private static final String SUB_ID = "bench-sub";
  private static final int IDLE_SECONDS = 5;

  // Thread names as /proc/<pid>/task/<tid>/stat shows them: cut to 15 characters, digits folded.
  /** The AMPS client's receive thread ("AMPS Java Client Background Reader Thread N"). */
  static final String READER = "AMPS Java Clien";

  /** Flume's thread that runs a pollable source ("PollableSourceRunner-AmpsSource-amps"). */
  static final String POLLER = "PollableSourceR";

  /** Flume's sink runner ("SinkRunner-PollingRunner-DefaultSinkProcessor"). */
  static final String SINK_RUNNER = "SinkRunner-Poll";

  /** The two subscription paths of the source. */
  enum SubscriptionPath {
    PLAIN("plain"),
    BOOKMARK("bookmark");

    final String label;

    SubscriptionPath(String label) {
      this.label = label;
    }

    static SubscriptionPath of(String label) {
      for (SubscriptionPath p : values()) {
        if (p.label.equals(label)) {
          return p;
        }
      }
      throw new IllegalArgumentException("no path '" + label + "' (plain, bookmark)");
    }
  }

  private final int events;
  private final int bookmarkEvents;
  private final int warmup;
  private final int bookmarkWarmup;
  private final Path jfrDir;
  private final boolean threads;
  private final Path work;
  private final AmpsBenchEnvironment env;
  private int runNumber;

  private AmpsSourceThroughput(
      int events,
      int bookmarkEvents,
      int warmup,
      int bookmarkWarmup,
      Path jfrDir,
      boolean threads,
      AmpsBenchEnvironment env) {
    this.threads = threads;
    this.env = env;
    this.events = events;
    this.bookmarkEvents = bookmarkEvents;
    this.warmup = warmup;
    this.bookmarkWarmup = bookmarkWarmup;
    this.jfrDir = jfrDir;
    this.work = env.work();
  }

  public static Section run(String[] args) throws Exception {
    BenchArgs a =
        BenchArgs.parse(
            "amps-source",
            args,
            List.of(
                "--events",
                "--bookmark-events",
                "--warmup",
                "--bookmark-warmup",
                "--rounds",
                "--batches",
                "--paths",
                "--tarball",
                "--jfr"),
            List.of("--quick", "--threads"),
            "[--events N] [--bookmark-events N] [--warmup N] [--bookmark-warmup N] [--rounds R]"
                + " [--batches 100,1000,10000] [--paths plain,bookmark] [--tarball FILE]"
                + " [--jfr DIR] [--threads] [--quick]");
    boolean quick = a.flag("--quick");
    // The plain path runs many times faster than the bookmark path (the bookmark log's writes):
    // with 500,000 events its single rounds ranged from 0.60x to 1.08x (results page, maxBatch
    // 100), the bookmark path's from 0.78x to 0.80x.
    int events = a.positive("--events", quick ? 250_000 : 2_500_000);
    int bookmarkEvents = a.positive("--bookmark-events", quick ? 50_000 : 500_000);
    // Long enough for the agent's JIT to settle. After 100,000 the compiler threads still took more
    // than half of the agent's CPU in the measured window. After 1,000,000 plain-path events (under
    // 2 s on a machine where the plain path runs fast), 17% to 33% of it: C2 compiling the receive
    // loop, processEventBatch and the null sink's process in the window (JFR). After 3,000,000, 7%
    // to 10%, as after 6,000,000. The bookmark path is slower: its 1,000,000 take longer than the
    // plain path's 3,000,000.
    int warmup = a.positive("--warmup", Math.max(quick ? 100_000 : 3_000_000, events / 5));
    int bookmarkWarmup =
        a.positive("--bookmark-warmup", Math.max(quick ? 100_000 : 1_000_000, bookmarkEvents / 5));
    int rounds = a.positive("--rounds", quick ? 2 : 5);
    List<Integer> batches = new ArrayList<>();
    for (String b : a.text("--batches", "100,1000,10000").split(",")) {
      try {
        batches.add(Integer.parseInt(b.trim()));
      } catch (NumberFormatException e) {
        throw a.error("--batches wants whole numbers separated by commas, got '" + b + "'");
      }
    }
    List<SubscriptionPath> paths = new ArrayList<>();
    for (String p : a.text("--paths", "plain,bookmark").split(",")) {
      try {
        paths.add(SubscriptionPath.of(p.trim()));
      } catch (IllegalArgumentException e) {
        throw a.error("--paths: " + e.getMessage());
      }
    }
    Path tarball = a.path("--tarball");
    Path jfr = a.path("--jfr");
    if (jfr != null) {
      jfr = Files.createDirectories(jfr.toAbsolutePath());
    }
    Section.Recorder section = Section.begin("amps-source", TITLE, a.command());
    try (AmpsBenchEnvironment env =
        AmpsBenchEnvironment.create("amps-source", tarball == null ? null : tarball.toString())) {
      new AmpsSourceThroughput(
              events, bookmarkEvents, warmup, bookmarkWarmup, jfr, a.flag("--threads"), env)
          .run(section, rounds, paths, batches, System.out);
    }
    return section.end();
  }

  private void run(
      Section.Recorder section,
      int rounds,
      List<SubscriptionPath> paths,
      List<Integer> batches,
      PrintStream out)
      throws Exception {
    out.printf(
        Locale.ROOT,
        "amps-source benchmark: %d events per run after %d warm-up (bookmark path %d after %d),"
            + " %d rounds, work %s%n",
        events,
        warmup,
        bookmarkEvents,
        bookmarkWarmup,
        rounds,
        work);
    Map<String, List<Side>> agents = new LinkedHashMap<>();
    Map<String, List<Side>> raws = new LinkedHashMap<>();
    int comparison = 0;
    for (int round = 0; round < rounds; round++) {
      int inRound = 0;
      for (SubscriptionPath path : paths) {
        for (int batch : batches) {
          // Alternates within a round and, for each comparison, from one round to the next (also
          // when a run holds one comparison only).
          boolean agentFirst = (round + inRound++) % 2 == 0;
          comparison++;
          String label = path.label + " subscription, maxBatch " + batch;
          Path dir = Files.createDirectories(work.resolve("cmp-" + comparison));
          Side agent;
          Side raw;
          try (AmpsBenchEnvironment.Testkit testkit =
              env.startTestkit(dir.resolve("testkit"), "1g", path == SubscriptionPath.BOOKMARK)) {
            warmTestkit(testkit.uri(), "bench-warm-" + comparison, warmupOf(path));
            if (agentFirst) {
              agent = agentRun(testkit.uri(), path, batch, dir);
              raw = rawRun(testkit.uri(), path, dir);
            } else {
              raw = rawRun(testkit.uri(), path, dir);
              agent = agentRun(testkit.uri(), path, batch, dir);
            }
          }
          agents.computeIfAbsent(label, k -> new ArrayList<>()).add(agent);
          raws.computeIfAbsent(label, k -> new ArrayList<>()).add(raw);
          double ratio = agent.rate / raw.rate;
          out.printf(
              Locale.ROOT,
              "round %d %-40s agent/raw %.2f (%s first)%n",
              round + 1,
              label,
              ratio,
              agentFirst ? "agent" : "raw");
        }
      }
    }
    section.description(
        String.format(
            Locale.ROOT,
            "The AMPS source in a real Flume 1.11 agent (built-in HAClient factory, a memory"
                + " channel whose `transactionCapacity` is `maxBatch`, Flume's `null` sink) against"
                + " the raw amps-client in a child JVM of its own with the same heap (a handler that"
                + " copies each body; on the bookmark path it also discards each bookmark in a"
                + " `LoggedBookmarkStore`), both subscribed to the same fresh AMPS testkit (its own"
                + " process; transaction log on for the bookmark path, where both sides keep a"
                + " `bookmarkLog`, %s)"
                + " while a plain `Client` in the benchmark's JVM publishes %,d small"
                + " JSON bodies (%,d on the bookmark path) as fast as it can, after a warm-up burst"
                + " of %,d (%,d on the bookmark path) that both sides receive and count before"
                + " anything is timed: without enough of it the agent's JIT compiler was still at"
                + " work in the measured window, which the raw client's, with far less code, was"
                + " not. Before"
                + " either side, the same burst warms the fresh testkit through a subscriber in the"
                + " benchmark's JVM (without it, the side that ran first was slower, whichever it"
                + " was). One observer for both: a JMX count"
                + " polled every %d ms from the benchmark's JVM (the source's"
                + " `EventAcceptedCount`, the raw client's bodies copied); events/s between 10%%"
                + " and 90%% of the measured events. CPU per million events over the same window"
                + " and peak RSS of each side's JVM (`AgentRun`). Over the same window each"
                + " thread's CPU from `/proc/<pid>/task`: the AMPS client's receive thread, which in"
                + " the agent also runs the source's handler (body copy, headers, hand-off), against"
                + " the raw client's (rows \"receive thread CPU\"); and the share of the agent's CPU"
                + " spent by the two threads the raw client does not have: Flume's polling thread"
                + " (the source's batch loop and the channel processor's memory-channel puts and"
                + " commits) and the sink runner (the `null` sink's takes). Over the same window"
                + " the whole machine's CPU from `/proc/stat` (every process: the side, the"
                + " testkit, the publisher): the share of its cores that was busy in each side's"
                + " run, and its busy CPU per event in the agent's run against the raw client's"
                + " run. With every core busy, a run's events/s are the machine's busy CPU divided"
                + " by its CPU per event, so Flume's threads cap the agent however little the"
                + " source itself costs: the rows \"ceiling set by Flume's polling thread and sink"
                + " runner\" divide the raw run's machine-wide CPU per event by the same plus the"
                + " agent's polling thread and sink runner per event (the polling thread also runs"
                + " the source's batch loop, a small part of it), the events/s the agent would"
                + " reach if everything else it runs cost exactly what the raw client's JVM costs."
                + " The order alternates between comparisons and rounds (%d rounds). Ratios only:"
                + " the client's licence forbids publishing its figures.",
            shmUsable()
                ? "in a fresh directory in memory, `/dev/shm`, deleted after the run: on the disk,"
                    + " one run's log was still being written back in the next run"
                : "in the run's directory on the disk: this machine has no writable `/dev/shm`, so"
                    + " one run's log can still be written back while the next is measured",
            events,
            bookmarkEvents,
            warmup,
            bookmarkWarmup,
            SteadyRate.POLL_MILLIS,
            rounds));
    for (Map.Entry<String, List<Side>> e : agents.entrySet()) {
      List<Side> raw = raws.get(e.getKey());
      section.add(
          Workload.of(e.getKey(), "events/s")
              .anchor("raw amps-client subscriber", Side.series(raw, s -> s.rate))
              .ours("AMPS source in an agent", Side.series(e.getValue(), s -> s.rate))
              .goal(Goal.ratioAtLeast(0.95))
              .ratiosOnly()
              .build());
    }
    Side.addCosts(section, agents, raws);
    for (Map.Entry<String, List<Side>> e : agents.entrySet()) {
      List<Side> raw = raws.get(e.getKey());
      section.add(
          Workload.of(e.getKey() + ": receive thread CPU", "CPU µs per event")
              .lowerIsBetter()
              .anchor("raw client's receive thread", Side.series(raw, s -> s.threadMicros(READER)))
              .ours(
                  "the agent's receive thread",
                  Side.series(e.getValue(), s -> s.threadMicros(READER)))
              .ratiosOnly()
              .build());
      section.add(
          Workload.of(
                  e.getKey() + ": polling thread + sink runner, share of the agent's CPU",
                  "CPU µs per event")
              .lowerIsBetter()
              .anchor("all the agent's threads", Side.series(e.getValue(), Side::threadMicrosTotal))
              .ours(
                  "polling thread + sink runner",
                  Side.series(e.getValue(), s -> s.threadMicros(POLLER, SINK_RUNNER)))
              .ratiosOnly()
              .build());
    }
    addMachineRows(section, agents, raws);
  }

  /**
   * Per comparison, the whole machine over the measured windows: how busy its cores were in each
   * side's run, the busy CPU per event (every process) of the agent's run against the raw client's,
   * and the ceiling that Flume's own threads set: with every core busy, a run's events/s are the
   * busy CPU divided by the machine's CPU per event, so an agent whose every other thread cost what
   * the raw client's JVM does would still add its polling thread's and sink runner's CPU per event
   * to the raw run's machine-wide figure.
   */
  private static void addMachineRows(
      Section.Recorder section, Map<String, List<Side>> agents, Map<String, List<Side>> raws) {
    for (Map.Entry<String, List<Side>> e : agents.entrySet()) {
      List<Side> agent = e.getValue();
      List<Side> raw = raws.get(e.getKey());
      section.add(
          Workload.of(e.getKey() + ": machine's cores busy", "share of all cores busy")
              .anchor("in the raw client's run", Side.series(raw, s -> s.machineBusy))
              .ours("in the agent's run", Side.series(agent, s -> s.machineBusy))
              .build());
      section.add(
          Workload.of(e.getKey() + ": machine-wide CPU", "CPU µs per event, every process")
              .lowerIsBetter()
              .anchor("the raw client's run", Side.series(raw, s -> s.machineMicrosPerEvent))
              .ours("the agent's run", Side.series(agent, s -> s.machineMicrosPerEvent))
              .ratiosOnly()
              .build());
      Series ceiling = new Series();
      Series anchor = new Series();
      for (int i = 0; i < agent.size(); i++) {
        double rawMachine = raw.get(i).machineMicrosPerEvent;
        anchor.add(1e6 / rawMachine);
        ceiling.add(1e6 / (rawMachine + agent.get(i).threadMicros(POLLER, SINK_RUNNER)));
      }
      section.add(
          Workload.of(
                  e.getKey() + ": ceiling set by Flume's polling thread and sink runner",
                  "events per busy CPU-second of the machine")
              .anchor("the raw client's run", anchor)
              .ours("the raw client's run + the agent's polling thread and sink runner", ceiling)
              .ratiosOnly()
              .build());
    }
  }

  private int eventsOf(SubscriptionPath path) {
    return path == SubscriptionPath.BOOKMARK ? bookmarkEvents : events;
  }

  private int warmupOf(SubscriptionPath path) {
    return path == SubscriptionPath.BOOKMARK ? bookmarkWarmup : warmup;
  }

  // ------------------------------------------------------------------ the publisher

  /**
   * Sends a warm-up burst through a fresh testkit to a subscriber in this JVM before either side
   * runs, so that neither side meets a testkit colder than the other's: without it, the side that
   * ran first on a fresh testkit was the slower one, whichever side it was, which made the median
   * of an odd number of alternating rounds lean towards the order of the majority.
   */
  private void warmTestkit(String uri, String topic, int warmup) throws Exception {
    Client subscriber = new Client("bench-warm-subscriber-" + topic);
    AtomicLong received = new AtomicLong();
    try {
      subscriber.connect(uri);
      subscriber.logon();
      subscriber.executeAsync(
          new Command("subscribe").setTopic(topic), m -> received.incrementAndGet());
      publish(uri, topic, 0, warmup);
      SteadyRate.await(received::get, warmup, GENEROUS, () -> true);
    } finally {
      subscriber.close();
    }
  }

  /** Publishes {@code count} bodies to the topic as fast as the client goes. */
  private static void publish(String uri, String topic, int first, int count) throws Exception {
    Client publisher = new Client("bench-publisher-" + topic + "-" + first);
    try {
      publisher.connect(uri);
      publisher.logon();
      byte[] t = topic.getBytes(StandardCharsets.UTF_8);
      for (int i = first; i < first + count; i++) {
        byte[] body =
            ("{\"seq\":" + i + ",\"pad\":\"" + PAD + "\"}").getBytes(StandardCharsets.UTF_8);
        publisher.publish(t, 0, t.length, body, 0, body.length);
      }
      publisher.publishFlush();
    } finally {
      publisher.close();
    }
  }

  /**
   * The measured part, the same for both sides once the subscriber is in place: the warm-up burst
   * of {@code warmup} events, counted; then {@code events} more, timed from 10% to 90% of them.
   * With {@code --jfr} or {@code --threads}, also its threads' CPU over the window ({@link
   * JfrWindow}) and, once everything is counted, its idle CPU (fixed costs per second, observer
   * polling or not); with {@code --jfr}, a JFR recording of the measured window only, named {@code
   * jfrName}.
   */
  private Side measure(
      String uri,
      String topic,
      int events,
      int warmup,
      JmxCount count,
      ChildProcess child,
      int jmxPort,
      String jfrName)
      throws Exception {
    publish(uri, topic, 0, warmup);
    long base = SteadyRate.await(count::get, warmup, GENEROUS, child::isAlive);
    Exception[] failed = new Exception[1];
    Thread publisher =
        new Thread(
            () -> {
              try {
                publish(uri, topic, warmup, events);
              } catch (Exception e) {
                failed[0] = e;
              }
            },
            "bench-publisher");
    long low = base + events / 10;
    long high = base + events - events / 10;
    double rate;
    AgentRun cost = AgentRun.of(child);
    Map<String, Double> threadCpu;
    double machineBusy;
    double machineMicros;
    try (JfrWindow jfr =
        new JfrWindow(
            child.pid(),
            jmxPort,
            jfrDir == null ? null : jfrDir.resolve(jfrName + ".jfr"),
            jfrName)) {
      LongSupplier counted = jfr.watching(count::get, low, high);
      publisher.start();
      try {
        rate =
            SteadyRate.measure(
                counted, low, high, GENEROUS, () -> child.isAlive() && failed[0] == null, cost);
      } finally {
        publisher.join();
      }
      jfr.await(jfrDir != null || threads ? System.out : null);
      threadCpu = jfr.microsPerEvent();
      machineBusy = jfr.machineBusy();
      machineMicros = jfr.machineMicrosPerEvent();
    }
    if (failed[0] != null) {
      throw new IllegalStateException("publishing failed", failed[0]);
    }
    if (jfrDir != null || threads) {
      // after the window: idle paths taken before it deoptimise hot code, recompiled in the window
      SteadyRate.await(count::get, base + events, GENEROUS, child::isAlive);
      idleCost(jfrName, count, child);
    }
    return new Side(rate, cost, threadCpu, machineBusy, machineMicros);
  }

  /**
   * The side's fixed cost once warm and idle: CPU milliseconds per second of its JVM over {@value
   * #IDLE_SECONDS} s while the observer polls its count every {@link SteadyRate#POLL_MILLIS} ms (as
   * during a run), then over as long unpolled. At a rate R events/s, a fixed cost of F ms/s adds F
   * / R ms to every event's CPU.
   */
  private static void idleCost(String name, JmxCount count, ChildProcess child) throws Exception {
    double polled = cpuPerSecond(child, () -> count.get());
    double unpolled = cpuPerSecond(child, () -> {});
    System.out.printf(
        Locale.ROOT,
        "idle %-24s CPU %.1f ms/s while polled every %d ms, %.1f ms/s unpolled%n",
        name,
        polled,
        SteadyRate.POLL_MILLIS,
        unpolled);
  }

  private static double cpuPerSecond(ChildProcess child, Runnable poll) throws Exception {
    ProcessStats stats = ProcessStats.of(child);
    double cpu0 = stats.cpuSeconds();
    long t0 = System.nanoTime();
    long end = t0 + TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
    while (System.nanoTime() < end) {
      poll.run();
      TimeUnit.MILLISECONDS.sleep(SteadyRate.POLL_MILLIS);
    }
    double cpu = ProcessStats.of(child).cpuSeconds() - cpu0;
    return cpu * 1000 / ((System.nanoTime() - t0) / 1e9);
  }

  // ------------------------------------------------------------------ bookmark logs

  private static final Path SHM = Paths.get("/dev/shm");

  /**
   * Where a side's bookmark log goes on the bookmark path: a fresh directory in memory ({@code
   * /dev/shm}) when the machine has one, for both sides alike, deleted after the run. On the disk,
   * the raw client's log (it keeps every entry: about 140 MB per run here) was still being written
   * back while the next run was measured, which added the disk's write-back to whichever side came
   * next; the source prunes its log, so the two sides did not even leave the same work behind.
   */
  private static Path bookmarkDir(SubscriptionPath path, Path runDir) throws IOException {
    if (path != SubscriptionPath.BOOKMARK || !shmUsable()) {
      return runDir;
    }
    return Files.createTempDirectory(SHM, "sluice-bench-bookmarks-");
  }

  /** Whether bookmark logs go to {@link #SHM}; the page's description says where they went. */
  private static boolean shmUsable() {
    return Files.isDirectory(SHM) && Files.isWritable(SHM);
  }

  private static void dropBookmarkDir(Path bookmarks, Path runDir) {
    if (!bookmarks.equals(runDir)) {
      WorkDirs.deleteTree(bookmarks);
    }
  }

  // ------------------------------------------------------------------ ours: a real agent

  private Side agentRun(String uri, SubscriptionPath path, int batch, Path cmpDir)
      throws Exception {
    int n = ++runNumber;
    Path dir = Files.createDirectories(cmpDir.resolve("agent-" + n));
    Path bookmarks = bookmarkDir(path, dir);
    try {
      return agentRun(uri, path, batch, n, dir, bookmarks);
    } finally {
      dropBookmarkDir(bookmarks, dir);
    }
  }

  private Side agentRun(
      String uri, SubscriptionPath path, int batch, int n, Path dir, Path bookmarks)
      throws Exception {
    String topic = "bench-" + n;
    List<String> config =
        new ArrayList<>(
            List.of(
                "a1.sources = amps",
                "a1.channels = ch",
                "a1.sinks = k1",
                "a1.sources.amps.type = dev.sluice.flume.amps.source.AmpsSource",
                "a1.sources.amps.channels = ch",
                "a1.sources.amps.clientName = bench-agent-" + n,
                "a1.sources.amps.uri = " + uri,
                "a1.sources.amps.topic = " + topic,
                "a1.sources.amps.maxBatch = " + batch,
                "a1.channels.ch.type = memory",
                "a1.channels.ch.capacity = " + Math.max(100_000, 20 * batch),
                "a1.channels.ch.transactionCapacity = " + batch,
                "a1.sinks.k1.type = null",
                "a1.sinks.k1.batchSize = " + batch,
                "a1.sinks.k1.channel = ch"));
    if (path == SubscriptionPath.BOOKMARK) {
      config.add("a1.sources.amps.bookmarkLog = " + bookmarks.resolve("bookmarks.log"));
      config.add("a1.sources.amps.subscriptionId = " + SUB_ID);
    }
    List<String> jvm = new ArrayList<>(List.of(HEAP));
    FlumeAgent agent =
        FlumeAgent.builder("a1")
            .workDir(dir)
            .config(String.join("\n", config))
            .plugin(env.tarball())
            .libext("sluice-amps-source", AmpsBenchEnvironment.ampsClientJar())
            .jvmArgs(jvm.toArray(new String[0]))
            .logLevel("dev.sluice", "WARN")
            .build();
    agent.start();
    try (JmxCount accepted = new JmxCount(agent.jmxPort(), SOURCE_MBEAN, "EventAcceptedCount");
        JmxCount subscribed = new JmxCount(agent.jmxPort(), SOURCE_MBEAN, "Subscribed")) {
      // Flume's null sink has no counters, so FlumeAgent.awaitStarted cannot tell
      SteadyRate.await(subscribed::get, 1, GENEROUS, agent::isAlive);
      return measure(
          uri,
          topic,
          eventsOf(path),
          warmupOf(path),
          accepted,
          agent,
          agent.jmxPort(),
          "agent-" + path.label + "-" + batch + "-" + n);
    } finally {
      agent.stop(Duration.ofSeconds(60));
    }
  }

  // ------------------------------------------------------------------ the anchor: the raw client

  private Side rawRun(String uri, SubscriptionPath path, Path cmpDir) throws Exception {
    int n = ++runNumber;
    Path dir = Files.createDirectories(cmpDir.resolve("raw-" + n));
    Path bookmarks = bookmarkDir(path, dir);
    try {
      return rawRun(uri, path, n, dir, bookmarks);
    } finally {
      dropBookmarkDir(bookmarks, dir);
    }
  }

  private Side rawRun(String uri, SubscriptionPath path, int n, Path dir, Path bookmarks)
      throws Exception {
    String topic = "bench-" + n;
    int jmxPort = FreePorts.allocate();
    List<String> args = new ArrayList<>(List.of(uri, topic, "bench-raw-" + n));
    if (path == SubscriptionPath.BOOKMARK) {
      args.add(bookmarks.resolve("bookmarks.log").toString());
      args.add(SUB_ID);
    }
    List<String> jvm = new ArrayList<>(List.of(HEAP));
    jvm.addAll(JmxCount.systemProperties(jmxPort));
    ServerProcess raw =
        ServerProcess.jvm("raw-subscriber", RawSubscriberMain.class.getName())
            .classpath(AmpsBenchEnvironment.benchmarkClasspath())
            .jvmArgs(jvm.toArray(new String[0]))
            .args(args.toArray(new String[0]))
            .workDir(dir)
            .readiness(ReadinessProbe.logLine(RawSubscriberMain.READY), GENEROUS)
            .build();
    raw.start();
    try (JmxCount copied = new JmxCount(jmxPort, RawCount.OBJECT_NAME, RawCount.ATTRIBUTE)) {
      return measure(
          uri,
          topic,
          eventsOf(path),
          warmupOf(path),
          copied,
          raw,
          jmxPort,
          "raw-" + path.label + "-" + n);
    } finally {
      raw.stop(Duration.ofSeconds(30)); // a JFR recording is written at exit
    }
  }
}
