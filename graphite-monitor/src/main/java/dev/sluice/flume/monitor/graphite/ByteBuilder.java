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
package dev.sluice.flume.monitor.graphite;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A growable byte array that transports encode into and reuse from batch to batch. */
final class ByteBuilder {
  private byte[] bytes;
  private int size;

  ByteBuilder(int initialCapacity) {
    bytes = new byte[initialCapacity];
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  ByteBuilder append(byte b) {
    ensure(1);
    bytes[size++] = b;
    return this;
  }

  ByteBuilder append(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, size, b.length);
    size += b.length;
    return this;
  }

  /**
   * Appends a string that is ASCII by construction (sanitized metric names, numbers); any other
   * character becomes '?' rather than a malformed byte.
   */
  ByteBuilder appendAscii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      bytes[size++] = c < 0x80 ? (byte) c : (byte) '?';
    }
    return this;
  }

  /** The decimal digits of {@code v}, without making a String. */
  ByteBuilder appendDecimal(long v) {
    if (v == Long.MIN_VALUE) {
      return appendAscii(Long.toString(v));
    }
    ensure(20);
    if (v < 0) {
      bytes[size++] = '-';
      v = -v;
    }
    int start = size;
    do {
      bytes[size++] = (byte) ('0' + (v % 10));
      v /= 10;
    } while (v != 0);
    for (int i = start, j = size - 1; i < j; i++, j--) {
      byte t = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = t;
    }
    return this;
  }

  /** Four bytes, least significant first. */
  ByteBuilder appendIntLittleEndian(int v) {
    ensure(4);
    bytes[size++] = (byte) v;
    bytes[size++] = (byte) (v >>> 8);
    bytes[size++] = (byte) (v >>> 16);
    bytes[size++] = (byte) (v >>> 24);
    return this;
  }

  /** Four bytes, most significant first. */
  ByteBuilder appendIntBigEndian(int v) {
    ensure(4);
    bytes[size++] = (byte) (v >>> 24);
    bytes[size++] = (byte) (v >>> 16);
    bytes[size++] = (byte) (v >>> 8);
    bytes[size++] = (byte) v;
    return this;
  }

  /** Eight bytes, most significant first. */
  ByteBuilder appendLongBigEndian(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      bytes[size++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** Overwrites four bytes at {@code index}, most significant first (a length written late). */
  void setIntBigEndian(int index, int v) {
    bytes[index] = (byte) (v >>> 24);
    bytes[index + 1] = (byte) (v >>> 16);
    bytes[index + 2] = (byte) (v >>> 8);
    bytes[index + 3] = (byte) v;
  }

  /** A view of the bytes written so far; valid until the next change. */
  ByteBuffer buffer() {
    return ByteBuffer.wrap(bytes, 0, size);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
