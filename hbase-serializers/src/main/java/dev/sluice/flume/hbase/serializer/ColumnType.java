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

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a value becomes a cell's bytes: exactly as HBase's {@code Bytes.toBytes} encodes the Java
 * type, so a Java reader decodes it with {@code Bytes.toLong}, {@code Bytes.toInt}, {@code
 * Bytes.toDouble}, {@code Bytes.toBoolean} or {@code Bytes.toString}.
 */
enum ColumnType {
  /** UTF-8 text. */
  STRING,
  /** 8 bytes, big-endian two's complement ({@code Bytes.toBytes(long)}). */
  LONG,
  /** 4 bytes, big-endian two's complement ({@code Bytes.toBytes(int)}). */
  INT,
  /**
   * The 8 bytes of {@code Double.doubleToRawLongBits}, big-endian ({@code Bytes.toBytes(double)}).
   */
  DOUBLE,
  /** One byte: {@code 0xFF} for true, {@code 0x00} for false ({@code Bytes.toBytes(boolean)}). */
  BOOLEAN,
  /** The bytes a standard Base64 text decodes to. */
  BYTES;

  /**
   * A decimal number as JSON writes it; Java's parser alone would take {@code 1d} or {@code NaN}.
   */
  private static final Pattern DECIMAL =
      Pattern.compile("-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

  /** The word used in configurations: {@code string}, {@code long}, ... */
  String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type a configuration word names, any case; null for an unknown word. */
  static ColumnType forWord(String word) {
    for (ColumnType t : values()) {
      if (t.name().equalsIgnoreCase(word)) {
        return t;
      }
    }
    return null;
  }

  static String words() {
    StringBuilder sb = new StringBuilder();
    for (ColumnType t : values()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(t.word());
    }
    return sb.toString();
  }

  /**
   * Encodes a text value (a split field, a header).
   *
   * @param what names the value in the error, for example {@code field 'price'}
   */
  byte[] fromText(String text, String what) throws BadEvent {
    switch (this) {
      case STRING:
        return text.getBytes(StandardCharsets.UTF_8);
      case LONG:
        return encodeLong(parseLong(text, what));
      case INT:
        try {
          return encodeInt(Integer.parseInt(text));
        } catch (NumberFormatException e) {
          throw notA(what);
        }
      case DOUBLE:
        if (!DECIMAL.matcher(text).matches()) {
          throw notA(what);
        }
        return encodeLong(Double.doubleToRawLongBits(Double.parseDouble(text)));
      case BOOLEAN:
        if (text.equalsIgnoreCase("true")) {
          return new byte[] {(byte) -1};
        }
        if (text.equalsIgnoreCase("false")) {
          return new byte[] {0};
        }
        throw notA(what);
      default:
        try {
          return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
          throw notA(what);
        }
    }
  }

  /**
   * Encodes a JSON value. Strings that hold a value of the type are accepted too ({@code "12.5"}
   * for a double); a {@code string} column takes any value, non-strings as their compact JSON text.
   */
  byte[] fromJson(JsonNode node, String what) throws BadEvent {
    if (node.isTextual()) {
      return fromText(node.textValue(), what);
    }
    switch (this) {
      case STRING:
        return (node.isValueNode() ? node.asText() : node.toString())
            .getBytes(StandardCharsets.UTF_8);
      case LONG:
        if (node.isIntegralNumber() && node.canConvertToLong()) {
          return encodeLong(node.longValue());
        }
        break;
      case INT:
        if (node.isIntegralNumber() && node.canConvertToInt()) {
          return encodeInt(node.intValue());
        }
        break;
      case DOUBLE:
        if (node.isNumber()) {
          return encodeLong(Double.doubleToRawLongBits(node.doubleValue()));
        }
        break;
      case BOOLEAN:
        if (node.isBoolean()) {
          return new byte[] {node.booleanValue() ? (byte) -1 : 0};
        }
        break;
      default:
        break;
    }
    throw notA(what);
  }

  static long parseLong(String text, String what) throws BadEvent {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new BadEvent(BadEventReason.BAD_VALUE, what + " is not a long");
    }
  }

  /** Names the value, never quotes it: it is part of the body (see logBadEventBody). */
  private BadEvent notA(String what) {
    String article = this == INT ? "an " : "a ";
    String noun = this == BYTES ? "Base64 text" : word();
    return new BadEvent(BadEventReason.BAD_VALUE, what + " is not " + article + noun);
  }

  static byte[] encodeLong(long v) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }

  static byte[] encodeInt(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }
}
