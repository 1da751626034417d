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
package dev.sluice.flume.hbase.serializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A row key template, compiled once: literal text, {@code %{header}}, {@code ${field}}, {@code
 * %[ts]} and {@code %[reversedTs]}, optionally behind a salt prefix ({@link SaltPrefix}). Any other
 * {@code %} or {@code $} is literal text.
 *
 * <p>A part that is absent or empty makes the event bad ({@link BadEventReason#NO_ROW_KEY}): a key
 * is never made up.
 */
final class RowKeyTemplate {
  /** HBase's limit on a row key's length, in bytes. */
  static final int MAX_ROW_KEY_BYTES = Short.MAX_VALUE;

  private static final int TS_DIGITS = 19;

  private enum Kind {
    LITERAL,
    HEADER,
    FIELD,
    TS,
    REVERSED_TS
  }

  private static final class Part {
    final Kind kind;
    final String text;
    final BodyFormat.FieldRef field;

    Part(Kind kind, String text, BodyFormat.FieldRef field) {
      this.kind = kind;
      this.text = text;
      this.field = field;
    }
  }

  private final String source;
  private final String what;
  private final List<Part> parts;
  private final SaltPrefix salt;
  private final boolean usesTimestamp;
  private final StringBuilder buffer = new StringBuilder(64);

  private RowKeyTemplate(String source, String what, List<Part> parts, SaltPrefix salt) {
    this.source = source;
    this.what = what;
    this.parts = parts;
    this.salt = salt;
    boolean ts = false;
    for (Part p : parts) {
      ts |= p.kind == Kind.TS || p.kind == Kind.REVERSED_TS;
    }
    this.usesTimestamp = ts;
  }

  /**
   * Compiles a template.
   *
   * @param what names the key in messages: {@code row key}, {@code increment row key}
   * @param fields resolves {@code ${...}}; its IllegalArgumentException becomes a problem
   * @param problems receives each problem found, as the allowed-values text of a config problem
   * @return the template, or null when there were problems
   */
  static RowKeyTemplate compile(
      String source,
      String what,
      Function<String, BodyFormat.FieldRef> fields,
      SaltPrefix salt,
      List<String> problems) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int before = problems.size();
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      char next = i + 1 < source.length() ? source.charAt(i + 1) : 0;
      boolean header = c == '%' && next == '{';
      boolean field = c == '$' && next == '{';
      boolean builtIn = c == '%' && next == '[';
      if (!header && !field && !builtIn) {
        literal.append(c);
        i++;
        continue;
      }
      char close = builtIn ? ']' : '}';
      int end = source.indexOf(close, i + 2);
      if (end < 0) {
        problems.add("'" + source.substring(i, i + 2) + "' at position " + i + " is not closed");
        break;
      }
      String name = source.substring(i + 2, end);
      if (literal.length() > 0) {
        parts.add(new Part(Kind.LITERAL, literal.toString(), null));
        literal.setLength(0);
      }
      if (header) {
        if (name.isEmpty()) {
          problems.add("'%{}' names no header");
        }
        parts.add(new Part(Kind.HEADER, name, null));
      } else if (field) {
        try {
          parts.add(new Part(Kind.FIELD, name, fields.apply(name)));
        } catch (IllegalArgumentException e) {
          problems.add("${" + name + "}: " + e.getMessage());
        }
      } else if (name.equals("ts")) {
        parts.add(new Part(Kind.TS, name, null));
      } else if (name.equals("reversedTs")) {
        parts.add(new Part(Kind.REVERSED_TS, name, null));
      } else {
        problems.add("'%[" + name + "]' is not one of %[ts], %[reversedTs]");
      }
      i = end + 1;
    }
    if (literal.length() > 0) {
      parts.add(new Part(Kind.LITERAL, literal.toString(), null));
    }
    if (problems.size() > before) {
      return null;
    }
    boolean varying = false;
    for (Part p : parts) {
      varying |= p.kind != Kind.LITERAL;
    }
    if (!varying) {
      problems.add(
          "has no %{header}, ${field} or %[ts]: every event would get the same "
              + what
              + " and overwrite the last");
      return null;
    }
    return new RowKeyTemplate(source, what, parts, salt);
  }

  boolean usesTimestamp() {
    return usesTimestamp;
  }

  @Override
  public String toString() {
    return source;
  }

  /**
   * Builds the key of one event.
   *
   * @param timestamp the event's timestamp, used by {@code %[ts]} and {@code %[reversedTs]}
   */
  byte[] render(Map<String, String> headers, BodyFormat.Parsed body, long timestamp)
      throws BadEvent {
    StringBuilder sb = buffer;
    sb.setLength(0);
    for (Part p : parts) {
      switch (p.kind) {
        case LITERAL:
          sb.append(p.text);
          break;
        case HEADER:
          appendPart(sb, headers.get(p.text), "header '" + p.text + "'");
          break;
        case FIELD:
          appendPart(sb, body.text(p.field), "field '" + p.field.spec() + "'");
          break;
        case TS:
          appendPadded(sb, timestamp);
          break;
        default:
          appendPadded(sb, Long.MAX_VALUE - timestamp);
          break;
      }
    }
    byte[] key = sb.toString().getBytes(StandardCharsets.UTF_8);
    byte[] salted = salt.apply(key);
    if (salted.length > MAX_ROW_KEY_BYTES) {
      throw new BadEvent(
          BadEventReason.NO_ROW_KEY,
          what + " would be " + salted.length + " bytes, more than HBase's " + MAX_ROW_KEY_BYTES);
    }
    return salted;
  }

  private void appendPart(StringBuilder sb, String value, String part) throws BadEvent {
    if (value == null || value.isEmpty()) {
      throw new BadEvent(
          BadEventReason.NO_ROW_KEY,
          part + " of the " + what + " is " + (value == null ? "absent" : "empty"));
    }
    sb.append(value);
  }

  private static void appendPadded(StringBuilder sb, long value) {
    String digits = Long.toString(value);
    for (int i = digits.length(); i < TS_DIGITS; i++) {
      sb.append('0');
    }
    sb.append(digits);
  }
}
