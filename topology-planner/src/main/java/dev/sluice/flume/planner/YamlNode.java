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

import dev.sluice.flume.common.config.KeySuggester;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of the YAML description, read field by field. Every problem is added to a list shared
 * by the whole description (with the field's path, the value given and what is allowed) instead of
 * being thrown, so that one run reports them all. Unknown keys get a "did you mean".
 */
final class YamlNode {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)?");

  private final String path;
  private final Map<?, ?> map;
  private final List<String> problems;
  private final Set<String> asked;
  private final Set<String> known = new LinkedHashSet<>();

  /**
   * A node at {@code path}; problems go to {@code problems}, and every field asked for goes to
   * {@code asked} with list indexes as {@code []} (for the docs-vs-code test).
   */
  YamlNode(String path, Map<?, ?> map, List<String> problems, Set<String> asked) {
    this.path = path;
    this.map = map;
    this.problems = problems;
    this.asked = asked;
  }

  private void ask(String key) {
    known.add(key);
    asked.add(field(key).replaceAll("\\[\\d+]", "[]"));
  }

  /** The field's full name, such as {@code producers[0].eventBytes}. */
  String field(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void problem(String key, Object value, String allowed) {
    problems.add(field(key) + ": " + describe(value) + " is not allowed; allowed: " + allowed);
  }

  void problem(String key, String message) {
    problems.add(field(key) + ": " + message);
  }

  private static String describe(Object value) {
    return value == null ? "(missing)" : "'" + value + "'";
  }

  boolean has(String key) {
    ask(key);
    return map.get(key) != null;
  }

  String string(String key, String defaultValue) {
    ask(key);
    Object v = map.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Map || v instanceof List) {
      problem(key, v, "a single value");
      return defaultValue;
    }
    String s = v.toString().trim();
    if (s.isEmpty()) {
      problem(key, v, "a non-empty value");
      return defaultValue;
    }
    return s;
  }

  String requiredString(String key, String meaning) {
    String s = string(key, null);
    if (s == null && map.get(key) == null) {
      problem(key, null, meaning);
    }
    return s;
  }

  /** A name usable in Flume component and agent names: letters, digits, '-', '_'. */
  String name(String key, String defaultValue) {
    String s = defaultValue == null ? requiredString(key, "a name") : string(key, defaultValue);
    if (s != null && !s.matches("[A-Za-z][A-Za-z0-9_-]*")) {
      problem(key, s, "a name of letters, digits, '-' and '_' starting with a letter");
      return defaultValue == null ? "invalid" : defaultValue;
    }
    return s == null ? "invalid" : s;
  }

  String oneOf(String key, String defaultValue, String... allowed) {
    String s =
        defaultValue == null
            ? requiredString(key, String.join(", ", allowed))
            : string(key, defaultValue);
    if (s == null) {
      return allowed[0];
    }
    for (String a : allowed) {
      if (a.equalsIgnoreCase(s)) {
        return a;
      }
    }
    String hint = KeySuggester.suggest(s, Arrays.asList(allowed));
    problems.add(
        field(key)
            + ": '"
            + s
            + "' is not allowed; allowed: "
            + String.join(", ", allowed)
            + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
    return allowed[0];
  }

  double number(String key, double defaultValue, double min, double max) {
    ask(key);
    Object v = map.get(key);
    if (v == null) {
      if (Double.isNaN(defaultValue)) {
        problem(key, null, "a number from " + fmt(min) + " to " + fmt(max));
        return min;
      }
      return defaultValue;
    }
    double d;
    if (v instanceof Number) {
      d = ((Number) v).doubleValue();
    } else {
      try {
        d = Double.parseDouble(v.toString().trim().replace("_", ""));
      } catch (NumberFormatException e) {
        problem(key, v, "a number from " + fmt(min) + " to " + fmt(max));
        return Double.isNaN(defaultValue) ? min : defaultValue;
      }
    }
    if (!(d >= min && d <= max)) {
      problem(key, v, "a number from " + fmt(min) + " to " + fmt(max));
      return Double.isNaN(defaultValue) ? min : defaultValue;
    }
    return d;
  }

  long integer(String key, long defaultValue, long min, long max) {
    double d =
        number(
            key,
            defaultValue == Long.MIN_VALUE ? Double.NaN : (double) defaultValue,
            (double) min,
            (double) max);
    if (d != Math.rint(d)) {
      problem(key, map.get(key), "a whole number from " + min + " to " + max);
      return min;
    }
    return (long) d;
  }

  /** A duration in seconds: a number of seconds, or with a unit {@code s, m, h, d}. */
  long durationSeconds(String key, String defaultValue, long minSeconds, long maxSeconds) {
    String s = string(key, defaultValue);
    String allowed =
        "a duration such as 90s, 30m, 2h or 1d (a bare number is seconds), "
            + minSeconds
            + " s to "
            + maxSeconds
            + " s";
    if (s == null) {
      problem(key, null, allowed);
      return minSeconds;
    }
    Matcher m = DURATION.matcher(s.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      problem(key, s, allowed);
      return minSeconds;
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      problem(key, s, allowed);
      return minSeconds;
    }
    String unit = m.group(2) == null ? "s" : m.group(2);
    long factor = unit.equals("s") ? 1 : unit.equals("m") ? 60 : unit.equals("h") ? 3600 : 86400;
    long seconds = n * factor;
    if (seconds < minSeconds || seconds > maxSeconds) {
      problem(key, s, allowed);
      return minSeconds;
    }
    return seconds;
  }

  YamlNode child(String key) {
    ask(key);
    Object v = map.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map)) {
      problem(key, v, "a mapping of keys to values");
      return null;
    }
    return new YamlNode(field(key), (Map<?, ?>) v, problems, asked);
  }

  /** The keys and values of a mapping whose keys are the user's own (such as route values). */
  Map<?, ?> rawMap(String key) {
    ask(key);
    Object v = map.get(key);
    if (v == null) {
      return Collections.emptyMap();
    }
    if (!(v instanceof Map)) {
      problem(key, v, "a mapping of keys to values");
      return Collections.emptyMap();
    }
    return (Map<?, ?>) v;
  }

  List<YamlNode> list(String key, boolean required) {
    ask(key);
    Object v = map.get(key);
    List<YamlNode> out = new ArrayList<>();
    if (v == null) {
      if (required) {
        problem(key, null, "a list with at least one entry");
      }
      return out;
    }
    if (!(v instanceof List)) {
      problem(key, v, "a list (entries starting with '- ')");
      return out;
    }
    List<?> l = (List<?>) v;
    if (required && l.isEmpty()) {
      problem(key, "[]", "a list with at least one entry");
    }
    for (int i = 0; i < l.size(); i++) {
      Object e = l.get(i);
      String p = field(key) + "[" + i + "]";
      if (e instanceof Map) {
        out.add(new YamlNode(p, (Map<?, ?>) e, problems, asked));
      } else {
        problems.add(
            p + ": " + describe(e) + " is not allowed; allowed: a mapping of keys to values");
      }
    }
    return out;
  }

  /** Reports every key that no read asked for, with the closest known key. Call last. */
  void finish() {
    for (Object k : map.keySet()) {
      String key = String.valueOf(k);
      if (!known.contains(key)) {
        String hint = KeySuggester.suggest(key, known);
        problems.add(
            field(key)
                + ": unknown key"
                + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                + "; known keys here: "
                + String.join(", ", known));
      }
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15
        ? String.format(Locale.ROOT, "%,d", (long) d)
        : String.format(Locale.ROOT, "%s", d);
  }
}
