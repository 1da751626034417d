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

import static dev.sluice.flume.hbase.serializer.SinkDriver.event;
import static dev.sluice.flume.hbase.serializer.SinkDriver.keys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON serializer on both sinks' client objects, read back with HBase's Bytes. */
class JsonSerializerTest {
  static List<SinkDriver> drivers() {
    return SinkDriver.both(SinkDriver.Kind.JSON);
  }

  private static final String ORDER =
      "{\"order_id\":\"o-17\",\"order\":{\"price\":101.25,\"qty\":300,\"lots\":3,"
          + "\"urgent\":true,\"blob\":\"AAEC\",\"note\":{\"by\":\"desk\"}},\"ts\":1700000000123}";

  @ParameterizedTest
  @MethodSource("drivers")
  void picksFieldsByPointerIntoColumnsEncodedAsHBaseBytesWould(SinkDriver d) {
    d.configure(
        keys(
            "columns",
            "price:/order/price:double, qty:/order/qty:long, lots:/order/lots:int,"
                + " urgent:/order/urgent:boolean, blob:/order/blob:bytes, note:/order/note,"
                + " id:/order_id",
            "rowKey",
            "%{symbol}|${/order_id}",
            "timestampFrom",
            "field",
            "timestampField",
            "/ts"));
    d.serialize(event(ORDER, "symbol", "AAPL"));

    assertEquals("AAPL|o-17", d.row());
    assertEquals(101.25, Bytes.toDouble(d.cell("price").value));
    assertEquals(300L, Bytes.toLong(d.cell("qty").value));
    assertEquals(3, Bytes.toInt(d.cell("lots").value));
    assertEquals(true, Bytes.toBoolean(d.cell("urgent").value));
    assertArrayEquals(new byte[] {0, 1, 2}, d.cell("blob").value);
    assertEquals("{\"by\":\"desk\"}", Bytes.toString(d.cell("note").value));
    assertEquals("o-17", Bytes.toString(d.cell("id").value));
    assertEquals(1700000000123L, d.cell("price").timestamp);
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void acceptsNumbersWrittenAsStringsAndSkipsAbsentOrNullFields(SinkDriver d) {
    d.configure(
        keys("columns", "p:/p:double, q:/q:long, gone:/gone:long, nul:/nul", "rowKey", "${/id}"));
    d.serialize(event("{\"id\":1,\"p\":\"2.5\",\"q\":\"-4\",\"nul\":null}", "timestamp", "9"));
    assertEquals(2.5, Bytes.toDouble(d.cell("p").value));
    assertEquals(-4L, Bytes.toLong(d.cell("q").value));
    assertEquals(List.of("p", "q"), d.qualifiers());
    assertEquals("1", d.row(), "a number in a key is its JSON text");
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void allFieldsWritesEveryTopLevelFieldNotMappedOtherwise(SinkDriver d) {
    d.configure(keys("allFields", "true", "columns", "n:/n:long", "rowKey", "${/id}"));
    d.serialize(
        event("{\"id\":\"a\",\"n\":5,\"s\":\"x\",\"o\":{\"k\":1},\"z\":null}", "timestamp", "1"));
    assertEquals(5L, Bytes.toLong(d.cell("n").value));
    assertEquals("a", d.cell("id").text());
    assertEquals("x", d.cell("s").text());
    assertEquals("{\"k\":1}", d.cell("o").text());
    assertFalse(d.qualifiers().contains("z"), "null is no cell");
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void headersGoToColumnsToo(SinkDriver d) {
    d.configure(keys("allFields", "true", "rowKey", "${/id}", "headerColumns", "host:src:host"));
    d.serialize(event("{\"id\":\"a\"}", "host", "h1", "timestamp", "1"));
    assertEquals("h1", d.cell("host").text());
    assertEquals("src", d.cell("host").family);
  }
}
