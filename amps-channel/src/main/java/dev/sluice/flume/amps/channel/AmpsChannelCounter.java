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
package dev.sluice.flume.amps.channel;

import java.util.List;
import org.apache.flume.instrumentation.ChannelCounter;

/**
 * Flume's channel counters (put and take attempts and successes, size, capacity, fill percentage)
 * plus the channel's AMPS ones, all in JMX and Flume's HTTP metrics under {@code CHANNEL.<name>}.
 */
final class AmpsChannelCounter extends ChannelCounter implements AmpsChannelCounterMBean {
  static final String RECONNECTS = "ReconnectCount";
  static final String PUT_FAILURES = "PutFailureCount";
  static final String UNDECODABLE = "UndecodableCount";
  static final String DISCARDED = "DiscardedCount";
  static final String ROLLED_BACK_TAKES = "RolledBackTakeCount";
  static final String PUBLISH_STORE_DEPTH = "PublishStoreDepth";
  static final String PREFETCHED = "PrefetchedCount";

  /** Counters and gauges of our own, documented in docs/amps-channel.md. */
  static final List<String> OWN =
      List.of(
          RECONNECTS,
          PUT_FAILURES,
          UNDECODABLE,
          DISCARDED,
          ROLLED_BACK_TAKES,
          PUBLISH_STORE_DEPTH,
          PREFETCHED);

  AmpsChannelCounter(String name) {
    super(name, OWN.toArray(new String[0]));
  }

  void reconnected() {
    increment(RECONNECTS);
  }

  void putFailed() {
    increment(PUT_FAILURES);
  }

  void undecodable() {
    increment(UNDECODABLE);
  }

  void discarded(int n) {
    addAndGet(DISCARDED, n);
  }

  void takesRolledBack(int n) {
    addAndGet(ROLLED_BACK_TAKES, n);
  }

  void prefetched() {
    increment(PREFETCHED);
  }

  void publishStoreDepth(long depth) {
    set(PUBLISH_STORE_DEPTH, depth);
  }

  long value(String counter) {
    return get(counter);
  }

  @Override
  public long getReconnectCount() {
    return get(RECONNECTS);
  }

  @Override
  public long getPutFailureCount() {
    return get(PUT_FAILURES);
  }

  @Override
  public long getUndecodableCount() {
    return get(UNDECODABLE);
  }

  @Override
  public long getDiscardedCount() {
    return get(DISCARDED);
  }

  @Override
  public long getRolledBackTakeCount() {
    return get(ROLLED_BACK_TAKES);
  }

  @Override
  public long getPublishStoreDepth() {
    return get(PUBLISH_STORE_DEPTH);
  }

  @Override
  public long getPrefetchedCount() {
    return get(PREFETCHED);
  }
}
