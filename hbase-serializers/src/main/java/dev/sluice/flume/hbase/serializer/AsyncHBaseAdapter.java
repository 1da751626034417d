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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.conf.ComponentConfiguration;
import org.apache.flume.sink.hbase.AsyncHbaseEventSerializer;
import org.hbase.async.AtomicIncrementRequest;
import org.hbase.async.PutRequest;

/**
 * The {@link AsyncHbaseEventSerializer} side of both serializers. Flume's {@code AsyncHBaseSink}
 * calls {@link #configure(Context)} and {@link #initialize(byte[], byte[])} once, from its own
 * {@code configure()}; then {@link #setEvent}, {@link #getActions()} and {@link #getIncrements()}
 * per event; and {@link #cleanUp()} on every stop, after which it may start again with this same
 * instance, unconfigured: so {@link #cleanUp()} keeps the configuration and only closes the counter
 * group, which the next event opens again.
 *
 * <p>asynchbase puts one family per request: the cells become one {@link PutRequest} per family,
 * qualifiers in byte order.
 */
abstract class AsyncHBaseAdapter implements AsyncHbaseEventSerializer {
  private final LongSupplier clock;
  private final LongSupplier nanoClock;
  private final List<PutRequest> puts = new ArrayList<>(2);
  private final List<AtomicIncrementRequest> increments = new ArrayList<>(1);
  private SerializerCore core;
  private byte[] table;
  private byte[] family;
  private Event event;
  private EventCells cells;
  private int[] order = new int[8];
  private boolean[] done = new boolean[8];

  AsyncHBaseAdapter(LongSupplier clock, LongSupplier nanoClock) {
    this.clock = clock;
    this.nanoClock = nanoClock;
  }

  /** Parses the configuration (throwing on any problem) into a core. */
  abstract SerializerCore createCore(Context context, LongSupplier clock, LongSupplier nanoClock);

  @Override
  public final void configure(Context context) {
    SerializerCore next = createCore(context, clock, nanoClock);
    if (core != null) {
      core.counters().close();
    }
    core = next;
    SerializerLifecycle.opened(this, core.counters());
  }

  @Override
  public final void configure(ComponentConfiguration conf) {
    // Flume configures serializers through configure(Context) only.
  }

  @Override
  public final void initialize(byte[] table, byte[] cf) {
    this.table = table;
    this.family = cf;
  }

  @Override
  public final void setEvent(Event event) {
    if (core == null || table == null) {
      throw new IllegalStateException("setEvent() before configure() and initialize()");
    }
    this.event = event;
    this.cells = null;
  }

  @Override
  public final List<PutRequest> getActions() {
    EventCells c = cells();
    puts.clear();
    int n = c.size();
    if (n == 0) {
      return puts;
    }
    if (order.length < n) {
      order = new int[Math.max(n, order.length * 2)];
      done = new boolean[order.length];
    }
    Arrays.fill(done, 0, n, false);
    for (int first = 0; first < n; first++) {
      if (done[first]) {
        continue;
      }
      byte[] f = c.family(first);
      int k = 0;
      for (int i = first; i < n; i++) {
        if (!done[i] && Arrays.equals(f, c.family(i))) {
          done[i] = true;
          insertSorted(c, k++, i);
        }
      }
      byte[][] qualifiers = new byte[k][];
      byte[][] values = new byte[k][];
      for (int j = 0; j < k; j++) {
        qualifiers[j] = c.qualifier(order[j]);
        values[j] = c.value(order[j]);
      }
      puts.add(
          c.timestamp() == EventCells.SERVER_TIMESTAMP
              ? new PutRequest(table, c.row(), f, qualifiers, values)
              : new PutRequest(table, c.row(), f, qualifiers, values, c.timestamp()));
    }
    return puts;
  }

  /** Puts cell {@code cell} into {@link #order} among the first {@code k}, by qualifier. */
  private void insertSorted(EventCells c, int k, int cell) {
    int j = k;
    while (j > 0 && Arrays.compareUnsigned(c.qualifier(order[j - 1]), c.qualifier(cell)) > 0) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = cell;
  }

  @Override
  public final List<AtomicIncrementRequest> getIncrements() {
    EventCells c = cells();
    increments.clear();
    if (c.hasIncrement()) {
      increments.add(
          new AtomicIncrementRequest(
              table, c.incrementRow(), c.incrementFamily(), c.incrementQualifier(), 1L));
    }
    return increments;
  }

  private EventCells cells() {
    if (cells == null) {
      if (event == null) {
        throw new IllegalStateException("getActions() before setEvent()");
      }
      cells = core.serialize(event, family);
    }
    return cells;
  }

  /**
   * Closes the counter group. The configuration stays: {@code AsyncHBaseSink} may start again with
   * this instance, and its first event then opens a new group.
   */
  @Override
  public final void cleanUp() {
    if (core != null) {
      core.counters().close();
    }
    event = null;
    cells = null;
  }

  final SerializerCounters counters() {
    return core.counters();
  }
}
