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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and writer for message bodies: objects become {@link LinkedHashMap}, arrays
 * {@link ArrayList}, numbers {@link Long} or {@link Double}, and JSON {@code null} becomes {@link
 * #NULL} so that a field set to null can be told from a missing one.
 */
final class Json {
  /** JSON's {@code null} value. */
  static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  /** Thrown for text that is not JSON. */
  static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message);
    }
  }

  private final byte[] in;
  private final int end;
  private int pos;

  private Json(byte[] in, int offset, int length) {
    this.in = in;
    this.pos = offset;
    this.end = offset + length;
  }

  static Object parse(String text) throws ParseException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return parse(b, 0, b.length);
  }

  /** Parses one JSON value that must fill the whole range (surrounding whitespace allowed). */
  static Object parse(byte[] bytes, int offset, int length) throws ParseException {
    Json p = new Json(bytes, offset, length);
    p.skipWhitespace();
    Object value = p.value(0);
    p.skipWhitespace();
    if (p.pos != p.end) {
      throw p.error("trailing characters");
    }
    return value;
  }

  private ParseException error(String what) {
    return new ParseException(what + " at offset " + pos);
  }

  private void skipWhitespace() {
    while (pos < end) {
      byte b = in[pos];
      if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
        pos++;
      } else {
        return;
      }
    }
  }

  private Object value(int depth) throws ParseException {
    if (depth > 200) {
      throw error("nesting too deep");
    }
    if (pos >= end) {
      throw error("unexpected end");
    }
    byte b = in[pos];
    switch (b) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return NULL;
      default:
        if (b == '-' || (b >= '0' && b <= '9')) {
          return number();
        }
        throw error("unexpected character '" + (char) b + "'");
    }
  }

  private void literal(String word) throws ParseException {
    int n = word.length();
    if (end - pos < n) {
      throw error("unexpected end");
    }
    for (int i = 0; i < n; i++) {
      if (in[pos + i] != word.charAt(i)) {
        throw error("bad literal");
      }
    }
    pos += n;
  }

  private Map<String, Object> object(int depth) throws ParseException {
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (pos < end && in[pos] == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (pos >= end || in[pos] != '"') {
        throw error("expected a field name");
      }
      String name = string();
      skipWhitespace();
      if (pos >= end || in[pos] != ':') {
        throw error("expected ':'");
      }
      pos++;
      skipWhitespace();
      map.put(name, value(depth + 1));
      skipWhitespace();
      if (pos >= end) {
        throw error("unexpected end");
      }
      if (in[pos] == ',') {
        pos++;
      } else if (in[pos] == '}') {
        pos++;
        return map;
      } else {
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) throws ParseException {
    pos++;
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (pos < end && in[pos] == ']') {
      pos++;
      return list;
    }
    while (true) {
      skipWhitespace();
      list.add(value(depth + 1));
      skipWhitespace();
      if (pos >= end) {
        throw error("unexpected end");
      }
      if (in[pos] == ',') {
        pos++;
      } else if (in[pos] == ']') {
        pos++;
        return list;
      } else {
        throw error("expected ',' or ']'");
      }
    }
  }

  private Object number() throws ParseException {
    int start = pos;
    boolean integral = true;
    if (in[pos] == '-') {
      pos++;
    }
    while (pos < end) {
      byte b = in[pos];
      if (b >= '0' && b <= '9') {
        pos++;
      } else if (b == '.' || b == 'e' || b == 'E' || b == '+' || b == '-') {
        integral = false;
        pos++;
      } else {
        break;
      }
    }
    String text = new String(in, start, pos - start, StandardCharsets.US_ASCII);
    try {
      if (integral && pos - start < 19) {
        return Long.parseLong(text);
      }
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw error("bad number '" + text + "'");
    }
  }

  private String string() throws ParseException {
    pos++; // opening quote
    int start = pos;
    while (pos < end) {
      byte b = in[pos];
      if (b == '"') {
        String s = new String(in, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
      }
      if (b == '\\') {
        return escapedString(start);
      }
      pos++;
    }
    throw error("unterminated string");
  }

  private String escapedString(int start) throws ParseException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(in, start, pos - start);
    while (pos < end) {
      byte b = in[pos++];
      if (b == '"') {
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
      }
      if (b != '\\') {
        out.write(b);
        continue;
      }
      if (pos >= end) {
        break;
      }
      byte e = in[pos++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out.write(e);
          break;
        case 'b':
          out.write('\b');
          break;
        case 'f':
          out.write('\f');
          break;
        case 'n':
          out.write('\n');
          break;
        case 'r':
          out.write('\r');
          break;
        case 't':
          out.write('\t');
          break;
        case 'u':
          if (end - pos < 4) {
            throw error("bad \\u escape");
          }
          int code;
          try {
            code = Integer.parseInt(new String(in, pos, 4, StandardCharsets.US_ASCII), 16);
          } catch (NumberFormatException ex) {
            throw error("bad \\u escape");
          }
          pos += 4;
          byte[] utf8 = String.valueOf((char) code).getBytes(StandardCharsets.UTF_8);
          out.write(utf8, 0, utf8.length);
          break;
        default:
          throw error("bad escape");
      }
    }
    throw error("unterminated string");
  }

  /** Writes a parsed value back as compact JSON. */
  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  static void write(Object value, StringBuilder sb) {
    if (value == null || value == NULL) {
      sb.append("null");
    } else if (value instanceof String) {
      quote((String) value, sb);
    } else if (value instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        quote(String.valueOf(e.getKey()), sb);
        sb.append(':');
        write(e.getValue(), sb);
      }
      sb.append('}');
    } else if (value instanceof List) {
      sb.append('[');
      boolean first = true;
      for (Object o : (List<?>) value) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(o, sb);
      }
      sb.append(']');
    } else if (value instanceof Double) {
      double d = (Double) value;
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        sb.append((long) d).append(".0");
      } else {
        sb.append(d);
      }
    } else {
      sb.append(value);
    }
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  /**
   * Follows an AMPS path such as {@code /order/price} into a parsed document; returns {@code null}
   * when any step is missing (a JSON null is returned as {@link #NULL}).
   */
  static Object path(Object document, String[] steps) {
    Object current = document;
    for (String step : steps) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<?, ?>) current).get(step);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  /** Splits {@code /a/b} into {@code [a, b]}. */
  static String[] steps(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.isEmpty() ? new String[0] : p.split("/", -1);
  }
}
