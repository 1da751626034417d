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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The splitting serializer on both sinks' client objects, read back with HBase's Bytes. */
class SplittingSerializerTest {
  static List<SinkDriver> drivers() {
    return SinkDriver.both(SinkDriver.Kind.SPLIT);
  }

  private static final Map<String, String> SEED =
      keys("columns", "charges:double,date,priority:int", "rowKey", "%{rowKey}");

  @ParameterizedTest
  @MethodSource("drivers")
  void splitsTheSeedsExampleIntoTypedColumnsOfTheHeadersRow(SinkDriver d) {
    d.configure(SEED);
    d.serialize(event("12.50,2013-01-11,3", "rowKey", "txn-1", "timestamp", "1357862400000"));

    assertEquals("txn-1", d.row());
    assertEquals(List.of("charges", "date", "priority"), d.qualifiers());
    assertEquals(12.5, Bytes.toDouble(d.cell("charges").value));
    assertEquals("2013-01-11", Bytes.toString(d.cell("date").value));
    assertEquals(3, Bytes.toInt(d.cell("priority").value));
    for (SinkDriver.Written w : d.cells) {
      assertEquals("cf", w.family);
      assertEquals(1357862400000L, w.timestamp, "the cell timestamp is the event's header");
    }
    assertTrue(d.increments.isEmpty(), "increments are opt-in");
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void theSameEventAlwaysGivesTheSameRowColumnsAndTimestamp(SinkDriver d) {
    d.configure(keys("columns", "a,b:long", "rowKey", "${a}|%[reversedTs]", "rowKeySalt", "16"));
    d.serialize(event("x,42", "timestamp", "1000"));
    List<SinkDriver.Written> first = d.cells;
    d.clock.addAndGet(3_600_000);
    d.serialize(event("x,42", "timestamp", "1000"));
    assertEquals(first.size(), d.cells.size());
    for (int i = 0; i < first.size(); i++) {
      assertEquals(first.get(i).row, d.cells.get(i).row);
      assertEquals(first.get(i).qualifier, d.cells.get(i).qualifier);
      assertEquals(first.get(i).timestamp, d.cells.get(i).timestamp);
      assertTrue(java.util.Arrays.equals(first.get(i).value, d.cells.get(i).value));
    }
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void buildsKeysFromHeadersFieldsAndTimestampsWithASalt(SinkDriver d) {
    d.configure(
        keys(
            "columns", "sym,qty:long",
            "rowKey", "%{desk}|${sym}|%[ts]|%[reversedTs]",
            "rowKeySalt", "16"));
    d.serialize(event("AAPL,5", "desk", "eq", "timestamp", "1700000000000"));
    String key = "eq|AAPL|0000001700000000000|" + (Long.MAX_VALUE - 1700000000000L);
    assertEquals(String.format("%02d", SaltPrefixTest.crcBucket(key, 16)) + key, d.row());
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void writesHeadersToTheirColumnsWithTypes(SinkDriver d) {
    d.configure(
        keys(
            "columns",
            "a",
            "rowKey",
            "${a}",
            "headerColumns",
            "symbol:meta:sym, qty:meta:qty:long, missing:meta:none"));
    d.serialize(event("k", "symbol", "IBM", "qty", "7", "timestamp", "5"));
    assertEquals("IBM", Bytes.toString(d.cell("sym").value));
    assertEquals("meta", d.cell("sym").family);
    assertEquals(7L, Bytes.toLong(d.cell("qty").value));
    assertEquals(
        new java.util.TreeSet<>(List.of("a", "sym", "qty")),
        new java.util.TreeSet<>(d.qualifiers()),
        "an absent header gives no cell");
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void emptyAndIgnoredFieldsGiveNoCell(SinkDriver d) {
    d.configure(keys("columns", "a,-,c:long,d", "rowKey", "${a}"));
    d.serialize(event("k,dropped,,", "timestamp", "5"));
    assertEquals(List.of("a"), d.qualifiers());
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void splitsOnARegexAndOnQuotedFields(SinkDriver d) {
    d.configure(
        keys(
            "columns",
            "a,b,c",
            "rowKey",
            "${a}",
            "delimiter",
            "\\s*;\\s*",
            "delimiterRegex",
            "true"));
    d.serialize(event("x ;  y;z", "timestamp", "5"));
    assertEquals("y", d.cell("b").text());

    d.configure(keys("columns", "a,b,c", "rowKey", "${a}", "quoteChar", "\""));
    d.serialize(event("x,\"say \"\"hi\"\", ok\",z", "timestamp", "5"));
    assertEquals("say \"hi\", ok", d.cell("b").text());
    assertEquals("z", d.cell("c").text());
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void incrementsOneCounterPerKeyWhenAskedTo(SinkDriver d) {
    d.configure(
        keys("columns", "sym,qty", "rowKey", "${sym}|%[ts]", "incrementRowKey", "count|${sym}"));
    d.serialize(event("AAPL,1", "timestamp", "5"));
    assertEquals(1, d.increments.size());
    SinkDriver.Incremented inc = d.increments.get(0);
    assertEquals("count|AAPL", inc.row);
    assertEquals("cf", inc.family);
    assertEquals("events", inc.qualifier);
    assertEquals(1L, inc.amount);
    assertEquals(1, d.counter(SerializerCounters.INCREMENTS_PRODUCED));
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void takesTheTimestampFromAFieldTheClockOrTheServer(SinkDriver d) {
    d.configure(
        keys(
            "columns", "a,ts", "rowKey", "${a}", "timestampFrom", "field", "timestampField", "ts"));
    d.serialize(event("k,1234"));
    assertEquals(1234L, d.cell("a").timestamp);

    d.configure(keys("columns", "a", "rowKey", "${a}", "timestampFrom", "wallClock"));
    d.serialize(event("k", "timestamp", "1"));
    assertEquals(d.clock.get(), d.cell("a").timestamp);

    d.configure(keys("columns", "a", "rowKey", "${a}", "timestampFrom", "none"));
    d.serialize(event("k"));
    assertEquals(Long.MAX_VALUE, d.cell("a").timestamp, "both clients' 'server sets it'");
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void countsEventsAndCells(SinkDriver d) {
    d.configure(SEED);
    d.serialize(event("1,2,3", "rowKey", "r", "timestamp", "1"));
    d.serialize(event("1,,3", "rowKey", "r", "timestamp", "1"));
    assertEquals(2, d.counter(SerializerCounters.EVENTS_RECEIVED));
    assertEquals(2, d.counter(SerializerCounters.EVENTS_SERIALIZED));
    assertEquals(5, d.counter(SerializerCounters.CELLS_PRODUCED));
    assertEquals(0, d.counter(SerializerCounters.BAD_EVENTS));
  }
}
