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
import java.util.Arrays;

/** A growable byte array that frames and JSON header fields are written into. Not thread-safe. */
final class ByteSink {
  private byte[] bytes;
  private int size;

  ByteSink(int capacity) {
    bytes = new byte[capacity];
  }

  int size() {
    return size;
  }

  byte[] array() {
    return bytes;
  }

  void reset() {
    size = 0;
  }

  private void ensure(int extra) {
    int needed = size + extra;
    if (needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
    }
  }

  ByteSink append(byte b) {
    ensure(1);
    bytes[size++] = b;
    return this;
  }

  ByteSink append(byte[] src) {
    return append(src, 0, src.length);
  }

  ByteSink append(byte[] src, int offset, int length) {
    ensure(length);
    System.arraycopy(src, offset, bytes, size, length);
    size += length;
    return this;
  }

  /** Appends characters known to be ASCII and to need no JSON escaping. */
  ByteSink ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[size++] = (byte) s.charAt(i);
    }
    return this;
  }

  ByteSink decimal(long value) {
    if (value >= 0 && value < 10) {
      return append((byte) ('0' + value));
    }
    return ascii(Long.toString(value));
  }

  /** Appends a quoted JSON string, escaping what JSON requires. */
  ByteSink jsonString(String s) {
    append((byte) '"');
    int n = s.length();
    boolean plain = true;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
        plain = false;
        break;
      }
    }
    if (plain) {
      ascii(s);
    } else {
      escapeInto(s);
    }
    return append((byte) '"');
  }

  private void escapeInto(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
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
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    append(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Appends {@code ,"name":"value"} (or {@code "name":"value"} when first). */
  ByteSink field(String name, String value) {
    if (bytes[size - 1] != '{') {
      append((byte) ',');
    }
    append((byte) '"').ascii(name).append((byte) '"').append((byte) ':');
    return jsonString(value);
  }

  /** Appends {@code ,"name":number}. */
  ByteSink field(String name, long value) {
    if (bytes[size - 1] != '{') {
      append((byte) ',');
    }
    append((byte) '"').ascii(name).append((byte) '"').append((byte) ':');
    return decimal(value);
  }

  /** Writes a big-endian int at {@code position} (a reserved length prefix). */
  void putInt(int position, int value) {
    bytes[position] = (byte) (value >>> 24);
    bytes[position + 1] = (byte) (value >>> 16);
    bytes[position + 2] = (byte) (value >>> 8);
    bytes[position + 3] = (byte) value;
  }

  /** Reserves four bytes for a length prefix and returns their position. */
  int reserveInt() {
    ensure(4);
    int at = size;
    size += 4;
    return at;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }
}
