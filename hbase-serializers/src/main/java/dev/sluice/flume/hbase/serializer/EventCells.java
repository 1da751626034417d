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

import java.util.Arrays;

/**
 * What one event becomes, independent of the sink's client: one row with cells (family, qualifier,
 * value) sharing one timestamp, and at most one counter increment. The serializer core fills it;
 * the adapters turn it into HBase 2 {@code Put}/{@code Increment} or asynchbase {@code
 * PutRequest}/{@code AtomicIncrementRequest} objects.
 *
 * <p>One instance is reused for every event of a serializer (the sink calls it from one thread);
 * the byte arrays in it are fresh per event, since the client objects built from them keep them
 * until the batch is flushed.
 */
final class EventCells {
  /** The timestamp that lets HBase's region server choose, as both clients spell it. */
  static final long SERVER_TIMESTAMP = Long.MAX_VALUE;

  private byte[] row;
  private long timestamp = SERVER_TIMESTAMP;
  private byte[][] families = new byte[8][];
  private byte[][] qualifiers = new byte[8][];
  private byte[][] values = new byte[8][];
  private int size;

  private byte[] incrementRow;
  private byte[] incrementFamily;
  private byte[] incrementQualifier;

  void clear() {
    row = null;
    timestamp = SERVER_TIMESTAMP;
    Arrays.fill(families, 0, size, null);
    Arrays.fill(qualifiers, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
    incrementRow = null;
    incrementFamily = null;
    incrementQualifier = null;
  }

  void row(byte[] rowKey, long cellTimestamp) {
    this.row = rowKey;
    this.timestamp = cellTimestamp;
  }

  void add(byte[] family, byte[] qualifier, byte[] value) {
    if (size == families.length) {
      int n = size * 2;
      families = Arrays.copyOf(families, n);
      qualifiers = Arrays.copyOf(qualifiers, n);
      values = Arrays.copyOf(values, n);
    }
    families[size] = family;
    qualifiers[size] = qualifier;
    values[size] = value;
    size++;
  }

  void increment(byte[] rowKey, byte[] family, byte[] qualifier) {
    this.incrementRow = rowKey;
    this.incrementFamily = family;
    this.incrementQualifier = qualifier;
  }

  /** True when there is nothing to put: a skipped event, or an event with no values. */
  boolean isEmpty() {
    return size == 0;
  }

  byte[] row() {
    return row;
  }

  /** Epoch milliseconds, or {@link #SERVER_TIMESTAMP}. */
  long timestamp() {
    return timestamp;
  }

  int size() {
    return size;
  }

  byte[] family(int i) {
    return families[i];
  }

  byte[] qualifier(int i) {
    return qualifiers[i];
  }

  byte[] value(int i) {
    return values[i];
  }

  boolean hasIncrement() {
    return incrementRow != null;
  }

  byte[] incrementRow() {
    return incrementRow;
  }

  byte[] incrementFamily() {
    return incrementFamily;
  }

  byte[] incrementQualifier() {
    return incrementQualifier;
  }
}
