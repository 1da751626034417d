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
package dev.sluice.flume.amps.sink;

import dev.sluice.flume.common.counters.ExtendedSinkCounter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * The sink's counters: Flume's {@code SinkCounter} plus the AMPS ones below, all in the one MBean
 * Flume registers as {@code SINK.<name>} (so they show in JMX and Flume's HTTP metrics JSON).
 * docs/amps-sink.md lists and explains each; a unit test keeps that list and {@link #COUNTERS} and
 * {@link #GAUGES} the same.
 */
final class AmpsSinkCounters {
  static final String PUBLISHED = "PublishedCount";
  static final String ACKNOWLEDGED = "AcknowledgedCount";
  static final String FAILED_WRITES = "FailedWriteCount";
  static final String DUPLICATES = "DuplicateAckCount";
  static final String UNPUBLISHABLE = "UnpublishableCount";
  static final String DEAD_LETTERED = "DeadLetteredCount";
  static final String DROPPED = "DroppedCount";
  static final String REPUBLISH_LOOPS = "RepublishLoopCount";
  static final String RECONNECTS = "ReconnectCount";
  static final String FLUSHES = "FlushCount";
  static final String FLUSH_TIME = "FlushTimeTotalMillis";
  static final String FLUSH_TIMEOUTS = "FlushTimeoutCount";

  static final String LAST_FLUSH_TIME = "LastFlushTimeMillis";
  static final String UNACKNOWLEDGED = "UnacknowledgedCount";
  static final String CONNECTED = "Connected";

  static final List<String> COUNTERS =
      List.of(
          PUBLISHED,
          ACKNOWLEDGED,
          FAILED_WRITES,
          DUPLICATES,
          UNPUBLISHABLE,
          DEAD_LETTERED,
          DROPPED,
          REPUBLISH_LOOPS,
          RECONNECTS,
          FLUSHES,
          FLUSH_TIME,
          FLUSH_TIMEOUTS);

  static final List<String> GAUGES = List.of(LAST_FLUSH_TIME, UNACKNOWLEDGED, CONNECTED);

  private final ExtendedSinkCounter counter;
  private final AtomicLong lastFlushMillis = new AtomicLong();
  private volatile AmpsTransport transport;

  AmpsSinkCounters(String sinkName) {
    this.counter = new ExtendedSinkCounter(sinkName, COUNTERS);
    counter.gauge(LAST_FLUSH_TIME, lastFlushMillis::get);
    counter.gauge(UNACKNOWLEDGED, () -> read(t -> t.unacknowledgedCount()));
    counter.gauge(CONNECTED, () -> read(t -> t.isLoggedOn() ? 1 : 0));
  }

  /** The transport the gauges read; null when the sink is stopped. */
  void transport(AmpsTransport t) {
    this.transport = t;
  }

  private long read(ToLongFunction<AmpsTransport> f) {
    AmpsTransport t = transport;
    return t == null ? 0 : f.applyAsLong(t);
  }

  ExtendedSinkCounter sinkCounter() {
    return counter;
  }

  long get(String name) {
    return counter.value(name);
  }

  void published(long n) {
    counter.add(PUBLISHED, n);
  }

  void acknowledged(long n) {
    counter.add(ACKNOWLEDGED, n);
  }

  void failedWrite() {
    counter.addOne(FAILED_WRITES);
  }

  void duplicate() {
    counter.addOne(DUPLICATES);
  }

  void unpublishable() {
    counter.addOne(UNPUBLISHABLE);
  }

  void deadLettered() {
    counter.addOne(DEAD_LETTERED);
  }

  void dropped() {
    counter.addOne(DROPPED);
  }

  void republishLoop() {
    counter.addOne(REPUBLISH_LOOPS);
  }

  void reconnected() {
    counter.addOne(RECONNECTS);
  }

  void connectionCreated() {
    counter.incrementConnectionCreatedCount();
  }

  void connectionClosed() {
    counter.incrementConnectionClosedCount();
  }

  void connectionFailed() {
    counter.incrementConnectionFailedCount();
  }

  void flushed(long millis) {
    counter.addOne(FLUSHES);
    counter.add(FLUSH_TIME, millis);
    lastFlushMillis.set(millis);
  }

  void flushTimedOut() {
    counter.addOne(FLUSH_TIMEOUTS);
  }
}
