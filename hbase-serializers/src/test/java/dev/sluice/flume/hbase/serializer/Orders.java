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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The events of the ITs, one per sequence number, and what HBase must hold for each: an order with
 * a unique id, its own timestamp and typed fields, as delimited text or JSON.
 */
final class Orders {
  static final long T0 = 1_700_000_000_000L;
  static final String FAMILY = "d";
  static final String DEAD_LETTERS = "dlq";
  static final String REGION_HEADER = "region";

  /** The splitting serializer's keys, but for {@code rowKey}. */
  static final Map<String, String> SPLIT_KEYS =
      Map.of(
          "columns", "seq:long,price:double,qty:int,note",
          "headerColumns", "region:d:region",
          "deadLetterFamily", DEAD_LETTERS);

  /** The JSON serializer's keys, but for {@code rowKey}: the cell timestamp is the body's. */
  static final Map<String, String> JSON_KEYS =
      Map.of(
          "columns", "seq:/seq:long, price:/order/price:double, qty:/order/qty:int, note:/note",
          "headerColumns", "region:d:region",
          "timestampFrom", "field",
          "timestampField", "/ts",
          "deadLetterFamily", DEAD_LETTERS);

  private Orders() {}

  static String id(long seq) {
    return String.format("ev-%07d", seq);
  }

  static long seqOf(String id) {
    return Long.parseLong(id.substring(3));
  }

  static long timestamp(long seq) {
    return T0 + seq;
  }

  static double price(long seq) {
    return seq + 0.25;
  }

  static int qty(long seq) {
    return (int) (seq * 3);
  }

  static String note(long seq) {
    return "n" + seq;
  }

  static String region(long seq) {
    return seq % 2 == 0 ? "eu" : "us";
  }

  static Map<String, String> headers(long seq) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("id", id(seq));
    headers.put("timestamp", Long.toString(timestamp(seq)));
    headers.put(REGION_HEADER, region(seq));
    return headers;
  }

  /** {@code seq,price,qty,note} with the id, timestamp and region in headers. */
  static Event split(long seq) {
    String body = seq + "," + price(seq) + "," + qty(seq) + "," + note(seq);
    return EventBuilder.withBody(body.getBytes(StandardCharsets.UTF_8), headers(seq));
  }

  /** The same order as JSON, id and timestamp in the body too. */
  static Event json(long seq) {
    return EventBuilder.withBody(jsonBody(seq).getBytes(StandardCharsets.UTF_8), headers(seq));
  }

  static String jsonBody(long seq) {
    return "{\"id\":\""
        + id(seq)
        + "\",\"seq\":"
        + seq
        + ",\"ts\":"
        + timestamp(seq)
        + ",\"order\":{\"price\":"
        + price(seq)
        + ",\"qty\":"
        + qty(seq)
        + "},\"note\":\""
        + note(seq)
        + "\"}";
  }

  static Event raw(String body, Map<String, String> headers) {
    return EventBuilder.withBody(
        body.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>(headers));
  }

  static List<Event> range(long first, long endExclusive, boolean json) {
    List<Event> events = new ArrayList<>();
    for (long seq = first; seq < endExclusive; seq++) {
      events.add(json ? json(seq) : split(seq));
    }
    return events;
  }

  /** {@code CRC32(key) mod buckets} in fixed-width decimal, as docs/hbase-serializers.md says. */
  static String salt(String key, int buckets) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    int width = Integer.toString(buckets - 1).length();
    return String.format("%0" + width + "d", crc.getValue() % buckets);
  }

  /**
   * What is wrong with the row of order {@code seq}, or an empty list: exactly five cells (four
   * typed body fields and the region header), each with one version whose timestamp is the event's,
   * each value decoded with HBase's own {@code Bytes}.
   */
  static List<String> problems(Result row, long seq) {
    List<String> problems = new ArrayList<>();
    byte[] family = Bytes.toBytes(FAMILY);
    Map<String, Integer> versions = new LinkedHashMap<>();
    for (Cell cell : row.rawCells()) {
      String qualifier = Bytes.toString(CellUtil.cloneQualifier(cell));
      versions.merge(Bytes.toString(CellUtil.cloneFamily(cell)) + ":" + qualifier, 1, Integer::sum);
      if (cell.getTimestamp() != timestamp(seq)) {
        problems.add(qualifier + " has timestamp " + cell.getTimestamp());
      }
    }
    for (Map.Entry<String, Integer> entry : versions.entrySet()) {
      if (entry.getValue() != 1) {
        problems.add(entry.getKey() + " has " + entry.getValue() + " versions");
      }
    }
    if (versions.size() != 5) {
      problems.add("cells " + versions.keySet());
    }
    expect(problems, "seq", seq, decode(row, family, "seq", Bytes::toLong));
    expect(problems, "price", price(seq), decode(row, family, "price", Bytes::toDouble));
    expect(problems, "qty", qty(seq), decode(row, family, "qty", Bytes::toInt));
    expect(problems, "note", note(seq), decode(row, family, "note", Bytes::toString));
    expect(problems, "region", region(seq), decode(row, family, "region", Bytes::toString));
    return problems;
  }

  private static <T> T decode(
      Result row, byte[] family, String qualifier, java.util.function.Function<byte[], T> decoder) {
    byte[] value = row.getValue(family, Bytes.toBytes(qualifier));
    return value == null ? null : decoder.apply(value);
  }

  private static void expect(List<String> problems, String what, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      problems.add(what + " is " + actual + ", not " + expected);
    }
  }
}
