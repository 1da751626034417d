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
package dev.sluice.flume.monitor.graphite;

import java.math.BigDecimal;

/**
 * One named value. Whole numbers (Flume's counters) stay {@code long}s and decimals stay {@code
 * double}s, so nothing is rounded on the way: Dropwizard's reporter formats with two decimals and a
 * channel fill of 0.0005 % arrives as 0.00.
 */
final class Datapoint {
  final String name;
  final boolean integral;
  final long longValue;
  final double doubleValue;

  private Datapoint(String name, boolean integral, long longValue, double doubleValue) {
    this.name = name;
    this.integral = integral;
    this.longValue = longValue;
    this.doubleValue = doubleValue;
  }

  static Datapoint ofLong(String name, long value) {
    return new Datapoint(name, true, value, value);
  }

  /** Only finite values: carbon stores NaN, but nothing downstream can draw it. */
  static Datapoint ofDouble(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " is not finite: " + value);
    }
    return new Datapoint(name, false, 0, value);
  }

  /**
   * The value as carbon's plaintext protocol wants it: a plain decimal with every significant digit
   * of the shortest representation that reads back as the same double, never an exponent.
   */
  String valueText() {
    if (integral) {
      return Long.toString(longValue);
    }
    return formatDouble(doubleValue);
  }

  static String formatDouble(double d) {
    String s = Double.toString(d);
    if (s.indexOf('E') < 0) {
      return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  @Override
  public String toString() {
    return name + " " + valueText();
  }
}
