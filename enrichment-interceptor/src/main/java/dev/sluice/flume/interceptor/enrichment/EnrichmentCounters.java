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
package dev.sluice.flume.interceptor.enrichment;

import dev.sluice.flume.common.counters.ComponentCounterGroup;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.LongSupplier;
import org.apache.flume.instrumentation.MonitoredCounterGroup;

/**
 * The interceptor's counters: a Flume counter group of type {@code INTERCEPTOR}, so they show in
 * JMX ({@code org.apache.flume.interceptor:type=<counterName>}) and Flume's HTTP metrics JSON
 * ({@code INTERCEPTOR.<counterName>}). Thread-safe: sources may call the interceptor from several
 * threads.
 */
final class EnrichmentCounters {
  static final String EVENTS = "EventCount";
  static final String ENRICHED = "EnrichedEventCount";
  static final String UNENRICHED = "UnenrichedEventCount";
  static final String DROPPED = "DroppedEventCount";
  static final String NO_KEY = "NoKeyEventCount";
  static final String BAD_BODY = "BadBodyEventCount";
  static final String CACHE_HITS = "CacheHitCount";
  static final String NEGATIVE_HITS = "NegativeHitCount";
  static final String CACHE_MISSES = "CacheMissCount";
  static final String LOOKUP_BATCHES = "LookupBatchCount";
  static final String LOOKUPS = "LookupCount";
  static final String ROWS_NOT_FOUND = "RowNotFoundCount";
  static final String LOOKUP_ERRORS = "LookupErrorCount";
  static final String TIMEOUTS = "TimeoutCount";
  static final String REFRESHES = "RefreshCount";
  static final String HELD_BATCHES = "HeldBatchCount";

  static final String LATENCY_MEAN = "LookupLatencyMeanMicros";
  static final String LATENCY_MAX = "LookupLatencyMaxMicros";
  static final String CACHE_SIZE = "CacheSize";

  static final List<String> COUNTERS =
      List.of(
          EVENTS,
          ENRICHED,
          UNENRICHED,
          DROPPED,
          NO_KEY,
          BAD_BODY,
          CACHE_HITS,
          NEGATIVE_HITS,
          CACHE_MISSES,
          LOOKUP_BATCHES,
          LOOKUPS,
          ROWS_NOT_FOUND,
          LOOKUP_ERRORS,
          TIMEOUTS,
          REFRESHES,
          HELD_BATCHES);
  static final List<String> GAUGES = List.of(LATENCY_MEAN, LATENCY_MAX, CACHE_SIZE);

  private final ComponentCounterGroup group;
  private final AtomicLong latencyNanosTotal = new AtomicLong();
  private final AtomicLong latencySamples = new AtomicLong();
  private final LongAccumulator latencyNanosMax = new LongAccumulator(Math::max, 0);

  EnrichmentCounters(String name, LongSupplier cacheSize) {
    group = new ComponentCounterGroup(MonitoredCounterGroup.Type.INTERCEPTOR, name, COUNTERS);
    group.gauge(
        LATENCY_MEAN,
        () -> {
          long n = latencySamples.get();
          return n == 0 ? 0 : TimeUnit.NANOSECONDS.toMicros(latencyNanosTotal.get() / n);
        });
    group.gauge(LATENCY_MAX, () -> TimeUnit.NANOSECONDS.toMicros(latencyNanosMax.get()));
    group.gauge(CACHE_SIZE, cacheSize);
  }

  void start() {
    group.start();
  }

  void stop() {
    group.stop();
  }

  void add(String counter, long n) {
    if (n != 0) {
      group.add(counter, n);
    }
  }

  void increment(String counter) {
    group.addOne(counter);
  }

  /** One multi-get of {@code keys} keys that the source thread waited {@code nanos} for. */
  void lookupBatch(int keys, long nanos) {
    group.addOne(LOOKUP_BATCHES);
    group.add(LOOKUPS, keys);
    latencyNanosTotal.addAndGet(nanos);
    latencySamples.incrementAndGet();
    latencyNanosMax.accumulate(nanos);
  }

  long get(String counter) {
    return group.value(counter);
  }
}
