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
package dev.sluice.flume.benchmarks.handoff;

import dev.sluice.flume.benchmarks.Alternation;
import dev.sluice.flume.benchmarks.BenchArgs;
import dev.sluice.flume.benchmarks.report.Section;
import dev.sluice.flume.benchmarks.report.Series;
import dev.sluice.flume.benchmarks.report.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code bin/bench handoff}: {@link HandoffBufferBenchmark} run round by round. Each round runs JMH
 * once per method and {@code maxBatch} (one fork each, the same warm-up and measured iterations),
 * ours and the anchor alternating (the order reversed every other round); a round's figure is the
 * fork's JMH score turned into elements per second.
 */
public final class HandoffComparison {
  static final String[] BATCHES = {"100", "1000"};

  private HandoffComparison() {}

  public static Section run(String[] args) throws Exception {
    BenchArgs a =
        BenchArgs.parse(
            "handoff",
            args,
            List.of("--rounds", "--warmup", "--iterations", "--seconds"),
            List.of("--quick"),
            "[--rounds R] [--warmup W] [--iterations I] [--seconds S] [--quick]");
    boolean quick = a.flag("--quick");
    int rounds = a.positive("--rounds", quick ? 2 : 5);
    int warmup = a.positive("--warmup", quick ? 1 : 3);
    int iterations = a.positive("--iterations", quick ? 2 : 5);
    int seconds = a.positive("--seconds", quick ? 1 : 2);
    Section.Recorder section =
        Section.begin("handoff", "Hand-off buffer", a.command())
            .description(
                String.format(
                    Locale.ROOT,
                    "common's `HandoffBuffer` (the AMPS source's hand-off from the client's"
                        + " receive thread to Flume's polling thread) against its anchor, a plain"
                        + " `ArrayBlockingQueue` of the same capacity drained with `drainTo` in"
                        + " batches of the same size: two producer threads put %,d elements, one"
                        + " consumer takes them in batches of `maxBatch`. JMH (`AverageTime`, one"
                        + " operation the whole transfer), one fork per method and `maxBatch` in"
                        + " each of the %d rounds, ours and the anchor alternating (reversed every"
                        + " other round), %d warm-up and %d measured iterations of %d s each; a"
                        + " round's figure is its fork's score as elements per second.",
                    HandoffBufferBenchmark.EVENTS,
                    rounds,
                    warmup,
                    iterations,
                    seconds));
    Map<String, List<Double>> ours = new LinkedHashMap<>();
    Map<String, List<Double>> anchor = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (String batch : BATCHES) {
        List<String> order =
            Alternation.orderOf(round, List.of("handoffBuffer", "arrayBlockingQueue"));
        for (String method : order) {
          double perSecond = elementsPerSecond(method, batch, warmup, iterations, seconds);
          (method.equals("handoffBuffer") ? ours : anchor)
              .computeIfAbsent(batch, k -> new ArrayList<>())
              .add(perSecond);
          System.out.printf(
              Locale.ROOT,
              "round %d maxBatch %s %s: %,.0f elements/s%n",
              round + 1,
              batch,
              method,
              perSecond);
        }
      }
    }
    for (String batch : BATCHES) {
      section.add(
          Workload.of("maxBatch " + batch, "elements/s")
              .anchor("ArrayBlockingQueue + drainTo", Series.of(anchor.get(batch)))
              .ours("HandoffBuffer", Series.of(ours.get(batch)))
              .build());
    }
    return section.end();
  }

  private static double elementsPerSecond(
      String method, String batch, int warmup, int iterations, int seconds) throws Exception {
    Options opts =
        new OptionsBuilder()
            .include(
                HandoffBufferBenchmark.class.getName().replace(".", "\\.") + "\\." + method + "$")
            .param("maxBatch", batch)
            .forks(1)
            .warmupIterations(warmup)
            .warmupTime(TimeValue.seconds(seconds))
            .measurementIterations(iterations)
            .measurementTime(TimeValue.seconds(seconds))
            .build();
    RunResult r = new Runner(opts).runSingle();
    double millisPerTransfer = r.getPrimaryResult().getScore();
    return HandoffBufferBenchmark.EVENTS / (millisPerTransfer / 1000.0);
  }
}
