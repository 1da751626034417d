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
package dev.sluice.flume.amps.source;

import dev.sluice.flume.common.batch.HandoffBuffer;
import dev.sluice.flume.common.counters.ExtendedSourceCounter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The source's counters: Flume's {@code SourceCounter} (events received into the hand-off, events
 * and batches accepted by the channels, channel write failures) plus the AMPS ones below, all in
 * the one MBean {@code SOURCE.<name>} that JMX and Flume's HTTP metrics JSON show.
 *
 * <p>The receive thread's counts are plain fields (one writer), read live by gauges; Flume's {@code
 * EventReceivedCount} follows them at each poll.
 */
final class AmpsSourceCounters {
  static final String MESSAGES_RECEIVED = "AmpsMessageReceivedCount";
  static final String MESSAGES_FILTERED = "AmpsMessageFilteredCount";
  static final String MESSAGES_NOT_ACCEPTED = "AmpsMessageNotAcceptedCount";
  static final String BATCHES_COMMITTED = "BatchCommittedCount";
  static final String CHANNEL_COMMIT_FAILURES = "ChannelCommitFailedCount";
  static final String RECONNECTS = "ReconnectCount";
  static final String FAILOVERS = "FailoverCount";
  static final String BOOKMARKS_DISCARDED = "BookmarkDiscardedCount";
  static final String BOOKMARK_DISCARD_FAILURES = "BookmarkDiscardFailedCount";
  static final String CONNECT_FAILURES = "ConnectFailedCount";

  static final String HANDOFF_FILL_PERCENT = "HandoffFillPercent";
  static final String HANDOFF_EVENTS = "HandoffEventCount";
  static final String HANDOFF_BATCHES = "HandoffBatchCount";
  static final String HANDOFF_WAITS = "HandoffWaitCount";
  static final String HANDOFF_WAIT_MILLIS = "HandoffWaitMillis";
  static final String CONNECTED = "Connected";
  static final String SUBSCRIBED = "Subscribed";

  static final List<String> COUNTERS =
      List.of(
          BATCHES_COMMITTED,
          CHANNEL_COMMIT_FAILURES,
          RECONNECTS,
          FAILOVERS,
          BOOKMARKS_DISCARDED,
          BOOKMARK_DISCARD_FAILURES,
          CONNECT_FAILURES);

  /** Counted on the receive thread without shared-map updates; read live. */
  static final List<String> RECEIVE_COUNTS =
      List.of(MESSAGES_RECEIVED, MESSAGES_FILTERED, MESSAGES_NOT_ACCEPTED);

  static final List<String> GAUGES =
      List.of(
          HANDOFF_FILL_PERCENT,
          HANDOFF_EVENTS,
          HANDOFF_BATCHES,
          HANDOFF_WAITS,
          HANDOFF_WAIT_MILLIS,
          CONNECTED,
          SUBSCRIBED);

  private final ExtendedSourceCounter counter;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong filtered = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong notAccepted = new AtomicLong();
  private long acceptedReported; // polling thread only
  private volatile boolean connected;
  private volatile boolean subscribed;

  AmpsSourceCounters(String sourceName) {
    this.counter = new ExtendedSourceCounter(sourceName, COUNTERS);
    counter.gauge(CONNECTED, () -> connected ? 1 : 0);
    counter.gauge(SUBSCRIBED, () -> subscribed ? 1 : 0);
    counter.gauge(MESSAGES_RECEIVED, received::get);
    counter.gauge(MESSAGES_FILTERED, filtered::get);
    counter.gauge(MESSAGES_NOT_ACCEPTED, notAccepted::get);
  }

  /** Adds the hand-off gauges, read from the buffer whenever the counters are read. */
  void watch(HandoffBuffer<?> buffer) {
    counter.gauge(HANDOFF_FILL_PERCENT, () -> Math.round(buffer.fillRatio() * 100));
    counter.gauge(HANDOFF_EVENTS, buffer::size);
    counter.gauge(HANDOFF_BATCHES, buffer::batches);
    counter.gauge(HANDOFF_WAITS, buffer::producerWaits);
    counter.gauge(HANDOFF_WAIT_MILLIS, buffer::producerWaitMillis);
  }

  ExtendedSourceCounter flume() {
    return counter;
  }

  void start() {
    counter.start();
  }

  void stop() {
    syncReceived();
    counter.stop();
  }

  // ------------------------------------------------------------- receive thread
  // One writer (the client's receive thread): a plain increment published with a release store,
  // no lock and no lookup in Flume's counter map, on the hottest path of the source.

  void messageReceived() {
    received.lazySet(received.get() + 1);
  }

  void messageFiltered() {
    filtered.lazySet(filtered.get() + 1);
  }

  void messageAccepted() {
    accepted.lazySet(accepted.get() + 1);
  }

  void messageNotAccepted() {
    notAccepted.incrementAndGet(); // rare, and may come from a thread other than the receiver
  }

  // ------------------------------------------------------------- polling thread

  /** Brings Flume's EventReceivedCount up to the messages taken so far (called each poll). */
  void syncReceived() {
    long now = accepted.get();
    if (now != acceptedReported) {
      counter.addToEventReceivedCount(now - acceptedReported);
      acceptedReported = now;
    }
  }

  void batchAttempted() {
    counter.incrementAppendBatchReceivedCount();
  }

  void batchCommitted(int events) {
    counter.incrementAppendBatchAcceptedCount();
    counter.addToEventAcceptedCount(events);
    counter.addOne(BATCHES_COMMITTED);
  }

  void channelCommitFailed() {
    counter.incrementChannelWriteFail();
    counter.addOne(CHANNEL_COMMIT_FAILURES);
  }

  void bookmarksDiscarded(long n) {
    counter.add(BOOKMARKS_DISCARDED, n);
  }

  void bookmarkDiscardFailed() {
    counter.addOne(BOOKMARK_DISCARD_FAILURES);
  }

  // ------------------------------------------------------------- connection

  void connectFailed() {
    counter.addOne(CONNECT_FAILURES);
  }

  void reconnected(boolean failover) {
    counter.addOne(RECONNECTS);
    if (failover) {
      counter.addOne(FAILOVERS);
    }
  }

  void connected(boolean isConnected) {
    this.connected = isConnected;
  }

  void subscribed(boolean isSubscribed) {
    this.subscribed = isSubscribed;
  }

  long value(String name) {
    return counter.value(name);
  }
}
