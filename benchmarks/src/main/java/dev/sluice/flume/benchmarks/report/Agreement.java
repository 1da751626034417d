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
package dev.sluice.flume.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a run agrees with the previous one: each workload's median ratio against the previous
 * run's median ratio of the same workload, within {@value #TOLERANCE_PERCENT}%. A disagreement says
 * why, as far as the two runs tell: the two runs' rounds overlap (the workload moves more than the
 * tolerance from round to round on this machine), or every round moved (the runs' processors
 * differ, the code changed between the commits, or the machine's load did). The reference
 * workload's time each section records is not used here: two sections recorded in one JVM under
 * load measured it at 108 and 190 ms.
 */
public final class Agreement {
  static final int TOLERANCE_PERCENT = 10;

  /** Far below any difference a benchmark can measure, far above floating point's rounding. */
  private static final double EPSILON = 1e-9;

  private Agreement() {}

  /** One workload's comparison. */
  public static final class Row {
    final String workload;
    final double previous;
    final double current;
    final boolean agrees;
    final String why;

    Row(String workload, double previous, double current, boolean agrees, String why) {
      this.workload = workload;
      this.previous = previous;
      this.current = current;
      this.agrees = agrees;
      this.why = why;
    }

    public String workload() {
      return workload;
    }

    /** The previous run's median ratio. */
    public double previous() {
      return previous;
    }

    /** This run's median ratio. */
    public double current() {
      return current;
    }

    /** This run's median over the previous one's, minus 1. */
    public double change() {
      return current / previous - 1;
    }

    public boolean agrees() {
      return agrees;
    }

    /** Why the runs disagree, or an empty string. */
    public String why() {
      return why;
    }
  }

  /** Compares {@code current} with {@code previous} (the same benchmark's last recorded run). */
  public static List<Row> compare(Section previous, Section current) {
    List<Row> rows = new ArrayList<>();
    for (Workload now : current.workloads()) {
      Workload before = previous.workload(now.name());
      if (before == null) {
        continue;
      }
      double p = before.ratios().median();
      double c = now.ratios().median();
      // Within the tolerance inclusive: 1.10 against 1.00 is 10% and agrees, though in binary
      // floating point 1.10 / 1.00 - 1 comes out a hair above 0.10.
      boolean agrees = Math.abs(c / p - 1) <= TOLERANCE_PERCENT / 100.0 + EPSILON;
      rows.add(
          new Row(now.name(), p, c, agrees, agrees ? "" : why(previous, before, current, now)));
    }
    return rows;
  }

  private static String why(
      Section previousRun, Workload before, Section currentRun, Workload now) {
    Series b = before.ratios();
    Series n = now.ratios();
    String spread =
        String.format(
            Locale.ROOT,
            "ratios this run %.2f – %.2f, previous run %.2f – %.2f",
            n.min(),
            n.max(),
            b.min(),
            b.max());
    String load =
        String.format(
            Locale.ROOT,
            "load average %s → %s this run, %s → %s the previous",
            currentRun.loadStart(),
            currentRun.loadEnd(),
            previousRun.loadStart(),
            previousRun.loadEnd());
    if (n.min() <= b.max() && b.min() <= n.max()) {
      return "the rounds of the two runs overlap ("
          + spread
          + "): this workload varies more than "
          + TOLERANCE_PERCENT
          + "% from round to round on this shared machine; "
          + load;
    }
    String moved = "every round moved (" + spread + "); ";
    String codeChange =
        previousRun.commit().equals(currentRun.commit())
            ? ""
            : "the code changed between " + previousRun.commit() + " and " + currentRun.commit();
    String cpuNow = Provenance.cpuOf(currentRun.machine());
    String cpuBefore = Provenance.cpuOf(previousRun.machine());
    if (!cpuNow.isEmpty() && !cpuBefore.isEmpty() && !cpuNow.equals(cpuBefore)) {
      return moved
          + String.format(
              Locale.ROOT,
              "the runs' processors differ (%s this run, %s the previous); ",
              cpuNow,
              cpuBefore)
          + load;
    }
    if (!codeChange.isEmpty()) {
      return moved + codeChange + "; " + load;
    }
    return "every round moved with the same code (" + spread + "): the machine's load; " + load;
  }
}
