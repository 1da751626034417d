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

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
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

  /** Distinct combinations of header values whose expansion is remembered; then it starts over. */
  static final int EXPANSION_CACHE_SIZE = 4096;

  /** Below hours, the fields a time escape prints change on fixed steps of the time line. */
  private static final long MINUTE_MILLIS = 60_000L;

  private final String template;
  private final List<String> headers;
  private final boolean usesTime;
  private final TimeZone timeZone;
  private final boolean round;
  private final int roundUnit;
  private final int roundValue;
  private final boolean useLocalTimeStamp;

  /**
   * The finest time unit the template prints ({@link ChronoUnit#FOREVER} for none), or null when
   * expansions are not remembered (a {@code %[...]} escape asks the network on every event).
   */
  private final ChronoUnit unit;

  private final ZoneId zone;

  /**
   * Recent expansions by the values of the template's headers, each valid for one bucket of the
   * time line: {@link BucketPath#escapeString} compiles regular expressions and formats dates for
   * every escape of every event, which a JFR profile of the demo's aggregators showed as their
   * largest cost.
   */
  private final Map<List<String>, Expansion> expansions = new ConcurrentHashMap<>();

  /** An expansion and the times ({@code [from, until)}, epoch millis) it holds for. */
  private static final class Expansion {
    final long from;
    final long until;
    final String path;

    Expansion(long from, long until, String path) {
      this.from = from;
      this.until = until;
      this.path = path;
    }
  }

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
    this.unit = finestUnit(template);
    this.zone = timeZone == null ? ZoneId.systemDefault() : timeZone.toZoneId();
  }

  /**
   * The finest unit of time the template's escapes print: within one bucket of that unit (in the
   * template's zone) they print the same text, with or without rounding, which only moves a time
   * down within the unit above the one it rounds to. Null with a {@code %[...]} escape.
   */
  private static ChronoUnit finestUnit(String template) {
    ChronoUnit finest = ChronoUnit.FOREVER;
    Matcher m = BucketPath.tagPattern.matcher(template);
    while (m.find()) {
      if (m.group(3) != null) {
        return null;
      }
      if (m.group(1) == null) {
        continue;
      }
      ChronoUnit u = unitOf(m.group(1).charAt(0));
      if (u.compareTo(finest) < 0) {
        finest = u;
      }
    }
    return finest;
  }

  private static ChronoUnit unitOf(char escape) {
    switch (escape) {
      case '%':
        return ChronoUnit.FOREVER;
      case 'a':
      case 'A':
      case 'b':
      case 'B':
      case 'd':
      case 'e':
      case 'D':
      case 'j':
      case 'm':
      case 'n':
      case 'y':
      case 'Y':
        return ChronoUnit.DAYS;
      case 'H':
      case 'I':
      case 'k':
      case 'l':
      case 'p':
      case 'z':
        return ChronoUnit.HOURS;
      case 'M':
        return ChronoUnit.MINUTES;
      case 'c':
      case 's':
      case 'S':
        return ChronoUnit.SECONDS;
      default: // %t, and anything else: every millisecond differs
        return ChronoUnit.MILLIS;
    }
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
    long time = 0;
    if (usesTime) {
      if (useLocalTimeStamp) {
        time = nowMillis;
      } else {
        String ts = eventHeaders.get("timestamp");
        if (!isLong(ts)) {
          return null;
        }
        time = Long.parseLong(ts);
      }
    }
    if (unit == null || unit == ChronoUnit.MILLIS) {
      return escape(eventHeaders, nowMillis);
    }
    List<String> key = new ArrayList<>(headers.size());
    for (String h : headers) {
      key.add(eventHeaders.get(h));
    }
    Expansion e = expansions.get(key);
    if (e != null && time >= e.from && time < e.until) {
      return e.path;
    }
    String path = escape(eventHeaders, nowMillis);
    long[] bucket = usesTime ? bucket(time) : new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
    if (bucket != null) {
      if (expansions.size() >= EXPANSION_CACHE_SIZE) {
        expansions.clear();
      }
      expansions.put(key, new Expansion(bucket[0], bucket[1], path));
    }
    return path;
  }

  /** What Flume's {@link BucketPath} makes of the template for these headers. */
  String escape(Map<String, String> eventHeaders, long nowMillis) {
    Map<String, String> values = eventHeaders;
    if (usesTime && useLocalTimeStamp) {
      values = new HashMap<>(eventHeaders);
      values.put("timestamp", Long.toString(nowMillis));
    }
    return BucketPath.escapeString(template, values, timeZone, round, roundUnit, roundValue, false);
  }

  /**
   * The bucket of {@link #unit} holding {@code time}, as {@code [from, until)} in epoch millis, or
   * null where the zone's offset changes inside it (a daylight-saving change): such a time is
   * expanded every time.
   */
  private long[] bucket(long time) {
    if (unit.compareTo(ChronoUnit.HOURS) < 0) {
      // Seconds and minutes: fixed steps of the time line, shifted by the zone's offset (which
      // can have seconds in it, in zones' early history).
      ZonedDateTime at = Instant.ofEpochMilli(time).atZone(zone);
      long step = unit == ChronoUnit.SECONDS ? 1000L : MINUTE_MILLIS;
      long offset = at.getOffset().getTotalSeconds() * 1000L;
      long from = Math.floorDiv(time + offset, step) * step - offset;
      long until = from + step;
      return sameOffset(from, until) ? new long[] {from, until} : null;
    }
    ZonedDateTime start = Instant.ofEpochMilli(time).atZone(zone).truncatedTo(unit);
    // The next boundary of the unit, not start + 1 unit: a zone whose clocks jump by half an hour
    // starts an hour's bucket at :30, and it still ends at the next whole hour.
    ZonedDateTime end =
        unit == ChronoUnit.DAYS
            ? start.toLocalDate().plusDays(1).atStartOfDay(zone)
            : start.plusHours(1).truncatedTo(ChronoUnit.HOURS);
    long from = start.toInstant().toEpochMilli();
    long until = end.toInstant().toEpochMilli();
    if (time < from || time >= until || !sameOffset(from, until) || !sameLocal(from, until)) {
      return null;
    }
    return new long[] {from, until};
  }

  /** Whether the bucket's first and last millisecond fall in the same unit of local time. */
  private boolean sameLocal(long from, long until) {
    return Instant.ofEpochMilli(from)
        .atZone(zone)
        .toLocalDateTime()
        .truncatedTo(unit)
        .equals(Instant.ofEpochMilli(until - 1).atZone(zone).toLocalDateTime().truncatedTo(unit));
  }

  private boolean sameOffset(long from, long until) {
    return zone.getRules()
        .getOffset(Instant.ofEpochMilli(from))
        .equals(zone.getRules().getOffset(Instant.ofEpochMilli(until - 1)));
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
