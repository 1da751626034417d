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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a bad event as a dead letter: one row in the dead-letter family holding the raw body, the
 * reason, the detail and every header, under a row key that depends only on the event, so a replay
 * rewrites the same row.
 *
 * <p>Row key: {@code deadLetterRowKeyPrefix} followed by 32 lower-case hex digits, the first 16
 * bytes of the SHA-256 of: for each header in name order (Java {@code String} order), its UTF-8
 * name, a 0x00 byte, its UTF-8 value, a 0x00 byte; then one 0x01 byte; then the body. Two events
 * with the same headers and body get the same row, which is harmless: they hold the same data.
 *
 * <p>Columns: {@code body}, {@code reason} (the reason's label, for example {@code bad-value}),
 * {@code detail}, and {@code header.<name>} per header, all UTF-8 but the body, which is kept as it
 * came.
 */
final class DeadLetters {
  static final byte[] BODY = bytes("body");
  static final byte[] REASON = bytes("reason");
  static final byte[] DETAIL = bytes("detail");
  static final String HEADER_PREFIX = "header.";

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final byte[] family;
  private final String prefix;
  private final MessageDigest sha256;

  /**
   * @param family the dead-letter family; null for the sink's column family
   */
  DeadLetters(byte[] family, String prefix) {
    this.family = family;
    this.prefix = prefix;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The dead letter's row key, from the event alone. */
  byte[] rowKey(Map<String, String> headers, byte[] body) {
    sha256.reset();
    for (Map.Entry<String, String> h : new TreeMap<>(headers).entrySet()) {
      sha256.update(bytes(h.getKey()));
      sha256.update((byte) 0);
      sha256.update(bytes(h.getValue()));
      sha256.update((byte) 0);
    }
    sha256.update((byte) 1);
    sha256.update(body);
    byte[] digest = sha256.digest();
    StringBuilder sb = new StringBuilder(prefix.length() + 32).append(prefix);
    for (int i = 0; i < 16; i++) {
      sb.append(HEX[(digest[i] >> 4) & 0xF]).append(HEX[digest[i] & 0xF]);
    }
    return bytes(sb.toString());
  }

  /**
   * Replaces whatever {@code out} held with the dead letter of an event.
   *
   * @param timestamp the event's timestamp if it was found, else {@link
   *     EventCells#SERVER_TIMESTAMP}
   */
  void write(
      Map<String, String> headers,
      byte[] body,
      BadEvent bad,
      byte[] sinkFamily,
      long timestamp,
      EventCells out) {
    byte[] f = family == null ? sinkFamily : family;
    out.clear();
    out.row(rowKey(headers, body), timestamp);
    out.add(f, BODY, body);
    out.add(f, REASON, bytes(bad.reason().label()));
    out.add(f, DETAIL, bytes(bad.detail()));
    for (Map.Entry<String, String> h : headers.entrySet()) {
      out.add(f, bytes(HEADER_PREFIX + h.getKey()), bytes(h.getValue()));
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
