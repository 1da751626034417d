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
package dev.sluice.flume.amps.channel;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;

/**
 * How an event travels as one AMPS message on a {@code json} connection: a JSON object {@code
 * {"v":1,"h":{"name":"value",...},"b":"<base64 of the body>"}}. Headers are JSON strings (any
 * Unicode, escaped by JSON's rules); the body is base64 so any bytes survive (binary bodies
 * included), at a third more bytes on the wire. Version 1 is the only version; a reader refuses
 * others, so a later format can be told apart.
 *
 * <p>Hot path (every event is encoded once on a source's thread and decoded once on the
 * subscription's reader thread), so both directions are written by hand over bytes: {@link #encode}
 * writes exactly that layout with no whitespace, and {@link #decode} reads it in one pass with no
 * intermediate strings. A message in any other JSON layout (whitespace, another key order, extra
 * fields, escapes in the version) is read by the general JSON reader instead, with the same result;
 * only what neither reads is {@link Undecodable}. An earlier version built every message with Gson
 * and read it back through a {@code StringReader}: a profile of the benchmark put that at about a
 * fifth of the agent's CPU.
 */
final class EventCodec {
  static final int VERSION = 1;
  private static final byte[] PREFIX = ascii("{\"v\":1,\"h\":{");
  private static final byte[] BODY_KEY = ascii("},\"b\":\"");
  private static final byte[] HEX = ascii("0123456789abcdef");

  private EventCodec() {}

  /** A message that is not an event this codec wrote. */
  static final class Undecodable extends Exception {
    private static final long serialVersionUID = 1L;

    Undecodable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  // ------------------------------------------------------------------ encoding

  static byte[] encode(Event event) {
    byte[] body = event.getBody();
    if (body == null) {
      body = new byte[0];
    }
    Map<String, String> headers = event.getHeaders();
    int estimate = PREFIX.length + BODY_KEY.length + 2 + (body.length + 2) / 3 * 4;
    if (headers != null) {
      for (Map.Entry<String, String> e : headers.entrySet()) {
        String v = e.getValue();
        estimate += e.getKey().length() + (v == null ? 4 : v.length()) + 6;
      }
    }
    Out out = new Out(estimate);
    out.write(PREFIX);
    if (headers != null) {
      boolean first = true;
      for (Map.Entry<String, String> e : headers.entrySet()) {
        if (!first) {
          out.write((byte) ',');
        }
        first = false;
        out.string(e.getKey());
        out.write((byte) ':');
        if (e.getValue() == null) {
          out.write((byte) 'n');
          out.write((byte) 'u');
          out.write((byte) 'l');
          out.write((byte) 'l');
        } else {
          out.string(e.getValue());
        }
      }
    }
    out.write(BODY_KEY);
    out.write(Base64.getEncoder().encode(body));
    out.write((byte) '"');
    out.write((byte) '}');
    return out.toArray();
  }

  /** A growable byte array that writes JSON strings. */
  private static final class Out {
    private byte[] buf;
    private int n;

    Out(int capacity) {
      buf = new byte[Math.max(16, capacity)];
    }

    void ensure(int more) {
      if (n + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(n + more, buf.length * 2));
      }
    }

    void write(byte b) {
      ensure(1);
      buf[n++] = b;
    }

    void write(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
    }

    /**
     * A quoted JSON string: printable ASCII as it is, the quote, the backslash and control
     * characters escaped as JSON says (as Gson did), U+2028/U+2029 and unpaired surrogates as
     * {@code \\u} escapes (so even a string that is not valid UTF-16 comes back the same),
     * everything else as UTF-8.
     */
    void string(String s) {
      int len = s.length();
      ensure(len + 2);
      buf[n++] = '"';
      for (int i = 0; i < len; i++) {
        char c = s.charAt(i);
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
          ensure(1);
          buf[n++] = (byte) c;
        } else {
          i = special(s, i, c);
        }
      }
      write((byte) '"');
    }

    /** Writes the character at {@code i} that is not plain ASCII; returns the last index used. */
    private int special(String s, int i, char c) {
      switch (c) {
        case '"':
          escape('"');
          return i;
        case '\\':
          escape('\\');
          return i;
        case '\n':
          escape('n');
          return i;
        case '\r':
          escape('r');
          return i;
        case '\t':
          escape('t');
          return i;
        case '\b':
          escape('b');
          return i;
        case '\f':
          escape('f');
          return i;
        default:
          break;
      }
      if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
        unicodeEscape(c);
      } else if (c < 0x800) {
        ensure(2);
        buf[n++] = (byte) (0xc0 | (c >> 6));
        buf[n++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(i + 1));
        ensure(4);
        buf[n++] = (byte) (0xf0 | (cp >> 18));
        buf[n++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        buf[n++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        buf[n++] = (byte) (0x80 | (cp & 0x3f));
        return i + 1;
      } else if (Character.isSurrogate(c)) {
        unicodeEscape(c);
      } else {
        ensure(3);
        buf[n++] = (byte) (0xe0 | (c >> 12));
        buf[n++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[n++] = (byte) (0x80 | (c & 0x3f));
      }
      return i;
    }

    private void escape(char c) {
      ensure(2);
      buf[n++] = '\\';
      buf[n++] = (byte) c;
    }

    private void unicodeEscape(char c) {
      ensure(6);
      buf[n++] = '\\';
      buf[n++] = 'u';
      buf[n++] = HEX[(c >> 12) & 0xf];
      buf[n++] = HEX[(c >> 8) & 0xf];
      buf[n++] = HEX[(c >> 4) & 0xf];
      buf[n++] = HEX[c & 0xf];
    }

    byte[] toArray() {
      return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }
  }

  // ------------------------------------------------------------------ decoding

  static Event decode(byte[] message) throws Undecodable {
    return decode(message, 0, message.length);
  }

  /** Decodes {@code length} bytes of {@code buf} from {@code offset} (not kept). */
  static Event decode(byte[] buf, int offset, int length) throws Undecodable {
    Event e = new Reader(buf, offset, length).event();
    return e != null ? e : decodeAnyLayout(Arrays.copyOfRange(buf, offset, offset + length));
  }

  /**
   * Reads the exact layout {@link #encode} writes; {@link #event} returns null at the first byte
   * that differs from it (the general reader then decides).
   */
  private static final class Reader {
    private final byte[] b;
    private final int end;
    private int p;
    private StringBuilder scratch;

    Reader(byte[] b, int offset, int length) {
      this.b = b;
      this.p = offset;
      this.end = offset + length;
    }

    Event event() throws Undecodable {
      if (!expect(PREFIX)) {
        return null;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      if (p < end && b[p] == '}') {
        p++;
      } else {
        while (true) {
          String key = string();
          if (key == null || !expect((byte) ':')) {
            return null;
          }
          String value;
          if (p + 4 <= end
              && b[p] == 'n'
              && b[p + 1] == 'u'
              && b[p + 2] == 'l'
              && b[p + 3] == 'l') {
            p += 4;
            value = null;
          } else {
            value = string();
            if (value == null) {
              return null;
            }
          }
          headers.put(key, value);
          if (p >= end) {
            return null;
          }
          byte c = b[p++];
          if (c == '}') {
            break;
          }
          if (c != ',') {
            return null;
          }
        }
      }
      p--; // BODY_KEY starts with the '}' just read
      if (!expect(BODY_KEY)) {
        return null;
      }
      int start = p;
      while (p < end && b[p] != '"' && b[p] != '\\') {
        p++;
      }
      if (p + 2 != end || b[p] != '"' || b[p + 1] != '}') {
        return null;
      }
      byte[] body;
      try {
        ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(b, start, p - start));
        body =
            decoded.arrayOffset() == 0 && decoded.remaining() == decoded.array().length
                ? decoded.array()
                : Arrays.copyOfRange(
                    decoded.array(),
                    decoded.arrayOffset() + decoded.position(),
                    decoded.arrayOffset() + decoded.limit());
      } catch (IllegalArgumentException e) {
        throw new Undecodable("not an amps-channel event (" + e.getMessage() + ")", e);
      }
      return EventBuilder.withBody(body, headers);
    }

    private boolean expect(byte[] bytes) {
      if (end - p < bytes.length) {
        return false;
      }
      for (int i = 0; i < bytes.length; i++) {
        if (b[p + i] != bytes[i]) {
          return false;
        }
      }
      p += bytes.length;
      return true;
    }

    private boolean expect(byte c) {
      if (p < end && b[p] == c) {
        p++;
        return true;
      }
      return false;
    }

    /** A quoted string at {@code p}, or null when there is none. */
    private String string() {
      if (!expect((byte) '"')) {
        return null;
      }
      int start = p;
      boolean ascii = true;
      while (p < end) {
        byte c = b[p];
        if (c == '"') {
          String s =
              ascii
                  ? new String(b, start, p - start, StandardCharsets.ISO_8859_1)
                  : new String(b, start, p - start, StandardCharsets.UTF_8);
          p++;
          return s;
        }
        if (c == '\\') {
          return escaped(start);
        }
        if (c < 0x20 && c >= 0) {
          return null; // a raw control character: not valid JSON, left to the general reader
        }
        ascii &= c >= 0;
        p++;
      }
      return null;
    }

    /** The rest of a string that has escapes, from {@code start} (after its opening quote). */
    private String escaped(int start) {
      StringBuilder sb = scratch == null ? (scratch = new StringBuilder()) : scratch;
      sb.setLength(0);
      int run = start;
      while (p < end) {
        byte c = b[p];
        if (c == '"') {
          sb.append(new String(b, run, p - run, StandardCharsets.UTF_8));
          p++;
          return sb.toString();
        }
        if (c >= 0 && c < 0x20) {
          return null;
        }
        if (c != '\\') {
          p++;
          continue;
        }
        sb.append(new String(b, run, p - run, StandardCharsets.UTF_8));
        if (p + 1 >= end) {
          return null;
        }
        byte e = b[p + 1];
        p += 2;
        switch (e) {
          case '"':
          case '\\':
          case '/':
            sb.append((char) e);
            break;
          case 'n':
            sb.append('\n');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'u':
            if (p + 4 > end) {
              return null;
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
              int d = Character.digit(b[p + i], 16);
              if (d < 0) {
                return null;
              }
              v = v << 4 | d;
            }
            p += 4;
            sb.append((char) v);
            break;
          default:
            return null;
        }
        run = p;
      }
      return null;
    }
  }

  /** Any JSON layout of the format (Gson's reader): the fallback of {@link #decode}. */
  static Event decodeAnyLayout(byte[] message) throws Undecodable {
    Map<String, String> headers = new LinkedHashMap<>();
    byte[] body = null;
    int version = -1;
    try (JsonReader r =
        new JsonReader(new StringReader(new String(message, StandardCharsets.UTF_8)))) {
      r.beginObject();
      while (r.hasNext()) {
        String name = r.nextName();
        switch (name) {
          case "v":
            version = r.nextInt();
            break;
          case "h":
            r.beginObject();
            while (r.hasNext()) {
              String key = r.nextName();
              if (r.peek() == JsonToken.NULL) {
                r.nextNull();
                headers.put(key, null);
              } else {
                headers.put(key, r.nextString());
              }
            }
            r.endObject();
            break;
          case "b":
            body = Base64.getDecoder().decode(r.nextString());
            break;
          default:
            r.skipValue();
        }
      }
      r.endObject();
      if (r.peek() != JsonToken.END_DOCUMENT) {
        throw new Undecodable("text after the event object", null);
      }
    } catch (IOException | IllegalStateException | IllegalArgumentException e) {
      throw new Undecodable("not an amps-channel event (" + e.getMessage() + ")", e);
    }
    if (version != VERSION) {
      throw new Undecodable(
          version == -1
              ? "not an amps-channel event (no \"v\")"
              : "amps-channel event version " + version + ", this channel reads " + VERSION,
          null);
    }
    if (body == null) {
      throw new Undecodable("not an amps-channel event (no \"b\")", null);
    }
    return EventBuilder.withBody(body, headers);
  }
}
