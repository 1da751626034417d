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

import java.util.Objects;

/**
 * A figure measured on one side only, every round: what a run of ours cost where the anchor has no
 * counterpart to set beside it (the agent's CPU and memory when the anchor is a raw client in the
 * benchmark's own JVM).
 */
public final class Figure {
  private final String name;
  private final String unit;
  private final Series rounds;

  private Figure(String name, String unit, Series rounds) {
    this.name = Objects.requireNonNull(name);
    this.unit = Objects.requireNonNull(unit);
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException(name + ": no rounds");
    }
    this.rounds = rounds;
  }

  /** {@code name} (unique within its section) in {@code unit}, one value per round. */
  public static Figure of(String name, String unit, Series rounds) {
    return new Figure(name, unit, rounds);
  }

  public String name() {
    return name;
  }

  public String unit() {
    return unit;
  }

  public Series rounds() {
    return rounds;
  }
}
