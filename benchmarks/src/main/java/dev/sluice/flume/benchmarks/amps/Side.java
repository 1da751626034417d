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
package dev.sluice.flume.benchmarks.amps;

import dev.sluice.flume.benchmarks.agent.AgentRun;
import dev.sluice.flume.benchmarks.report.Section;
import dev.sluice.flume.benchmarks.report.Series;
import dev.sluice.flume.benchmarks.report.Workload;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One side of one agent-versus-raw-client comparison (the AMPS source and sink benchmarks): its
 * rate and its JVM's cost over the same window.
 */
public final class Side {
  /** Events per second over the measured window. */
  public final double rate;

  /** The side's JVM's CPU and peak RSS over the same window. */
  public final AgentRun cost;

  /**
   * Each thread's CPU microseconds per event over the same window, by name with digits folded and
   * cut to the 15 characters {@code /proc} keeps; empty when not measured.
   */
  public final Map<String, Double> threadMicrosPerEvent;

  /**
   * The share of all the machine's cores that was busy over the same window, every process
   * included; NaN when not measured.
   */
  public final double machineBusy;

  /**
   * The whole machine's busy CPU microseconds per event over the same window, every process
   * included (the side, the server, the publisher); NaN when not measured.
   */
  public final double machineMicrosPerEvent;

  public Side(double rate, AgentRun cost) {
    this(rate, cost, Map.of());
  }

  public Side(double rate, AgentRun cost, Map<String, Double> threadMicrosPerEvent) {
    this(rate, cost, threadMicrosPerEvent, Double.NaN, Double.NaN);
  }

  public Side(
      double rate,
      AgentRun cost,
      Map<String, Double> threadMicrosPerEvent,
      double machineBusy,
      double machineMicrosPerEvent) {
    this.rate = rate;
    this.cost = cost;
    this.threadMicrosPerEvent = Map.copyOf(threadMicrosPerEvent);
    this.machineBusy = machineBusy;
    this.machineMicrosPerEvent = machineMicrosPerEvent;
  }

  /** The CPU microseconds per event of the threads whose (folded) names start with a prefix. */
  public double threadMicros(String... prefixes) {
    double sum = 0;
    for (Map.Entry<String, Double> e : threadMicrosPerEvent.entrySet()) {
      for (String p : prefixes) {
        if (e.getKey().startsWith(p)) {
          sum += e.getValue();
          break;
        }
      }
    }
    return sum;
  }

  /** The CPU microseconds per event of all its threads. */
  public double threadMicrosTotal() {
    double sum = 0;
    for (double v : threadMicrosPerEvent.values()) {
      sum += v;
    }
    return sum;
  }

  /** One figure of every round's side, in round order. */
  public static Series series(List<Side> sides, ToDoubleFunction<Side> f) {
    Series s = new Series();
    for (Side side : sides) {
      s.add(f.applyAsDouble(side));
    }
    return s;
  }

  /**
   * Adds, per comparison, the agent's CPU per million events and its peak RSS against the raw
   * client's JVM, both as ratios only (measured through the AMPS client, whose licence forbids
   * publishing its figures).
   */
  public static void addCosts(
      Section.Recorder section, Map<String, List<Side>> agents, Map<String, List<Side>> raws) {
    for (Map.Entry<String, List<Side>> e : agents.entrySet()) {
      List<Side> raw = raws.get(e.getKey());
      section.add(
          Workload.of(e.getKey() + ": CPU", "CPU s per M events")
              .lowerIsBetter()
              .anchor("raw client's JVM", series(raw, s -> s.cost.cpuSecondsPerMillion()))
              .ours("the agent", series(e.getValue(), s -> s.cost.cpuSecondsPerMillion()))
              .ratiosOnly()
              .build());
      section.add(
          Workload.of(e.getKey() + ": peak RSS", "MiB")
              .lowerIsBetter()
              .anchor("raw client's JVM", series(raw, s -> s.cost.peakRssMegabytes()))
              .ours("the agent", series(e.getValue(), s -> s.cost.peakRssMegabytes()))
              .ratiosOnly()
              .build());
    }
  }
}
