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
import java.util.Objects;

/**
 * One comparison of a results-page section: ours beside its anchor, one value of each per round
 * (the two measured alternately in the same run, by the same observer), and their ratio per round
 * (ours / anchor in the workload's unit). Build it with {@link #of}.
 *
 * <p>A workload measured through a client whose licence forbids publishing its figures (the AMPS
 * client) is {@link #ratiosOnly()}: the page, the charts and {@code results.json} carry only its
 * ratios.
 */
public final class Workload {
  private final String name;
  private final String unit;
  private final boolean higherIsBetter;
  private final String anchorLabel;
  private final String oursLabel;
  private final Series anchor;
  private final Series ours;
  private final Series ratios;
  private final Series differences;
  private final Goal goal;
  private final boolean ratiosOnly;

  private Workload(Builder b) {
    this.name = Objects.requireNonNull(b.name, "name");
    this.unit = Objects.requireNonNull(b.unit, "unit");
    this.higherIsBetter = b.higherIsBetter;
    this.anchorLabel = Objects.requireNonNull(b.anchorLabel, "anchor of " + b.name);
    this.oursLabel = Objects.requireNonNull(b.oursLabel, "ours of " + b.name);
    this.goal = b.goal;
    this.ratiosOnly = b.ratiosOnly;
    if (b.ratios == null) {
      if (b.anchor == null || b.ours == null) {
        throw new IllegalArgumentException(name + ": needs both the anchor's and our rounds");
      }
      if (b.anchor.size() != b.ours.size() || b.ours.isEmpty()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "%s: %d rounds of the anchor and %d of ours; they are measured in pairs",
                name,
                b.anchor.size(),
                b.ours.size()));
      }
    }
    this.ratios = b.ratios != null ? b.ratios : b.ours.ratioTo(b.anchor);
    boolean sides = !b.ratiosOnly && b.anchor != null && b.ours != null;
    this.anchor = sides ? b.anchor : null;
    this.ours = sides ? b.ours : null;
    this.differences = sides ? b.ours.minus(b.anchor) : null;
    if (goal != null && goal.onDifference() && differences == null) {
      throw new IllegalArgumentException(name + ": a goal on the difference needs both sides");
    }
  }

  /** Starts a workload named {@code name} (unique within its section) measured in {@code unit}. */
  public static Builder of(String name, String unit) {
    return new Builder(name, unit);
  }

  /** Builds a {@link Workload}. */
  public static final class Builder {
    private final String name;
    private final String unit;
    private boolean higherIsBetter = true;
    private String anchorLabel;
    private String oursLabel;
    private Series anchor;
    private Series ours;
    private Series ratios;
    private Goal goal;
    private boolean ratiosOnly;

    private Builder(String name, String unit) {
      this.name = name;
      this.unit = unit;
    }

    /** The anchor: what it is, and its value per round. */
    public Builder anchor(String label, Series rounds) {
      this.anchorLabel = label;
      this.anchor = rounds;
      return this;
    }

    /** Ours: what it is, and its value per round (in the same order as the anchor's). */
    public Builder ours(String label, Series rounds) {
      this.oursLabel = label;
      this.ours = rounds;
      return this;
    }

    /** For a cost (CPU per event, time per event, memory): less is better. */
    public Builder lowerIsBetter() {
      this.higherIsBetter = false;
      return this;
    }

    public Builder goal(Goal g) {
      this.goal = g;
      return this;
    }

    /** Publish only the ratios (the AMPS client's licence forbids publishing its figures). */
    public Builder ratiosOnly() {
      this.ratiosOnly = true;
      return this;
    }

    /** The ratios per round as read back from {@code results.json} (no per-side rounds). */
    Builder ratios(Series r) {
      this.ratios = r;
      return this;
    }

    public Workload build() {
      return new Workload(this);
    }
  }

  public String name() {
    return name;
  }

  public String unit() {
    return unit;
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  public String anchorLabel() {
    return anchorLabel;
  }

  public String oursLabel() {
    return oursLabel;
  }

  /** The anchor's rounds; null when {@link #ratiosOnly()}. */
  public Series anchor() {
    return anchor;
  }

  /** Our rounds; null when {@link #ratiosOnly()}. */
  public Series ours() {
    return ours;
  }

  /** ours / anchor per round. */
  public Series ratios() {
    return ratios;
  }

  /** ours − anchor per round; null when {@link #ratiosOnly()}. */
  public Series differences() {
    return differences;
  }

  /** The goal, or null when the workload has none. */
  public Goal goal() {
    return goal;
  }

  public boolean ratiosOnly() {
    return ratiosOnly;
  }

  /** The figure the goal is judged on: the median ratio, or the median difference. */
  public double goalFigure() {
    return goal != null && goal.onDifference() ? differences.median() : ratios.median();
  }

  /** Whether the median meets the goal; false when there is none. */
  public boolean goalMet() {
    return goal != null && goal.metBy(goalFigure());
  }

  /** How many rounds meet the goal on their own. */
  public int roundsMeetingGoal() {
    if (goal == null) {
      return 0;
    }
    Series s = goal.onDifference() ? differences : ratios;
    int n = 0;
    for (double v : s.values()) {
      if (goal.metBy(v)) {
        n++;
      }
    }
    return n;
  }
}
