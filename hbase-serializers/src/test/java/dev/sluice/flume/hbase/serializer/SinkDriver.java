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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.client.Increment;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Row;
import org.hbase.async.AtomicIncrementRequest;
import org.hbase.async.PutRequest;

/**
 * Calls a serializer the way each Flume sink does (HBase2Sink: initialize, getActions,
 * getIncrements per event; AsyncHBaseSink: configure and initialize once, then setEvent,
 * getActions, getIncrements), and reads the real client objects back into {@link Written} cells.
 */
abstract class SinkDriver {
  static final byte[] TABLE = bytes("tbl");
  static final byte[] FAMILY = bytes("cf");

  /** The two serializer kinds. */
  enum Kind {
    SPLIT,
    JSON
  }

  /** One cell as the client objects hold it. */
  static final class Written {
    final String row;
    final byte[] rowBytes;
    final String family;
    final String qualifier;
    final byte[] value;
    final long timestamp;

    Written(byte[] row, byte[] family, byte[] qualifier, byte[] value, long timestamp) {
      this.rowBytes = row;
      this.row = new String(row, StandardCharsets.UTF_8);
      this.family = new String(family, StandardCharsets.UTF_8);
      this.qualifier = new String(qualifier, StandardCharsets.UTF_8);
      this.value = value;
      this.timestamp = timestamp;
    }

    String text() {
      return new String(value, StandardCharsets.UTF_8);
    }
  }

  /** One increment as the client objects hold it. */
  static final class Incremented {
    final String row;
    final String family;
    final String qualifier;
    final long amount;

    Incremented(byte[] row, byte[] family, byte[] qualifier, long amount) {
      this.row = new String(row, StandardCharsets.UTF_8);
      this.family = new String(family, StandardCharsets.UTF_8);
      this.qualifier = new String(qualifier, StandardCharsets.UTF_8);
      this.amount = amount;
    }
  }

  final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  final AtomicLong nanos = new AtomicLong();
  List<Written> cells = new ArrayList<>();
  List<Incremented> increments = new ArrayList<>();

  abstract void configure(Map<String, String> keys);

  /** Serializes one event; the results are in {@link #cells} and {@link #increments}. */
  abstract void serialize(Event event);

  abstract SerializerCounters counters();

  /** close() or cleanUp(), as the sink would on stop. */
  abstract void stop();

  abstract String sinkName();

  @Override
  public String toString() {
    return sinkName();
  }

  static SinkDriver hbase2(Kind kind) {
    return new HBase2Driver(kind);
  }

  static SinkDriver async(Kind kind) {
    return new AsyncDriver(kind);
  }

  static List<SinkDriver> both(Kind kind) {
    return List.of(hbase2(kind), async(kind));
  }

  static Event event(String body, String... headerPairs) {
    Map<String, String> headers = new HashMap<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], headerPairs[i + 1]);
    }
    return EventBuilder.withBody(bytes(body), headers);
  }

  static Map<String, String> keys(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The one cell with this qualifier. */
  Written cell(String qualifier) {
    Written found = null;
    for (Written w : cells) {
      if (w.qualifier.equals(qualifier)) {
        assertTrue(found == null, "two cells " + qualifier);
        found = w;
      }
    }
    assertTrue(found != null, () -> "no cell " + qualifier + " among " + qualifiers());
    return found;
  }

  List<String> qualifiers() {
    List<String> q = new ArrayList<>();
    for (Written w : cells) {
      q.add(w.qualifier);
    }
    return q;
  }

  /** The row key every cell of the last event shares. */
  String row() {
    assertTrue(!cells.isEmpty(), "no cells");
    String row = cells.get(0).row;
    for (Written w : cells) {
      assertEquals(row, w.row);
    }
    return row;
  }

  long counter(String name) {
    return counters().get(name);
  }

  private static final class HBase2Driver extends SinkDriver {
    private final Kind kind;
    private HBase2Adapter serializer;

    HBase2Driver(Kind kind) {
      this.kind = kind;
    }

    @Override
    void configure(Map<String, String> keys) {
      serializer =
          kind == Kind.SPLIT
              ? new SplittingHBase2Serializer(clock::get, nanos::get)
              : new JsonHBase2Serializer(clock::get, nanos::get);
      serializer.configure(new Context(keys));
    }

    @Override
    void serialize(Event event) {
      cells = new ArrayList<>();
      increments = new ArrayList<>();
      serializer.initialize(event, FAMILY);
      for (Row r : serializer.getActions()) {
        Put put = (Put) r;
        for (List<Cell> family : put.getFamilyCellMap().values()) {
          for (Cell c : family) {
            assertTrue(Arrays.equals(put.getRow(), CellUtil.cloneRow(c)));
            cells.add(
                new Written(
                    put.getRow(),
                    CellUtil.cloneFamily(c),
                    CellUtil.cloneQualifier(c),
                    CellUtil.cloneValue(c),
                    c.getTimestamp()));
          }
        }
      }
      for (Increment inc : serializer.getIncrements()) {
        inc.getFamilyMapOfLongs()
            .forEach(
                (f, cols) ->
                    cols.forEach((q, n) -> increments.add(new Incremented(inc.getRow(), f, q, n))));
      }
    }

    @Override
    SerializerCounters counters() {
      return serializer.counters();
    }

    @Override
    void stop() {
      serializer.close();
    }

    @Override
    String sinkName() {
      return "HBase2Sink/" + kind;
    }
  }

  private static final class AsyncDriver extends SinkDriver {
    private final Kind kind;
    private AsyncHBaseAdapter serializer;

    AsyncDriver(Kind kind) {
      this.kind = kind;
    }

    @Override
    void configure(Map<String, String> keys) {
      serializer =
          kind == Kind.SPLIT
              ? new SplittingAsyncHBaseSerializer(clock::get, nanos::get)
              : new JsonAsyncHBaseSerializer(clock::get, nanos::get);
      serializer.configure(new Context(keys));
      serializer.initialize(TABLE, FAMILY);
    }

    @Override
    void serialize(Event event) {
      cells = new ArrayList<>();
      increments = new ArrayList<>();
      serializer.setEvent(event);
      for (PutRequest put : serializer.getActions()) {
        assertTrue(Arrays.equals(TABLE, put.table()));
        byte[][] q = put.qualifiers();
        for (int i = 0; i < q.length; i++) {
          cells.add(new Written(put.key(), put.family(), q[i], put.values()[i], put.timestamp()));
        }
      }
      for (AtomicIncrementRequest inc : serializer.getIncrements()) {
        assertTrue(Arrays.equals(TABLE, inc.table()));
        increments.add(new Incremented(inc.key(), inc.family(), inc.qualifier(), inc.getAmount()));
      }
    }

    @Override
    SerializerCounters counters() {
      return serializer.counters();
    }

    @Override
    void stop() {
      serializer.cleanUp();
    }

    @Override
    String sinkName() {
      return "AsyncHBaseSink/" + kind;
    }
  }
}
