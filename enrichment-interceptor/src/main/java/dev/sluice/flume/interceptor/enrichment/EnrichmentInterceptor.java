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

import dev.sluice.flume.common.log.ThrottledLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flume.ChannelException;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.interceptor.Interceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enriches events with columns of an HBase row looked up by a key taken from each event, a batch at
 * a time: the batch's distinct keys are looked up in a bounded cache, and the rest with one
 * multi-get that the source's thread waits for at most {@code timeoutMillis}. Configure it as
 * {@code type = dev.sluice.flume.interceptor.enrichment.EnrichmentInterceptor$Builder}; the keys
 * are in docs/enrichment-interceptor.md.
 */
public final class EnrichmentInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(EnrichmentInterceptor.class);

  private final EnrichmentConfig config;
  private final InterceptorDependencies dependencies;
  private final long timeoutNanos;
  private final EventEnricher enricher;
  private final RowCache cache;
  private final ThrottledLog failureLog = new ThrottledLog(1, TimeUnit.MINUTES);

  // Set by initialize(), which Flume calls when the source starts, before any event.
  private volatile String counterName;
  private volatile EnrichmentCounters counters;
  private volatile RowLookup backend;
  private volatile LookupPool pool;
  private boolean closed;

  EnrichmentInterceptor(EnrichmentConfig config, InterceptorDependencies dependencies) {
    this.config = config;
    this.dependencies = dependencies;
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.timeoutMillis());
    this.enricher = new EventEnricher(config);
    this.cache =
        new RowCache(
            config,
            dependencies.ticker,
            dependencies.cacheMaintenance,
            dependencies.refreshExecutor,
            this::reload);
  }

  @Override
  public synchronized void initialize() {
    counterName = CounterNames.take(config.counterName());
    counters = new EnrichmentCounters(counterName, cache::size);
    backend = dependencies.backendFactory.apply(config);
    pool = new LookupPool(backend, config.lookupThreads(), counterName + "-lookup-");
    counters.start();
    LOG.info(
        "Enrichment interceptor {} started (counters INTERCEPTOR.{}): {}",
        counterName,
        counterName,
        config.settings());
    pool.connectInBackground(this::connected);
  }

  private void connected(Throwable failure) {
    if (failure == null) {
      LOG.info(
          "Enrichment interceptor {}: connected to HBase, table {} located",
          counterName,
          config.table());
    } else {
      LOG.warn(
          "Enrichment interceptor {}: could not connect to HBase at start; the first lookups"
              + " will try again",
          counterName,
          failure);
    }
  }

  @Override
  public Event intercept(Event event) {
    List<Event> out = intercept(Collections.singletonList(event));
    return out.isEmpty() ? null : out.get(0);
  }

  /*
   * The hot path, one piece on purpose: it runs on the source's thread for every batch, and its
   * steps share the per-event keys and bodies. (1) Work out each event's row key, reading its body
   * at most once. (2) Look the distinct keys up in the cache. (3) Fetch the rest in one multi-get,
   * waiting at most timeoutMillis. (4) Under failurePolicy = hold, refuse the batch if the fetch
   * failed, before any event is changed. (5) Enrich or mark each event and apply the policies.
   */
  @Override
  public List<Event> intercept(List<Event> events) {
    int n = events.size();
    if (n == 0) {
      return events;
    }
    EnrichmentCounters c = counters;
    c.add(EnrichmentCounters.EVENTS, n);

    String[] keys = new String[n];
    EventBody[] bodies = new EventBody[n];
    Map<String, RowCache.Entry> entries = new HashMap<>();
    Set<String> toFetch = new LinkedHashSet<>();
    long hits = 0;
    long negativeHits = 0;
    for (int i = 0; i < n; i++) {
      Event event = events.get(i);
      bodies[i] = new EventBody(event);
      String key = config.rowKey().rowKey(event, bodies[i]);
      keys[i] = key;
      if (key == null || entries.containsKey(key) || toFetch.contains(key)) {
        continue;
      }
      RowCache.Entry entry = cache.get(key);
      if (entry == null) {
        toFetch.add(key);
      } else {
        entries.put(key, entry);
        if (entry.row() == null) {
          negativeHits++;
        } else {
          hits++;
        }
      }
    }
    c.add(EnrichmentCounters.CACHE_HITS, hits);
    c.add(EnrichmentCounters.NEGATIVE_HITS, negativeHits);
    c.add(EnrichmentCounters.CACHE_MISSES, toFetch.size());

    Status failure = null;
    if (!toFetch.isEmpty()) {
      LookupPool.Fetch fetch = fetch(toFetch, c);
      failure = fetch.failure();
      if (failure == null) {
        for (String key : toFetch) {
          Row row = fetch.rows().get(key);
          entries.put(key, new RowCache.Entry(row, 0));
        }
      } else if (config.failurePolicy() == FailurePolicy.HOLD) {
        c.increment(EnrichmentCounters.HELD_BATCHES);
        throw new ChannelException(
            "Enrichment interceptor "
                + counterName
                + ": the lookup of "
                + toFetch.size()
                + " row keys in "
                + config.table()
                + " "
                + (failure == Status.TIMEOUT
                    ? "did not answer within " + config.timeoutMillis() + " ms"
                    : "failed")
                + "; failurePolicy = hold refuses the batch of "
                + n
                + " events, for the source to retry",
            fetch.cause());
      } else {
        logFailure(failure, toFetch.size(), fetch.cause());
      }
    }

    List<Event> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Event event = events.get(i);
      Status status;
      if (keys[i] == null) {
        status = Status.NO_KEY;
      } else {
        RowCache.Entry entry = entries.get(keys[i]);
        if (entry == null) {
          status = failure;
        } else if (entry.row() == null) {
          status = Status.MISS;
        } else {
          status = enricher.enrich(event, bodies[i], entry.row()) ? Status.HIT : Status.BAD_BODY;
        }
      }
      if (route(event, status, c)) {
        out.add(event);
      }
    }
    return out;
  }

  private LookupPool.Fetch fetch(Set<String> keys, EnrichmentCounters c) {
    long start = System.nanoTime();
    LookupPool.Fetch fetch = pool.fetch(keys, timeoutNanos, late -> cache.putAll(keys, late));
    c.lookupBatch(keys.size(), System.nanoTime() - start);
    if (fetch.failure() == null) {
      cache.putAll(keys, fetch.rows());
      c.add(EnrichmentCounters.ROWS_NOT_FOUND, keys.size() - fetch.rows().size());
    } else if (fetch.failure() == Status.TIMEOUT) {
      c.increment(EnrichmentCounters.TIMEOUTS);
    } else {
      c.increment(EnrichmentCounters.LOOKUP_ERRORS);
    }
    return fetch;
  }

  /** Counts the event's outcome and marks it; false when it is to be dropped. */
  private boolean route(Event event, Status status, EnrichmentCounters c) {
    if (status == Status.HIT) {
      c.increment(EnrichmentCounters.ENRICHED);
      return true;
    }
    if (status == Status.NO_KEY) {
      c.increment(EnrichmentCounters.NO_KEY);
    } else if (status == Status.BAD_BODY) {
      c.increment(EnrichmentCounters.BAD_BODY);
    }
    boolean drop =
        status.isLookupFailure()
            ? config.failurePolicy() == FailurePolicy.DROP
            : config.missPolicy() == MissPolicy.DROP;
    if (drop) {
      c.increment(EnrichmentCounters.DROPPED);
      return false;
    }
    event.getHeaders().put(config.statusHeader(), status.label());
    c.increment(EnrichmentCounters.UNENRICHED);
    return true;
  }

  private void logFailure(Status failure, int keys, Throwable cause) {
    long held = failureLog.tryAcquire();
    if (held < 0) {
      return;
    }
    LOG.warn(
        "Enrichment interceptor {}: the lookup of {} row keys in {} {}; events go on as"
            + " failurePolicy = {} says ({} similar failures not logged in the last minute)",
        counterName,
        keys,
        config.table(),
        failure == Status.TIMEOUT
            ? "did not answer within " + config.timeoutMillis() + " ms"
            : "failed",
        config.failurePolicy().name().toLowerCase(java.util.Locale.ROOT),
        held,
        cause);
  }

  /** A refresh of one key on the refresh thread; keeps the old entry when the lookup fails. */
  private RowCache.Entry reload(String key, RowCache.Entry old) {
    EnrichmentCounters c = counters;
    c.increment(EnrichmentCounters.REFRESHES);
    c.add(EnrichmentCounters.LOOKUPS, 1);
    try {
      Map<String, Row> rows =
          backend.getAll(Collections.singletonList(key), System.nanoTime() + timeoutNanos);
      Row row = rows.get(key);
      if (row == null) {
        c.increment(EnrichmentCounters.ROWS_NOT_FOUND);
      }
      return cache.entryFor(row);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      Status failure = e instanceof TimeoutException ? Status.TIMEOUT : Status.ERROR;
      c.increment(
          failure == Status.TIMEOUT
              ? EnrichmentCounters.TIMEOUTS
              : EnrichmentCounters.LOOKUP_ERRORS);
      logFailure(failure, 1, e);
      return old;
    }
  }

  @Override
  public synchronized void close() {
    if (closed || counters == null) {
      return;
    }
    closed = true;
    pool.close();
    dependencies.close();
    try {
      backend.close();
    } catch (RuntimeException e) {
      LOG.warn("Enrichment interceptor {}: closing the HBase client failed", counterName, e);
    }
    cache.invalidateAll();
    counters.stop();
    CounterNames.giveBack(counterName);
    LOG.info("Enrichment interceptor {} closed", counterName);
  }

  /** The counters, for tests; null before {@link #initialize()}. */
  EnrichmentCounters counters() {
    return counters;
  }

  RowCache cache() {
    return cache;
  }

  /** Lookup threads running a lookup or the start-up connection now, for tests. */
  int busyLookupThreads() {
    return pool.active();
  }

  /**
   * What Flume instantiates: {@code type =
   * dev.sluice.flume.interceptor.enrichment.EnrichmentInterceptor$Builder}.
   */
  public static final class Builder implements Interceptor.Builder {
    private EnrichmentConfig config;

    /** Parses and checks every key; throws one exception listing every problem. */
    @Override
    public void configure(Context context) {
      config = EnrichmentConfig.parse(context);
    }

    @Override
    public Interceptor build() {
      if (config == null) {
        throw new IllegalStateException("configure() the builder before build()");
      }
      return new EnrichmentInterceptor(config, InterceptorDependencies.production());
    }
  }
}
