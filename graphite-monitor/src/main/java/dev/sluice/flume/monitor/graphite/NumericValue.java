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
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Turns an attribute's value into a datapoint, or says it is not a number. */
final class NumericValue {
  private NumericValue() {}

  /**
   * A datapoint for a number or a string holding one (custom counter groups read through {@code
   * JMXPollUtil}'s conventions sometimes answer with strings); null for anything else, for NaN and
   * for infinities.
   */
  static Datapoint toDatapoint(String name, Object value) {
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof AtomicLong
        || value instanceof AtomicInteger) {
      return Datapoint.ofLong(name, ((Number) value).longValue());
    }
    if (value instanceof BigInteger) {
      BigInteger b = (BigInteger) value;
      return b.bitLength() < 64
          ? Datapoint.ofLong(name, b.longValue())
          : finite(name, b.doubleValue());
    }
    if (value instanceof BigDecimal) {
      return finite(name, ((BigDecimal) value).doubleValue());
    }
    if (value instanceof Number) {
      return finite(name, ((Number) value).doubleValue());
    }
    if (value instanceof String) {
      return parse(name, ((String) value).trim());
    }
    return null;
  }

  private static Datapoint parse(String name, String s) {
    if (s.isEmpty()) {
      return null;
    }
    char first = s.charAt(0);
    if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) {
      return null; // "SOURCE", "true", "NaN", "Infinity": not numbers we send
    }
    try {
      return Datapoint.ofLong(name, Long.parseLong(s));
    } catch (NumberFormatException e) {
      try {
        return finite(name, Double.parseDouble(s));
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
  }

  private static Datapoint finite(String name, double d) {
    return Double.isFinite(d) ? Datapoint.ofDouble(name, d) : null;
  }
}
