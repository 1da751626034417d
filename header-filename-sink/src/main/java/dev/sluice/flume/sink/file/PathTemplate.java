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
package dev.sluice.flume.sink.file;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Matcher;
import org.apache.flume.formatter.output.BucketPath;

/**
 * A path template such as {@code %{service}/%Y%m%d/%{host}.log}, expanded with Flume's own {@link
 * BucketPath} so the escapes mean exactly what they mean in the HDFS sink.
 *
 * <p>Unlike {@code BucketPath}, which silently puts an empty string for a missing header or an
 * unknown escape, a template refuses them: unknown escapes fail at configuration, and an event
 * without a header the template needs (or without a usable {@code timestamp} header when the
 * template has time escapes) expands to null, which the sink treats as a missing header.
 */
final class PathTemplate {
  /** The one-letter escapes {@link BucketPath} knows, {@code %%} included. */
  static final String TIME_ESCAPES = "aAbBcdeDHIjklmMnpsStyYz";

  private static final Set<String> STATIC_ESCAPES = Set.of("localhost", "ip", "fqdn");

  private final String template;
  private final List<String> headers;
  private final boolean usesTime;
  private final TimeZone timeZone;
  private final boolean round;
  private final int roundUnit;
  private final int roundValue;
  private final boolean useLocalTimeStamp;

  private PathTemplate(
      String template,
      List<String> headers,
      boolean usesTime,
      TimeZone timeZone,
      boolean round,
      int roundUnit,
      int roundValue,
      boolean useLocalTimeStamp) {
    this.template = template;
    this.headers = headers;
    this.usesTime = usesTime;
    this.timeZone = timeZone;
    this.round = round;
    this.roundUnit = roundUnit;
    this.roundValue = roundValue;
    this.useLocalTimeStamp = useLocalTimeStamp;
  }

  /**
   * Checks a template and lists what is wrong with it; an empty list means it is usable.
   *
   * @return descriptions of each problem, for the configuration error
   */
  static List<String> problems(String template) {
    List<String> problems = new ArrayList<>();
    Matcher m = BucketPath.tagPattern.matcher(template);
    int end = 0;
    while (m.find()) {
      checkLiteral(template.substring(end, m.start()), problems);
      end = m.end();
      if (m.group(1) != null) {
        char c = m.group(1).charAt(0);
        if (c != '%' && TIME_ESCAPES.indexOf(c) < 0) {
          problems.add(
              "unknown escape %"
                  + c
                  + " (known: %"
                  + String.join(" %", TIME_ESCAPES.split(""))
                  + " %%)");
        }
      } else if (m.group(3) != null
          && !STATIC_ESCAPES.contains(m.group(3).toLowerCase(Locale.ROOT))) {
        problems.add("unknown escape %[" + m.group(3) + "] (known: %[localhost] %[IP] %[FQDN])");
      }
    }
    checkLiteral(template.substring(end), problems);
    if (template.startsWith("/")) {
      problems.add("must be relative to sink.directory, not start with /");
    }
    return problems;
  }

  private static void checkLiteral(String literal, List<String> problems) {
    if (literal.indexOf('%') >= 0) {
      problems.add("a % that starts no escape (write %% for a literal %)");
    }
  }

  /** Builds a template already checked by {@link #problems(String)}. */
  static PathTemplate of(
      String template,
      TimeZone timeZone,
      boolean round,
      int roundUnit,
      int roundValue,
      boolean useLocalTimeStamp) {
    Set<String> headers = new LinkedHashSet<>();
    boolean usesTime = false;
    Matcher m = BucketPath.tagPattern.matcher(template);
    while (m.find()) {
      if (m.group(2) != null) {
        headers.add(m.group(2));
      } else if (m.group(1) != null && !m.group(1).equals("%")) {
        usesTime = true;
      }
    }
    return new PathTemplate(
        template,
        Collections.unmodifiableList(new ArrayList<>(headers)),
        usesTime,
        timeZone,
        round,
        roundUnit,
        roundValue,
        useLocalTimeStamp);
  }

  /** Headers the template reads, in order of first use. */
  List<String> headers() {
    return headers;
  }

  boolean usesTime() {
    return usesTime;
  }

  /**
   * The expanded path, or null when a header it needs is missing or empty, or the time escapes have
   * no usable timestamp.
   *
   * @param nowMillis the local time, used for time escapes under {@code useLocalTimeStamp}
   */
  String expand(Map<String, String> eventHeaders, long nowMillis) {
    for (String h : headers) {
      String v = eventHeaders.get(h);
      if (v == null || v.isEmpty()) {
        return null;
      }
    }
    Map<String, String> values = eventHeaders;
    if (usesTime) {
      if (useLocalTimeStamp) {
        values = new HashMap<>(eventHeaders);
        values.put("timestamp", Long.toString(nowMillis));
      } else if (!isLong(eventHeaders.get("timestamp"))) {
        return null;
      }
    }
    return BucketPath.escapeString(template, values, timeZone, round, roundUnit, roundValue, false);
  }

  private static boolean isLong(String s) {
    if (s == null || s.isEmpty() || s.length() > 19) {
      return false;
    }
    try {
      Long.parseLong(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return template;
  }
}
