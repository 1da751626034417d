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
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** One measured figure of one side, a value per round in the order measured: median, min, max. */
public final class Series {
  private final List<Double> values = new ArrayList<>();

  /** A series of the given values, in order. */
  public static Series of(List<Double> values) {
    Series s = new Series();
    values.forEach(s::add);
    return s;
  }

  /** A series of the given values, in order. */
  public static Series of(double... values) {
    Series s = new Series();
    for (double v : values) {
      s.add(v);
    }
    return s;
  }

  public void add(double value) {
    values.add(value);
  }

  public List<Double> values() {
    return Collections.unmodifiableList(values);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public int size() {
    return values.size();
  }

  /** Each value mapped, in order. */
  public Series map(java.util.function.DoubleUnaryOperator f) {
    Series s = new Series();
    for (double v : values) {
      s.add(f.applyAsDouble(v));
    }
    return s;
  }

  /** The median; for an even count the mean of the two middle values. */
  public double median() {
    List<Double> sorted = sorted();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  public double min() {
    return sorted().get(0);
  }

  public double max() {
    List<Double> sorted = sorted();
    return sorted.get(sorted.size() - 1);
  }

  /** Round {@code i}'s value divided by round {@code i}'s value of {@code other}. */
  public Series ratioTo(Series other) {
    Series ratio = new Series();
    for (int i = 0; i < Math.min(values.size(), other.values.size()); i++) {
      ratio.add(values.get(i) / other.values.get(i));
    }
    return ratio;
  }

  /** Round {@code i}'s value minus round {@code i}'s value of {@code other}. */
  public Series minus(Series other) {
    Series d = new Series();
    for (int i = 0; i < Math.min(values.size(), other.values.size()); i++) {
      d.add(values.get(i) - other.values.get(i));
    }
    return d;
  }

  /** Every round's value, in the order measured, with the given format. */
  public String rounds(String format) {
    List<String> parts = new ArrayList<>();
    for (double v : values) {
      parts.add(String.format(Locale.ROOT, format, v));
    }
    return String.join(", ", parts);
  }

  public String range(String format) {
    return String.format(Locale.ROOT, format, min())
        + " – "
        + String.format(Locale.ROOT, format, max());
  }

  private List<Double> sorted() {
    if (values.isEmpty()) {
      throw new IllegalStateException("no rounds");
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted;
  }
}
