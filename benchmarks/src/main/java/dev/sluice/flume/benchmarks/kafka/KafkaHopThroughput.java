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
package dev.sluice.flume.benchmarks.kafka;

import dev.sluice.flume.benchmarks.Alternation;
import dev.sluice.flume.benchmarks.BenchArgs;
import dev.sluice.flume.benchmarks.WorkDirs;
import dev.sluice.flume.benchmarks.agent.EventSender;
import dev.sluice.flume.benchmarks.agent.SenderRun;
import dev.sluice.flume.benchmarks.report.Section;
import dev.sluice.flume.benchmarks.report.Series;
import dev.sluice.flume.benchmarks.report.Workload;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.KafkaBroker;
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
 * Issue 13: the tier hop through Flume's Kafka channel against the hop through file channel, Avro
 * sink and Avro source (the anchor), with the same events on the same machine.
 *
 * <p>Each run starts two real agents (child JVMs): a client tier whose Avro source the benchmark
 * JVM feeds, and an aggregator tier whose {@code null} sink drains what arrives. The anchor's
 * client puts the events into a file channel that an Avro sink sends to the aggregator's Avro
 * source and file channel; the Kafka variant's client puts them into Flume's Kafka channel (a fresh
 * topic of test-support's {@code KafkaBroker}, a KRaft broker in its own JVM, started once) and the
 * aggregator's Kafka channel reads that topic in a fresh consumer group. One observer for both: the
 * aggregator channel's {@code EventTakeSuccessCount} (the sink's committed takes; Flume's {@code
 * null} sink has no counters) over JMX every 10 ms; events/s is from the first event taken to the
 * last. CPU seconds (from {@code /proc}) of both agents, and apart of the broker, from the first
 * event sent to the last drained, per million events. Variants alternate within each round
 * (reversed every other round); every round uses fresh channel directories, topic and consumer
 * group.
 *
 * <pre>
 * bin/bench kafka-hop [--events N] [--size BYTES] [--rounds R] [--batch B] [--partitions P]
 *                     [--quick]
 * </pre>
 */
public final class KafkaHopThroughput {
  static final String TITLE = "Kafka tier hop";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

  private final Path work;
  private final KafkaBroker broker;
  private final int events;
  private final int size;
  private final int batch;
  private final int partitions;
  private final List<FlumeAgent> running = new ArrayList<>();
  private int runNumber;

  private KafkaHopThroughput(
      Path work, KafkaBroker broker, int events, int size, int batch, int partitions) {
    this.work = work;
    this.broker = broker;
    this.events = events;
    this.size = size;
    this.batch = batch;
    this.partitions = partitions;
  }

  public static Section run(String[] args) throws Exception {
    BenchArgs a =
        BenchArgs.parse(
            "kafka-hop",
            args,
            List.of("--events", "--size", "--rounds", "--batch", "--partitions"),
            List.of("--quick"),
            "[--events N] [--size BYTES] [--rounds R] [--batch B] [--partitions P] [--quick]");
    boolean quick = a.flag("--quick");
    int events = a.positive("--events", quick ? 20_000 : 200_000);
    int size = a.positive("--size", 200);
    int rounds = a.positive("--rounds", quick ? 2 : 5);
    int batch = a.positive("--batch", 1000);
    int partitions = a.positive("--partitions", 1);
    Section.Recorder section = Section.begin("kafka-hop", TITLE, a.command());
    Path work = Files.createTempDirectory("sluice-bench-kafka-hop-");
    KafkaBroker broker = KafkaBroker.builder().workDir(work.resolve("kafka")).heap("512m").build();
    KafkaHopThroughput bench =
        new KafkaHopThroughput(work, broker, events, size, batch, partitions);
    Map<HopVariant, List<SenderRun>> runs;
    try {
      broker.start();
      System.out.println(
          "Kafka broker " + KafkaBroker.version() + " at " + broker.bootstrapServers());
      runs = bench.run(rounds, System.out);
    } finally {
      bench.killAgents();
      broker.kill();
    }
    bench.report(section, runs, rounds);
    WorkDirs.deleteTree(work);
    return section.end();
  }

  private Map<HopVariant, List<SenderRun>> run(int rounds, PrintStream out) throws Exception {
    out.printf(
        Locale.ROOT,
        "kafka-hop benchmark: %d events of %d bytes per run, batch %d, %d partition(s), %d rounds,"
            + " work %s%n",
        events,
        size,
        batch,
        partitions,
        rounds,
        work);
    Map<HopVariant, List<SenderRun>> runs = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      List<HopVariant> order = Alternation.orderOf(round, List.of(HopVariant.values()));
      for (HopVariant v : order) {
        SenderRun r = runOnce(v);
        runs.computeIfAbsent(v, k -> new ArrayList<>()).add(r);
        out.printf(
            Locale.ROOT,
            "round %d %-14s %9.0f events/s %7.2f CPU s/M events (agents) %7.2f (broker)"
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

  private SenderRun runOnce(HopVariant variant) throws Exception {
    int n = ++runNumber;
    Path dir = Files.createDirectories(work.resolve("run-" + n + "-" + variant.label));
    int[] ports = FreePorts.allocate(2);
    String topic = "sluice-hop-" + n;
    HopVariant.Setup setup =
        new HopVariant.Setup(
            dir,
            ports[0],
            ports[1],
            broker.bootstrapServers(),
            topic,
            "sluice-hop-aggregator-" + n,
            events,
            batch);
    if (variant == HopVariant.KAFKA_CHANNEL) {
      broker.createTopic(topic, partitions);
    }
    FlumeAgent aggregator = agent(HopVariant.AGGREGATOR, dir, variant.aggregatorConfig(setup));
    FlumeAgent client = agent(HopVariant.CLIENT, dir, variant.clientConfig(setup));
    try {
      aggregator.start();
      // Flume's null sink has no counters of its own: wait for the channel (and, for the
      // anchor, its Avro source).
      aggregator.awaitStarted(
          START_TIMEOUT,
          variant == HopVariant.FILE_AVRO
              ? List.of(HopVariant.CHANNEL, "SOURCE.in")
              : List.of(HopVariant.CHANNEL));
      client.start();
      client.awaitStarted(START_TIMEOUT);
      SenderRun run =
          SenderRun.measure(
              variant.label,
              new EventSender(ports[0], events, size, batch),
              events,
              RUN_TIMEOUT,
              aggregator,
              HopVariant.CHANNEL,
              broker,
              client,
              aggregator);
      client.stop(Duration.ofMinutes(1));
      aggregator.stop(Duration.ofMinutes(1));
      return run;
    } catch (Exception e) {
      throw new IllegalStateException(
          variant.label
              + " run "
              + n
              + " failed; logs "
              + client.logFile()
              + " and "
              + aggregator.logFile(),
          e);
    } finally {
      killAgents();
      // Each file channel holds the run's events (tens of MB); the agents' logs stay.
      WorkDirs.deleteTree(dir.resolve("client-channel"));
      WorkDirs.deleteTree(dir.resolve("aggregator-channel"));
    }
  }

  private FlumeAgent agent(String name, Path dir, String config) {
    FlumeAgent agent =
        FlumeAgent.builder(name)
            .workDir(dir.resolve(name))
            .config(config)
            .jvmArgs("-Xmx512m")
            .build();
    running.add(agent);
    return agent;
  }

  private void killAgents() {
    for (FlumeAgent agent : running) {
      agent.kill();
    }
    running.clear();
  }

  private void report(Section.Recorder section, Map<HopVariant, List<SenderRun>> runs, int rounds) {
    section.description(
        String.format(
            Locale.ROOT,
            "Issue 13: the hop from a client tier to an aggregator tier through Flume's Kafka channel"
                + " against the hop through a file channel, Avro sink, Avro source and file channel"
                + " (the anchor). No goal: these figures feed the topology planner's sizing rules."
                + " Per run, two real Flume 1.11 agents (child JVMs, `-Xmx512m`): the client's Avro"
                + " source is fed %,d events of %d bytes in batches of %d by the benchmark JVM (the"
                + " same sender for both), and the aggregator drains them into a `null` sink"
                + " (`batchSize = %d`). Anchor: client file channel → Avro sink (`batch-size = %d`)"
                + " → aggregator Avro source → file channel. Kafka: client Kafka channel (`acks ="
                + " all`, `parseAsFlumeEvent = true`) → a fresh topic of %d partition(s) on a real"
                + " Kafka %s KRaft broker (test-support's `KafkaBroker`, its own JVM, started once)"
                + " → aggregator Kafka channel in a fresh consumer group. Events/s is the"
                + " aggregator channel's `EventTakeSuccessCount` (the `null` sink's committed takes;"
                + " Flume's `null` sink has no counters of its own), polled over JMX every 10 ms, from"
                + " the first event taken to the last. CPU (`AgentRun`, from `/proc`) is from the"
                + " first event sent to the last drained, per million events, of both agents"
                + " together, and peak RSS the two agents' `VmHWM` summed; the broker's CPU, which"
                + " the Kafka hop adds on the same 2 cores, is a row of its own. Variants alternate"
                + " within each of the %d rounds (reversed every other round), with fresh channel"
                + " directories, topic and group each run.",
            events,
            size,
            batch,
            batch,
            batch,
            partitions,
            KafkaBroker.version(),
            rounds));
    List<SenderRun> file = runs.get(HopVariant.FILE_AVRO);
    List<SenderRun> kafka = runs.get(HopVariant.KAFKA_CHANNEL);
    String anchor = "file channel + Avro sink/source";
    String ours = "Kafka channel";
    section.add(
        Workload.of("tier hop", "events/s")
            .anchor(anchor, series(file, r -> r.eventsPerSecond))
            .ours(ours, series(kafka, r -> r.eventsPerSecond))
            .build());
    section.add(
        Workload.of("tier hop: agents' CPU", "CPU s per M events")
            .lowerIsBetter()
            .anchor(anchor, series(file, r -> r.agentsCpuPerMillion))
            .ours(ours, series(kafka, r -> r.agentsCpuPerMillion))
            .build());
    section.add(
        Workload.of("tier hop: agents' + broker's CPU", "CPU s per M events")
            .lowerIsBetter()
            .anchor(anchor + " (no broker)", series(file, r -> r.agentsCpuPerMillion))
            .ours(
                ours + " + broker",
                series(kafka, r -> r.agentsCpuPerMillion + r.serverCpuPerMillion))
            .build());
    section.add(
        Workload.of("tier hop: agents' peak RSS", "MiB")
            .lowerIsBetter()
            .anchor(anchor, series(file, r -> r.agentsPeakRssMegabytes))
            .ours(ours, series(kafka, r -> r.agentsPeakRssMegabytes))
            .build());
    section.notes(
        "Above 1.0 the Kafka hop moves more events per second, or costs more CPU or memory. The"
            + " anchor has no third process; the broker's CPU is what a Kafka tier adds on top of"
            + " the agents (here on the same 2 cores, so it also competes with them).");
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
