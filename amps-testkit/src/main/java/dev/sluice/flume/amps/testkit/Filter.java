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
package dev.sluice.flume.amps.testkit;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed content filter, evaluated against a parsed JSON body with SQL's three-valued logic: a
 * comparison with a missing or null field is unknown, {@code NOT unknown} is unknown, and a message
 * matches only when the whole filter is true. Built by {@link FilterParser}.
 */
abstract class Filter {
  /** Three-valued result: TRUE, FALSE or UNKNOWN (null). */
  abstract Boolean eval(Object document);

  /** Whether the message matches: the filter evaluated to true. */
  final boolean matches(Object document) {
    return Boolean.TRUE.equals(eval(document));
  }

  /** A value-producing term: a path into the document or a literal. */
  abstract static class Operand {
    abstract Object value(Object document);
  }

  static final class PathOperand extends Operand {
    final String path;
    private final String[] steps;

    PathOperand(String path) {
      this.path = path;
      this.steps = Json.steps(path);
    }

    @Override
    Object value(Object document) {
      return Json.path(document, steps);
    }
  }

  static final class Literal extends Operand {
    final Object value;

    Literal(Object value) {
      this.value = value;
    }

    @Override
    Object value(Object document) {
      return value;
    }
  }

  static final class And extends Filter {
    private final Filter left;
    private final Filter right;

    And(Filter left, Filter right) {
      this.left = left;
      this.right = right;
    }

    @Override
    Boolean eval(Object d) {
      Boolean l = left.eval(d);
      if (Boolean.FALSE.equals(l)) {
        return Boolean.FALSE;
      }
      Boolean r = right.eval(d);
      if (Boolean.FALSE.equals(r)) {
        return Boolean.FALSE;
      }
      return (l == null || r == null) ? null : Boolean.TRUE;
    }
  }

  static final class Or extends Filter {
    private final Filter left;
    private final Filter right;

    Or(Filter left, Filter right) {
      this.left = left;
      this.right = right;
    }

    @Override
    Boolean eval(Object d) {
      Boolean l = left.eval(d);
      if (Boolean.TRUE.equals(l)) {
        return Boolean.TRUE;
      }
      Boolean r = right.eval(d);
      if (Boolean.TRUE.equals(r)) {
        return Boolean.TRUE;
      }
      return (l == null || r == null) ? null : Boolean.FALSE;
    }
  }

  static final class Not extends Filter {
    private final Filter inner;

    Not(Filter inner) {
      this.inner = inner;
    }

    @Override
    Boolean eval(Object d) {
      Boolean v = inner.eval(d);
      return v == null ? null : !v;
    }
  }

  /** A bare operand used as a condition: true only for a boolean true value. */
  static final class Truth extends Filter {
    private final Operand operand;

    Truth(Operand operand) {
      this.operand = operand;
    }

    @Override
    Boolean eval(Object d) {
      Object v = operand.value(d);
      if (v == null || v == Json.NULL) {
        return null;
      }
      if (v instanceof Boolean) {
        return (Boolean) v;
      }
      if (v instanceof Number) {
        return ((Number) v).doubleValue() != 0;
      }
      return null;
    }
  }

  enum Op {
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE
  }

  static final class Comparison extends Filter {
    private final Operand left;
    private final Op op;
    private final Operand right;

    Comparison(Operand left, Op op, Operand right) {
      this.left = left;
      this.op = op;
      this.right = right;
    }

    @Override
    Boolean eval(Object d) {
      Object l = left.value(d);
      Object r = right.value(d);
      if (l instanceof List) {
        return any((List<?>) l, x -> compare(x, op, r));
      }
      if (r instanceof List) {
        return any((List<?>) r, x -> compare(l, op, x));
      }
      return compare(l, op, r);
    }
  }

  static final class In extends Filter {
    private final Operand left;
    private final List<Operand> values;

    In(Operand left, List<Operand> values) {
      this.left = left;
      this.values = values;
    }

    @Override
    Boolean eval(Object d) {
      Object l = left.value(d);
      if (l instanceof List) {
        return any((List<?>) l, x -> in(x, d));
      }
      return in(l, d);
    }

    private Boolean in(Object l, Object d) {
      if (isNull(l)) {
        return null;
      }
      boolean sawUnknown = false;
      for (Operand o : values) {
        Boolean eq = compare(l, Op.EQ, o.value(d));
        if (Boolean.TRUE.equals(eq)) {
          return Boolean.TRUE;
        }
        sawUnknown |= eq == null;
      }
      return sawUnknown ? null : Boolean.FALSE;
    }
  }

  static final class Between extends Filter {
    private final Operand value;
    private final Operand low;
    private final Operand high;

    Between(Operand value, Operand low, Operand high) {
      this.value = value;
      this.low = low;
      this.high = high;
    }

    @Override
    Boolean eval(Object d) {
      Object v = value.value(d);
      Object lo = low.value(d);
      Object hi = high.value(d);
      if (v instanceof List) {
        return any((List<?>) v, x -> between(x, lo, hi));
      }
      return between(v, lo, hi);
    }

    private static Boolean between(Object v, Object lo, Object hi) {
      Boolean a = compare(v, Op.GE, lo);
      Boolean b = compare(v, Op.LE, hi);
      if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
        return Boolean.FALSE;
      }
      return (a == null || b == null) ? null : Boolean.TRUE;
    }
  }

  static final class Like extends Filter {
    private final Operand value;
    private final Pattern pattern;

    Like(Operand value, Pattern pattern) {
      this.value = value;
      this.pattern = pattern;
    }

    @Override
    Boolean eval(Object d) {
      Object v = value.value(d);
      if (v instanceof List) {
        return any((List<?>) v, this::like);
      }
      return like(v);
    }

    private Boolean like(Object v) {
      if (isNull(v) || v instanceof Map || v instanceof List) {
        return null;
      }
      return pattern.matcher(text(v)).find();
    }
  }

  static final class IsNull extends Filter {
    private final Operand value;

    IsNull(Operand value) {
      this.value = value;
    }

    @Override
    Boolean eval(Object d) {
      return isNull(value.value(d));
    }
  }

  private interface Test {
    Boolean apply(Object x);
  }

  private static Boolean any(List<?> values, Test test) {
    boolean sawUnknown = false;
    for (Object x : values) {
      Boolean b = test.apply(x);
      if (Boolean.TRUE.equals(b)) {
        return Boolean.TRUE;
      }
      sawUnknown |= b == null;
    }
    return sawUnknown ? null : Boolean.FALSE;
  }

  static boolean isNull(Object v) {
    return v == null || v == Json.NULL;
  }

  private static String text(Object v) {
    if (v instanceof Double) {
      double d = (Double) v;
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
    }
    return String.valueOf(v);
  }

  private static Double number(Object v) {
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof String) {
      try {
        return Double.parseDouble(((String) v).trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * Compares two values: numerically when either side is a number and the other converts to one, as
   * text otherwise. Null or missing on either side gives unknown; objects and arrays are never
   * comparable.
   */
  static Boolean compare(Object l, Op op, Object r) {
    if (isNull(l) || isNull(r)) {
      return null;
    }
    if (l instanceof Map || r instanceof Map || l instanceof List || r instanceof List) {
      return null;
    }
    int c;
    if (l instanceof Number || r instanceof Number) {
      Double a = number(l);
      Double b = number(r);
      if (a == null || b == null) {
        if (op == Op.EQ) {
          return Boolean.FALSE;
        }
        if (op == Op.NE) {
          return Boolean.TRUE;
        }
        return null;
      }
      if (l instanceof Long && r instanceof Long) {
        c = Long.compare((Long) l, (Long) r);
      } else {
        c = Double.compare(a, b);
      }
    } else if (l instanceof Boolean || r instanceof Boolean) {
      boolean same = text(l).equalsIgnoreCase(text(r));
      if (op == Op.EQ) {
        return same;
      }
      if (op == Op.NE) {
        return !same;
      }
      return null;
    } else {
      c = text(l).compareTo(text(r));
    }
    switch (op) {
      case EQ:
        return c == 0;
      case NE:
        return c != 0;
      case LT:
        return c < 0;
      case LE:
        return c <= 0;
      case GT:
        return c > 0;
      default:
        return c >= 0;
    }
  }
}
