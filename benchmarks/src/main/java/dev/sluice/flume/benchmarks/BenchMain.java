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
package dev.sluice.flume.benchmarks;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs Sluice's benchmarks and prints, for each, ours beside its anchor from the same run and the
 * ratio. {@code bin/bench [name ...]}; with no name it lists what there is.
 */
public final class BenchMain {
  /** A JMH benchmark class whose methods pair one anchor with ours. */
  private static final class JmhPair {
    final String benchmarkClass;
    final String anchor;
    final String ours;

    JmhPair(String benchmarkClass, String anchor, String ours) {
      this.benchmarkClass = benchmarkClass;
      this.anchor = anchor;
      this.ours = ours;
    }
  }

  private static final Map<String, JmhPair> JMH = new LinkedHashMap<>();

  /**
   * End-to-end benchmarks: a main class that runs ours and its anchor side by side (real agents,
   * real servers) and prints its own ratio table. Arguments after the name are passed on.
   */
  private static final Map<String, String> MAINS = new LinkedHashMap<>();

  static {
    JMH.put(
        "handoff",
        new JmhPair(
            "dev.sluice.flume.benchmarks.handoff.HandoffBufferBenchmark",
            "arrayBlockingQueue",
            "handoffBuffer"));
    MAINS.put("amps-testkit", "dev.sluice.flume.benchmarks.amps.AmpsTestkitThroughput");
    MAINS.put("amps-source", "dev.sluice.flume.benchmarks.amps.source.AmpsSourceThroughput");
    MAINS.put("amps-sink", "dev.sluice.flume.benchmarks.amps.sink.AmpsSinkThroughput");
    MAINS.put("file-sink", "dev.sluice.flume.benchmarks.filesink.FileSinkThroughput");
    MAINS.put("graphite", "dev.sluice.flume.benchmarks.graphite.GraphitePollCost");
    MAINS.put("hbase-serializers", "dev.sluice.flume.benchmarks.hbase.HBaseSerializerThroughput");
    MAINS.put("enrichment", "dev.sluice.flume.benchmarks.hbase.EnrichmentCost");
    MAINS.put("kafka-hop", "dev.sluice.flume.benchmarks.kafka.KafkaHopThroughput");
    MAINS.put("amps-channel", "dev.sluice.flume.benchmarks.amps.channel.AmpsChannelThroughput");
  }

  private BenchMain() {}

  /**
   * {@code BenchMain NAME [NAME ...]} runs JMH benchmarks by name; {@code BenchMain NAME -- ARGS}
   * runs one end-to-end benchmark with its own arguments.
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.out.println("usage: bin/bench NAME [NAME ...] | bin/bench NAME [ARGS...]");
      System.out.println("  JMH micro-benchmarks: " + JMH.keySet());
      System.out.println("  end-to-end (real agents and servers): " + MAINS.keySet());
      return;
    }
    if (MAINS.containsKey(args[0])) {
      String[] rest = Arrays.copyOfRange(args, 1, args.length);
      Method main = Class.forName(MAINS.get(args[0])).getMethod("main", String[].class);
      main.invoke(null, (Object) rest);
      return;
    }
    for (String name : args) {
      JmhPair pair = JMH.get(name);
      if (pair == null) {
        throw new IllegalArgumentException(
            "no benchmark named " + name + "; known: " + JMH.keySet() + " " + MAINS.keySet());
      }
      runJmh(name, pair);
    }
  }

  private static void runJmh(String name, JmhPair pair) throws RunnerException {
    Options opts =
        new OptionsBuilder().include(pair.benchmarkClass.replace(".", "\\.") + ".*").build();
    Collection<RunResult> results = new Runner(opts).run();
    Map<String, Double> anchor = new LinkedHashMap<>();
    Map<String, Double> ours = new LinkedHashMap<>();
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      String params = paramsOf(r);
      double score = r.getPrimaryResult().getScore();
      if (method.equals(pair.anchor)) {
        anchor.put(params, score);
      } else if (method.equals(pair.ours)) {
        ours.put(params, score);
      }
    }
    System.out.println();
    System.out.println("== " + name + ": " + pair.ours + " vs anchor " + pair.anchor);
    System.out.printf("%-24s %14s %14s %10s%n", "params", "anchor", "ours", "speed");
    for (Map.Entry<String, Double> e : anchor.entrySet()) {
      Double o = ours.get(e.getKey());
      if (o != null) {
        // Scores are time per operation: speed ratio = anchor time / our time (>1 is faster).
        System.out.printf(
            "%-24s %14.3f %14.3f %9.2fx%n", e.getKey(), e.getValue(), o, e.getValue() / o);
      }
    }
  }

  private static String paramsOf(RunResult r) {
    List<String> parts = new ArrayList<>();
    for (String key : r.getParams().getParamsKeys()) {
      parts.add(key + "=" + r.getParams().getParam(key));
    }
    return parts.isEmpty() ? "-" : String.join(",", parts);
  }
}
