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
package dev.sluice.flume.planner;

import java.util.Locale;

/**
 * One number of the plan with the rule that produced it and the arithmetic on its inputs, so the
 * report can show where every figure comes from.
 */
final class Figure {
  final String what;
  final double value;
  final String unit;
  final String rule;
  final String arithmetic;

  Figure(String what, double value, String unit, String rule, String arithmetic) {
    this.what = what;
    this.value = value;
    this.unit = unit;
    this.rule = rule;
    this.arithmetic = arithmetic;
  }

  Figure(String what, long value, String unit, String rule, String arithmetic) {
    this(what, (double) value, unit, rule, arithmetic);
  }

  long asLong() {
    return (long) Math.ceil(value);
  }

  /** The value with its unit, such as {@code 1,500,000 events} or {@code 1.2 GB}. */
  String formatted() {
    if (unit.equals("bytes")) {
      return bytes((long) value);
    }
    if (unit.equals("seconds")) {
      return duration(value);
    }
    return number(value) + (unit.isEmpty() ? "" : " " + unit);
  }

  static String number(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  static String duration(long seconds) {
    return duration((double) seconds);
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    return String.format(Locale.ROOT, "%,.2f", v);
  }

  static String bytes(long b) {
    if (b >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30));
    }
    if (b >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", b / (double) (1L << 20));
    }
    return String.format(Locale.ROOT, "%,d bytes", b);
  }

  static String duration(double seconds) {
    if (seconds >= 86400) {
      return String.format(Locale.ROOT, "%.1f d", seconds / 86400);
    }
    if (seconds >= 3600) {
      return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
    if (seconds >= 60) {
      return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }
    return String.format(Locale.ROOT, "%.1f s", seconds);
  }
}
