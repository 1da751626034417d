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

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bookmarks as the AMPS client reads and writes them. A message bookmark is {@code
 * publisherId|sequence|}: the publisher id is a hash of the publishing client's name and the
 * sequence is the message's index in the transaction log, so sequences rise strictly per publisher
 * (which the client's duplicate detection requires). A subscription's starting point is one of:
 * {@code 0} (epoch: replay everything), {@code 0|1|} (now: live only), {@code recent} (resolved by
 * the client; the server treats it as epoch), an AMPS timestamp {@code YYYYMMDDTHHMMSS[.f]}, one
 * bookmark, or a comma-separated list of those (the earliest point wins).
 */
final class Bookmark {
  static final String EPOCH = "0";
  static final String NOW = "0|1|";
  static final String RECENT = "recent";

  private Bookmark() {}

  /** One parsed starting point. */
  static final class Point {
    enum Kind {
      EPOCH,
      NOW,
      TIMESTAMP,
      MESSAGE
    }

    final Kind kind;
    final long publisherId;
    final long sequence;
    final long timestampMillis;

    private Point(Kind kind, long publisherId, long sequence, long timestampMillis) {
      this.kind = kind;
      this.publisherId = publisherId;
      this.sequence = sequence;
      this.timestampMillis = timestampMillis;
    }

    static Point message(long publisherId, long sequence) {
      return new Point(Kind.MESSAGE, publisherId, sequence, 0);
    }

    @Override
    public String toString() {
      switch (kind) {
        case EPOCH:
          return EPOCH;
        case NOW:
          return NOW;
        case TIMESTAMP:
          return "ts:" + timestampMillis;
        default:
          return format(publisherId, sequence);
      }
    }
  }

  /** Thrown for text that is not a bookmark; the server answers it with "invalid bookmark". */
  static final class InvalidBookmarkException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidBookmarkException(String message) {
      super(message);
    }
  }

  static String format(long publisherId, long sequence) {
    return Long.toUnsignedString(publisherId) + '|' + Long.toUnsignedString(sequence) + '|';
  }

  /** Appends {@code publisherId|sequence|} without allocating a string. */
  static void append(ByteSink out, long publisherId, long sequence) {
    out.ascii(Long.toUnsignedString(publisherId))
        .append((byte) '|')
        .ascii(Long.toUnsignedString(sequence))
        .append((byte) '|');
  }

  /** A publisher id: a positive 63-bit FNV-1a hash of the client name. */
  static long publisherId(String clientName) {
    long h = 0xcbf29ce484222325L;
    for (byte b : clientName.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    h &= Long.MAX_VALUE;
    return h == 0 ? 1 : h;
  }

  /** Parses a subscription's bookmark field into one or more starting points. */
  static List<Point> parse(String text) throws InvalidBookmarkException {
    List<Point> points = new ArrayList<>();
    if (text == null) {
      return points;
    }
    String t = text.trim();
    if (t.startsWith("[") || t.startsWith("(")) {
      throw new InvalidBookmarkException("bookmark ranges are not supported: " + text);
    }
    for (String part : t.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      points.add(parseOne(p, text));
    }
    if (points.isEmpty()) {
      throw new InvalidBookmarkException("empty bookmark");
    }
    return points;
  }

  private static Point parseOne(String p, String whole) throws InvalidBookmarkException {
    if (p.equals(EPOCH) || p.equalsIgnoreCase(RECENT)) {
      return new Point(Point.Kind.EPOCH, 0, 0, 0);
    }
    if (p.equals(NOW)) {
      return new Point(Point.Kind.NOW, 0, 0, 0);
    }
    if (p.length() >= 10 && p.charAt(8) == 'T' && p.indexOf('|') < 0) {
      return new Point(Point.Kind.TIMESTAMP, 0, 0, parseTimestamp(p, whole));
    }
    String[] fields = p.split("\\|", -1);
    if (fields.length < 2) {
      throw new InvalidBookmarkException("not a bookmark: " + whole);
    }
    try {
      long pub = Long.parseUnsignedLong(fields[0]);
      long seq = Long.parseUnsignedLong(fields[1]);
      if (pub == 0 && seq <= 1) {
        return new Point(Point.Kind.NOW, 0, 0, 0);
      }
      return Point.message(pub, seq);
    } catch (NumberFormatException e) {
      throw new InvalidBookmarkException("not a bookmark: " + whole);
    }
  }

  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  static long parseTimestamp(String p, String whole) throws InvalidBookmarkException {
    String s = p.endsWith("Z") ? p.substring(0, p.length() - 1) : p;
    int dot = s.indexOf('.');
    String base = dot < 0 ? s : s.substring(0, dot);
    long fractionMillis = 0;
    if (dot >= 0) {
      String f = (s.substring(dot + 1) + "000").substring(0, 3);
      try {
        fractionMillis = Long.parseLong(f);
      } catch (NumberFormatException e) {
        throw new InvalidBookmarkException("not a timestamp: " + whole);
      }
    }
    try {
      return LocalDateTime.parse(base, TS).toInstant(ZoneOffset.UTC).toEpochMilli()
          + fractionMillis;
    } catch (DateTimeParseException e) {
      throw new InvalidBookmarkException("not a timestamp: " + whole);
    }
  }

  private static final DateTimeFormatter TS_OUT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC);

  /** AMPS's timestamp format, for example {@code 20260101T120000.123000Z}. */
  static String timestamp(long epochMillis) {
    return TS_OUT.format(java.time.Instant.ofEpochMilli(epochMillis)) + "000Z";
  }
}
