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

import java.util.Locale;

/**
 * What a workload should reach, judged on its median: the ratio ours / anchor at least or at most a
 * bound, or ours minus the anchor at most a bound (in the workload's unit).
 */
public final class Goal {
  /** How the bound is compared. */
  public enum Kind {
    RATIO_AT_LEAST,
    RATIO_AT_MOST,
    DIFFERENCE_AT_MOST
  }

  private final Kind kind;
  private final double bound;

  private Goal(Kind kind, double bound) {
    this.kind = kind;
    this.bound = bound;
  }

  /** ours / anchor ≥ bound. */
  public static Goal ratioAtLeast(double bound) {
    return new Goal(Kind.RATIO_AT_LEAST, bound);
  }

  /** ours / anchor ≤ bound. */
  public static Goal ratioAtMost(double bound) {
    return new Goal(Kind.RATIO_AT_MOST, bound);
  }

  /** ours − anchor ≤ bound, in the workload's unit. */
  public static Goal differenceAtMost(double bound) {
    return new Goal(Kind.DIFFERENCE_AT_MOST, bound);
  }

  public Kind kind() {
    return kind;
  }

  public double bound() {
    return bound;
  }

  /** Whether one value (a ratio, or a difference for {@link Kind#DIFFERENCE_AT_MOST}) meets it. */
  public boolean metBy(double value) {
    switch (kind) {
      case RATIO_AT_LEAST:
        return value >= bound;
      case RATIO_AT_MOST:
      case DIFFERENCE_AT_MOST:
        return value <= bound;
    }
    throw new AssertionError(kind);
  }

  /** Whether the goal is on the difference rather than the ratio. */
  public boolean onDifference() {
    return kind == Kind.DIFFERENCE_AT_MOST;
  }

  /** The goal as the page shows it, e.g. {@code ≥ 0.95x} or {@code ≤ +1,000}. */
  public String text(String unit) {
    switch (kind) {
      case RATIO_AT_LEAST:
        return String.format(Locale.ROOT, "≥ %.2fx", bound);
      case RATIO_AT_MOST:
        return String.format(Locale.ROOT, "≤ %.2fx", bound);
      case DIFFERENCE_AT_MOST:
        return String.format(Locale.ROOT, "ours − anchor ≤ %,.0f %s", bound, unit);
    }
    throw new AssertionError(kind);
  }
}
