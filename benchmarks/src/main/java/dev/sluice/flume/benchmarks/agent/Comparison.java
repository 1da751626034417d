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
package dev.sluice.flume.benchmarks.agent;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Prints ours beside the anchor of the same run, with throughput and CPU ratios. */
public final class Comparison {
  private Comparison() {}

  /**
   * One table: the anchor first, then each of ours with {@code speed = ours events/s / anchor
   * events/s} and {@code cpu/event = ours CPU per event / anchor CPU per event}.
   */
  public static void print(PrintStream out, String title, RunResult anchor, List<RunResult> ours) {
    out.println();
    out.println("== " + title);
    out.printf(
        "%-36s %12s %9s %9s %9s %8s %10s%n",
        "run", "events/s", "MB/s", "CPU s", "RSS MB", "speed", "cpu/event");
    row(out, anchor, anchor);
    for (RunResult r : ours) {
      row(out, r, anchor);
    }
  }

  /**
   * A table of ratios ours/anchor per scenario, measured over several rounds: the median (the upper
   * middle one for an even count) and each round's ratio, in the order measured.
   */
  public static void printRatios(PrintStream out, String title, Map<String, List<Double>> ratios) {
    int width = "scenario".length();
    for (String scenario : ratios.keySet()) {
      width = Math.max(width, scenario.length());
    }
    out.println();
    out.println("== " + title);
    out.printf("%-" + width + "s %8s %s%n", "scenario", "median", "rounds");
    for (Map.Entry<String, List<Double>> e : ratios.entrySet()) {
      List<Double> sorted = new ArrayList<>(e.getValue());
      Collections.sort(sorted);
      StringBuilder each = new StringBuilder();
      for (double r : e.getValue()) {
        each.append(String.format(" %.2f", r));
      }
      out.printf("%-" + width + "s %7.2fx %s%n", e.getKey(), sorted.get(sorted.size() / 2), each);
    }
  }

  private static void row(PrintStream out, RunResult r, RunResult anchor) {
    double speed = r.eventsPerSecond() / anchor.eventsPerSecond();
    String cpuRatio =
        anchor.cpuSeconds() > 0 && r.cpuSeconds() > 0
            ? String.format(
                "%9.2fx", (r.cpuSeconds() / r.events()) / (anchor.cpuSeconds() / anchor.events()))
            : "        -";
    out.printf(
        "%-36s %12.0f %9.2f %9.2f %9d %7.2fx %s%n",
        r.label(),
        r.eventsPerSecond(),
        r.megabytesPerSecond(),
        r.cpuSeconds(),
        r.peakRssBytes() / (1024 * 1024),
        speed,
        cpuRatio);
  }
}
