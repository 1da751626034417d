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

import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.MemoryPublishStore;
import com.crankuptheamps.client.PublishStore;
import dev.sluice.flume.benchmarks.agent.Comparison;
import dev.sluice.flume.benchmarks.amps.AmpsBenchEnvironment;
import dev.sluice.flume.testsupport.FlumeAgent;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The AMPS sink in a real Flume agent beside the raw amps-client, publishing the same bodies to the
 * same server (the testkit, in its own process) in the same run.
 *
 * <p>Scenarios: {@code maxBatch} 100 and 1000, each with the publish flush on (a memory publish
 * store, {@code publishFlushTimeout = 0}: every batch waits for AMPS's persisted acks) and off (a
 * file publish store, {@code publishFlushTimeout = -1}: a batch is safe once in the file).
 *
 * <ul>
 *   <li><b>ours</b>: an agent with Flume's {@code seq} source, a memory channel and the sink. The
 *       figure is the steady rate of committed events ({@code EventDrainSuccessCount}) between 10%
 *       and 90% of the run, read over JMX, so agent start-up is not counted.
 *   <li><b>anchor</b>: an {@code HAClient} in this JVM with the same store, publishing the same
 *       bodies ({@code seq}'s: the decimal numbers 0, 1, 2, ...) in batches of {@code maxBatch},
 *       calling {@code publishFlush()} after each batch when the flush is on, after a warm-up run.
 *       It is timed the same way: from the batch that reaches 10% of the events to the one that
 *       reaches 90%.
 * </ul>
 *
 * A third run per batch size puts Flume's own {@code null} sink in the same agent, as a reference
 * for what the source and channel leave to any sink on this machine (its ratio to the same raw
 * run). The two alternate within each round; each ratio is the median of the rounds' ratios. Only
 * ratios are printed: the client's licence does not allow publishing its own figures. Bodies of a
 * few bytes make per-message costs dominate, the least favourable case for the agent.
 *
 * <pre>
 * bin/bench                   # builds benchmarks/target/classpath.txt and the plugin tarball
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *   dev.sluice.flume.benchmarks.amps.sink.AmpsSinkThroughput [events] [rounds] [plugin.tar.gz]
 * </pre>
 */
public final class AmpsSinkThroughput {
  private static final Duration GENEROUS = Duration.ofMinutes(5);
  private static final int[] BATCHES = {100, 1000};
  private static final boolean[] FLUSH = {true, false};

  private final int events;
  private final Path tarball;
  private final Path work;
  private final AmpsBenchEnvironment env;
  private int runNumber;

  private AmpsSinkThroughput(int events, AmpsBenchEnvironment env) {
    this.env = env;
    this.events = events;
    this.tarball = env.tarball();
    this.work = env.work();
  }

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    try (AmpsBenchEnvironment env =
        AmpsBenchEnvironment.create("amps-sink", args.length > 2 ? args[2] : null)) {
      new AmpsSinkThroughput(events, env).run(rounds, System.out);
    }
  }

  private void run(int rounds, PrintStream out) throws Exception {
    out.printf(
        "amps-sink benchmark: %d events per run, %d rounds, testkit in its own process, work %s%n",
        events, rounds, work);
    String uri = env.startTestkit("512m");
    rawRun(uri, 1000, true, "warmup"); // warms this JVM's client before anything is measured
    Map<String, List<Double>> ratios = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (int batch : BATCHES) {
        for (boolean flush : FLUSH) {
          List<String> order = new ArrayList<>(Arrays.asList("agent", "raw"));
          if (round % 2 == 1) {
            Collections.reverse(order);
          }
          double agentRate = 0;
          double rawRate = 0;
          for (String side : order) {
            if (side.equals("agent")) {
              agentRate = agentRun(uri, batch, flush);
            } else {
              rawRate = rawRun(uri, batch, flush, "raw");
            }
          }
          ratios
              .computeIfAbsent(label(batch, flush), k -> new ArrayList<>())
              .add(agentRate / rawRate);
          if (flush) {
            // Flume's own ceiling on this machine: the same agent with its null sink.
            ratios
                .computeIfAbsent(
                    "maxBatch " + batch + ", Flume's null sink (reference)", k -> new ArrayList<>())
                .add(nullSinkRun(batch) / rawRate);
          }
        }
      }
      out.printf("round %d of %d done%n", round + 1, rounds);
    }
    Comparison.printRatios(
        out, "amps-sink through a real agent vs the raw amps-client (events/s ratio)", ratios);
  }

  private static String label(int batch, boolean flush) {
    return "maxBatch " + batch + ", flush " + (flush ? "on (memory store)" : "off (file store)");
  }

  // ------------------------------------------------------------------ ours: a real agent

  private double agentRun(String uri, int batch, boolean flush) throws Exception {
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
    return agentRate(dir, config);
  }

  /** The same agent with Flume's null sink: what Flume itself allows on this machine. */
  private double nullSinkRun(int batch) throws Exception {
    int n = ++runNumber;
    Path dir = Files.createDirectories(work.resolve("agent-" + n));
    List<String> config = agentConfig(batch);
    config.add("a1.sinks.k1.type = null");
    config.add("a1.sinks.k1.batchSize = " + batch);
    return agentRate(dir, config);
  }

  /** The seq source and memory channel every agent run shares. */
  private List<String> agentConfig(int batch) {
    return new ArrayList<>(
        List.of(
            "a1.sources = src",
            "a1.channels = ch",
            "a1.sinks = k1",
            "a1.sources.src.type = seq",
            "a1.sources.src.totalEvents = " + events,
            "a1.sources.src.batchSize = " + batch,
            "a1.sources.src.channels = ch",
            "a1.channels.ch.type = memory",
            "a1.channels.ch.capacity = " + Math.max(10_000, 20 * batch),
            "a1.channels.ch.transactionCapacity = " + batch,
            "a1.sinks.k1.channel = ch"));
  }

  private double agentRate(Path dir, List<String> config) throws Exception {
    FlumeAgent agent =
        FlumeAgent.builder("a1")
            .workDir(dir)
            .config(String.join("\n", config))
            .plugin(tarball)
            .libext("sluice-amps-sink", AmpsBenchEnvironment.ampsClientJar())
            .jvmArgs("-Xmx512m")
            .logLevel("dev.sluice", "WARN")
            .build();
    agent.start();
    try {
      return steadyRate(agent);
    } finally {
      agent.stop(Duration.ofSeconds(60));
    }
  }

  /**
   * Committed events per second between 10% and 90% of the run: the channel's committed takes
   * (Flume's null sink has no counters of its own), read over JMX once the agent answers.
   */
  private double steadyRate(FlumeAgent agent) throws Exception {
    long low = events / 10;
    long high = (long) events - events / 10;
    long deadline = System.nanoTime() + GENEROUS.toNanos();
    long t0 = 0;
    long c0 = 0;
    while (true) {
      long now = System.nanoTime();
      long c;
      try {
        c = agent.counter("CHANNEL.ch", "EventTakeSuccessCount");
      } catch (RuntimeException starting) {
        c = -1; // JMX or the channel is not up yet
      }
      if (!agent.isAlive()) {
        throw new IllegalStateException("the agent exited; see " + agent.logFile());
      }
      if (t0 == 0 && c >= low) {
        t0 = now;
        c0 = c;
      } else if (t0 != 0 && c >= high) {
        return (c - c0) / ((now - t0) / 1e9);
      }
      if (now > deadline) {
        throw new TimeoutException("only " + c + " of " + events + " events in " + GENEROUS);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  // ------------------------------------------------------------------ the anchor: the raw client

  /** Events per second for the raw client publishing the seq source's bodies. */
  private double rawRun(String uri, int batch, boolean flush, String name) throws Exception {
    int n = ++runNumber;
    HAClient client = new HAClient("bench-raw-" + n);
    try {
      DefaultServerChooser chooser = new DefaultServerChooser();
      chooser.add(uri);
      client.setServerChooser(chooser);
      if (flush) {
        client.setPublishStore(new MemoryPublishStore(1000));
      } else {
        Path dir = Files.createDirectories(work.resolve(name + "-" + n));
        client.setPublishStore(new PublishStore(dir.resolve("raw.pubstore").toString(), 1000));
      }
      client.connectAndLogon();
      byte[] topic = ("bench-" + n).getBytes(StandardCharsets.UTF_8);
      byte[][] bodies = new byte[events][];
      for (int i = 0; i < events; i++) {
        bodies[i] = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
      }
      // Timed like the agent: from the batch that reaches 10% of the events to the one that
      // reaches 90%, each batch done when the agent's would commit (acknowledged when the flush
      // is on, in the file store when it is off).
      long low = events / 10;
      long high = (long) events - events / 10;
      long t0 = 0;
      long c0 = 0;
      double rate = 0;
      for (int i = 0; i < events; i++) {
        client.publish(topic, 0, topic.length, bodies[i], 0, bodies[i].length);
        int done = i + 1;
        if (done % batch == 0 || done == events) {
          if (flush) {
            client.publishFlush();
          }
          long now = System.nanoTime();
          if (t0 == 0 && done >= low) {
            t0 = now;
            c0 = done;
          } else if (t0 != 0 && rate == 0 && done >= high) {
            rate = (done - c0) / ((now - t0) / 1e9);
          }
        }
      }
      client.publishFlush();
      return rate;
    } finally {
      client.close();
    }
  }
}
