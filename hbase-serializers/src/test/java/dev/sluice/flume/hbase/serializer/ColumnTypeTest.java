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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Test;

/** Each type encodes exactly as HBase's Bytes.toBytes, checked with HBase's own Bytes. */
class ColumnTypeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void textValuesEncodeAsHBaseBytesDoes() throws BadEvent {
    assertArrayEquals(
        Bytes.toBytes(Long.MIN_VALUE), ColumnType.LONG.fromText("-9223372036854775808", "v"));
    assertArrayEquals(Bytes.toBytes(-7), ColumnType.INT.fromText("-7", "v"));
    assertArrayEquals(Bytes.toBytes(1.5e-3), ColumnType.DOUBLE.fromText("1.5e-3", "v"));
    assertArrayEquals(Bytes.toBytes(true), ColumnType.BOOLEAN.fromText("TRUE", "v"));
    assertArrayEquals(Bytes.toBytes(false), ColumnType.BOOLEAN.fromText("false", "v"));
    assertArrayEquals(Bytes.toBytes("grüße"), ColumnType.STRING.fromText("grüße", "v"));
    assertArrayEquals(
        new byte[] {(byte) 0xfb, (byte) 0xff}, ColumnType.BYTES.fromText("+/8=", "v"));
  }

  @Test
  void jsonValuesEncodeAsHBaseBytesDoes() throws Exception {
    assertEquals(42L, Bytes.toLong(ColumnType.LONG.fromJson(json("42"), "v")));
    assertEquals(42, Bytes.toInt(ColumnType.INT.fromJson(json("42"), "v")));
    assertEquals(42.0, Bytes.toDouble(ColumnType.DOUBLE.fromJson(json("42"), "v")));
    assertEquals(0.1, Bytes.toDouble(ColumnType.DOUBLE.fromJson(json("0.1"), "v")));
    assertEquals(false, Bytes.toBoolean(ColumnType.BOOLEAN.fromJson(json("false"), "v")));
    assertEquals("[1,2]", Bytes.toString(ColumnType.STRING.fromJson(json("[1,2]"), "v")));
    assertEquals("12.5", Bytes.toString(ColumnType.STRING.fromJson(json("12.5"), "v")));
  }

  @Test
  void valuesThatDoNotParseAsTheirTypeAreBadValues() throws Exception {
    String[][] bad = {
      {"LONG", "1.5"},
      {"LONG", "9223372036854775808"},
      {"INT", "2147483648"},
      {"DOUBLE", "1d"},
      {"DOUBLE", "NaN"},
      {"BOOLEAN", "yes"},
      {"BYTES", "not base64!"}
    };
    for (String[] b : bad) {
      BadEvent e =
          assertThrows(
              BadEvent.class, () -> ColumnType.valueOf(b[0]).fromText(b[1], "field 'x'"), b[1]);
      assertEquals(BadEventReason.BAD_VALUE, e.reason());
    }
    assertThrows(BadEvent.class, () -> ColumnType.LONG.fromJson(json("1.5"), "v"));
    assertThrows(BadEvent.class, () -> ColumnType.INT.fromJson(json("true"), "v"));
    assertThrows(BadEvent.class, () -> ColumnType.BOOLEAN.fromJson(json("1"), "v"));
    assertThrows(BadEvent.class, () -> ColumnType.DOUBLE.fromJson(json("{}"), "v"));
    assertEquals(
        "field 'x' is not a boolean",
        assertThrows(BadEvent.class, () -> ColumnType.BOOLEAN.fromText("yes", "field 'x'"))
            .detail());
  }
}
