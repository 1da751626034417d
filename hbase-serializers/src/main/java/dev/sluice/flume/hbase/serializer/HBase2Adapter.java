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
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.conf.ComponentConfiguration;
import org.apache.flume.sink.hbase2.HBase2EventSerializer;
import org.apache.hadoop.hbase.client.Increment;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Row;

/**
 * The {@link HBase2EventSerializer} side of both serializers: Flume's {@code HBase2Sink} calls
 * {@link #initialize(Event, byte[])} then {@link #getActions()} and {@link #getIncrements()} for
 * every event; this turns the core's {@link EventCells} into one {@link Put} (and at most one
 * {@link Increment}).
 *
 * <p>{@code HBase2Sink} never calls {@link #close()} (its {@code stop()} leaves the serializer
 * alone); {@link SerializerCounters} handles that through its name registry and a cleaner.
 */
abstract class HBase2Adapter implements HBase2EventSerializer {
  private final LongSupplier clock;
  private final LongSupplier nanoClock;
  private final List<Row> actions = new ArrayList<>(1);
  private final List<Increment> increments = new ArrayList<>(1);
  private SerializerCore core;
  private Event event;
  private byte[] family;
  private EventCells cells;

  HBase2Adapter(LongSupplier clock, LongSupplier nanoClock) {
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
  public final void initialize(Event event, byte[] columnFamily) {
    if (core == null) {
      throw new IllegalStateException("initialize() before configure()");
    }
    this.event = event;
    this.family = columnFamily;
    this.cells = null;
  }

  @Override
  public final List<Row> getActions() {
    EventCells c = cells();
    actions.clear();
    if (!c.isEmpty()) {
      Put put = new Put(c.row());
      long ts = c.timestamp();
      for (int i = 0; i < c.size(); i++) {
        put.addColumn(c.family(i), c.qualifier(i), ts, c.value(i));
      }
      actions.add(put);
    }
    return actions;
  }

  @Override
  public final List<Increment> getIncrements() {
    EventCells c = cells();
    increments.clear();
    if (c.hasIncrement()) {
      increments.add(
          new Increment(c.incrementRow())
              .addColumn(c.incrementFamily(), c.incrementQualifier(), 1L));
    }
    return increments;
  }

  private EventCells cells() {
    if (cells == null) {
      if (event == null) {
        throw new IllegalStateException("getActions() before initialize()");
      }
      cells = core.serialize(event, family);
    }
    return cells;
  }

  /** Unregisters the counter group; the next event (if the sink goes on) registers it again. */
  @Override
  public final void close() {
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
