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
package dev.sluice.flume.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds a docs key table's defaults to the code's, both ways, for docs-versus-code tests.
 *
 * <p>The docs side is key to default cell ({@link MarkdownDoc#keyDefaults}). A cell is a
 * <em>literal</em> when it is only {@code `value`}s joined by {@code or} or commas ({@code `2003`
 * or `2004`}, bold or not), or {@code empty}; anything else (required, none, "the JVM's") is words.
 * The code side is key to the default a user would write to get it (common's {@code ConfigReader}
 * records them), for keys read with a default only.
 *
 * <p>Mismatches: a key with a code default that the table lacks or gives in words, a literal that
 * is not the code's default, and a literal for a key the code reads without a default. Keys the
 * test names as explained (a default computed from another key, say) are not compared, but must be
 * in the table. Values are equal when equal ignoring case, or when they are the same duration:
 * {@code 60s}, {@code 1m} and {@code 60000ms} are equal, and a plain number set against a value
 * with a unit is read as milliseconds, as {@code ConfigReader} records the default of a
 * milliseconds key ({@code 60000} equals {@code 60s}; two plain numbers must be equal).
 *
 * <pre>{@code
 * assertEquals(List.of(), DocumentedDefaults.mismatches(
 *     doc.keyDefaults("## Keys"), codeDefaults, Set.of("sink.fileSuffix")));
 * }</pre>
 */
public final class DocumentedDefaults {
  private static final Pattern LITERAL = Pattern.compile("`[^`]*`(\\s*(,|or|, or)\\s*`[^`]*`)*");
  private static final Pattern CODE = Pattern.compile("`([^`]*)`");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,15})\\s*(ms|s|m|h|d)");
  private static final Pattern PLAIN = Pattern.compile("\\d{1,15}");

  private DocumentedDefaults() {}

  /**
   * Every disagreement between the documented and the code's defaults, one sentence each, sorted by
   * key; empty when they agree.
   *
   * @param documented key to default cell, as written in the docs table
   * @param code key to default of every key the code reads with a default
   * @param explained keys whose default the table explains rather than states (for example "empty,
   *     `.gz` with `gzip`", or a name computed from another key): not compared
   */
  public static List<String> mismatches(
      Map<String, String> documented, Map<String, String> code, Set<String> explained) {
    Objects.requireNonNull(documented, "documented");
    Objects.requireNonNull(code, "code");
    List<String> out = new ArrayList<>();
    Set<String> keys = new TreeSet<>(documented.keySet());
    keys.addAll(code.keySet());
    for (String key : keys) {
      if (explained.contains(key)) {
        continue;
      }
      String cell = documented.get(key);
      String codeDefault = code.get(key);
      List<String> literals = cell == null ? null : literals(cell);
      if (codeDefault == null) {
        if (literals != null) {
          out.add(
              key + ": the docs give the default " + cell + " but the code reads it without one");
        }
      } else if (cell == null) {
        out.add(key + ": the code's default is '" + codeDefault + "' but the docs table lacks it");
      } else if (literals == null) {
        out.add(
            key + ": the code's default is '" + codeDefault + "' but the docs say '" + cell + "'");
      } else if (literals.stream().noneMatch(l -> same(l, codeDefault))) {
        out.add(key + ": the code's default is '" + codeDefault + "', the docs say " + cell);
      }
    }
    for (String key : new TreeSet<>(explained)) {
      if (!documented.containsKey(key)) {
        out.add(key + ": named as explained, but the docs table does not have it");
      }
    }
    return out;
  }

  /** {@link #mismatches(Map, Map, Set)} with no key explained. */
  public static List<String> mismatches(Map<String, String> documented, Map<String, String> code) {
    return mismatches(documented, code, Set.of());
  }

  /** The literal values of a cell, or null when the cell is words. */
  static List<String> literals(String cell) {
    String c = cell.trim().replace("**", ""); // bold marks a surprising default, not its value
    if (c.equalsIgnoreCase("empty") || c.equalsIgnoreCase("(empty)")) {
      return List.of("");
    }
    if (!LITERAL.matcher(c).matches()) {
      return null;
    }
    List<String> values = new ArrayList<>();
    Matcher m = CODE.matcher(c);
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }

  /** Equal ignoring case, or the same duration (a plain number against a unit is milliseconds). */
  static boolean same(String a, String b) {
    String x = a.trim().toLowerCase(Locale.ROOT);
    String y = b.trim().toLowerCase(Locale.ROOT);
    if (x.equals(y)) {
      return true;
    }
    if (!DURATION.matcher(x).matches() && !DURATION.matcher(y).matches()) {
      return false;
    }
    long dx = millis(x);
    return dx >= 0 && dx == millis(y);
  }

  private static long millis(String value) {
    if (PLAIN.matcher(value).matches()) {
      return Long.parseLong(value);
    }
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      return -1;
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms":
        return n;
      case "s":
        return n * 1_000L;
      case "m":
        return n * 60_000L;
      case "h":
        return n * 3_600_000L;
      default:
        return n * 86_400_000L;
    }
  }
}
