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

/** Prints the ratios of ours to the anchor of the same run, per scenario and round. */
public final class Comparison {
  private Comparison() {}

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
}
