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

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The interceptor's bounded Caffeine cache of rows and of "no such row" (negative entries), each
 * with its own time to live counted from when it was looked up, and with optional
 * refresh-after-write: a read of an entry older than {@code refreshAfterWrite} returns it at once
 * and reloads it on the refresh thread.
 */
final class RowCache {
  /** What the cache holds for one key. */
  static final class Entry {
    private final Row row;
    private final long loadedNanos;

    Entry(Row row, long loadedNanos) {
      this.row = row;
      this.loadedNanos = loadedNanos;
    }

    /** The row, or null when HBase has no such row. */
    Row row() {
      return row;
    }

    /** When the entry was looked up, on the cache's ticker. */
    long loadedNanos() {
      return loadedNanos;
    }
  }

  /** Looks one key up again for a refresh; returns the old entry when that fails. */
  interface Reloader {
    /** The fresh entry, the old one when the lookup failed, or null to remove the key. */
    Entry reload(String key, Entry old);
  }

  private final Cache<String, Entry> cache;
  private final Ticker ticker;
  private final boolean negativeCaching;

  RowCache(
      EnrichmentConfig config,
      Ticker ticker,
      Executor maintenance,
      Executor refreshExecutor,
      Reloader reloader) {
    this.ticker = ticker;
    this.negativeCaching = config.negativeCacheTtlMillis() > 0;
    if (config.cacheMaxSize() == 0) {
      cache = null;
      return;
    }
    long ttl = TimeUnit.MILLISECONDS.toNanos(config.cacheTtlMillis());
    long negativeTtl = TimeUnit.MILLISECONDS.toNanos(config.negativeCacheTtlMillis());
    Caffeine<String, Entry> builder =
        Caffeine.newBuilder()
            .maximumSize(config.cacheMaxSize())
            .ticker(ticker)
            .executor(maintenance)
            .expireAfter(new TimeToLive(ttl, negativeTtl));
    if (config.refreshAfterWriteMillis() > 0) {
      builder.refreshAfterWrite(Duration.ofMillis(config.refreshAfterWriteMillis()));
      cache = builder.build(new RefreshingLoader(reloader, refreshExecutor));
    } else {
      cache = builder.build();
    }
  }

  /** The entry for a key, or null when the cache has none (or it expired). */
  Entry get(String key) {
    return cache == null ? null : cache.getIfPresent(key);
  }

  /**
   * Stores the result of a lookup: a row for each key found and, when negative caching is on, a "no
   * such row" entry for each other key asked for.
   */
  void putAll(Collection<String> asked, Map<String, Row> found) {
    if (cache == null) {
      return;
    }
    long now = ticker.read();
    for (String key : asked) {
      Row row = found.get(key);
      if (row != null) {
        cache.put(key, new Entry(row, now));
      } else if (negativeCaching) {
        cache.put(key, new Entry(null, now));
      }
    }
  }

  /** An entry for a key looked up now, or null when a missing row is not to be cached. */
  Entry entryFor(Row row) {
    return row == null && !negativeCaching ? null : new Entry(row, ticker.read());
  }

  long size() {
    return cache == null ? 0 : cache.estimatedSize();
  }

  /** Runs Caffeine's pending maintenance (evictions, expiries) now; for tests and gauges. */
  void cleanUp() {
    if (cache != null) {
      cache.cleanUp();
    }
  }

  void invalidateAll() {
    if (cache != null) {
      cache.invalidateAll();
    }
  }

  /**
   * Rows live {@code cacheTtl} and missing rows {@code negativeCacheTtl}, both counted from the
   * lookup, not from the last write: a refresh that failed and kept the old entry does not extend
   * its life.
   */
  private static final class TimeToLive implements Expiry<String, Entry> {
    private final long ttlNanos;
    private final long negativeTtlNanos;

    TimeToLive(long ttlNanos, long negativeTtlNanos) {
      this.ttlNanos = ttlNanos;
      this.negativeTtlNanos = negativeTtlNanos;
    }

    private long remaining(Entry e, long now) {
      long ttl = e.row == null ? negativeTtlNanos : ttlNanos;
      return Math.max(0, ttl - (now - e.loadedNanos));
    }

    @Override
    public long expireAfterCreate(String key, Entry e, long now) {
      return remaining(e, now);
    }

    @Override
    public long expireAfterUpdate(String key, Entry e, long now, long currentDuration) {
      return remaining(e, now);
    }

    @Override
    public long expireAfterRead(String key, Entry e, long now, long currentDuration) {
      return currentDuration;
    }
  }

  /**
   * Refreshes run on the interceptor's own refresh thread, never on the source's thread nor on
   * Caffeine's shared pool, since a lookup may block until the client's own timeout.
   */
  private static final class RefreshingLoader implements CacheLoader<String, Entry> {
    private final Reloader reloader;
    private final Executor refreshExecutor;

    RefreshingLoader(Reloader reloader, Executor refreshExecutor) {
      this.reloader = reloader;
      this.refreshExecutor = refreshExecutor;
    }

    @Override
    public Entry load(String key) {
      // The interceptor never asks the cache to load: misses go to one multi-get per batch.
      throw new UnsupportedOperationException("the enrichment cache only reloads");
    }

    @Override
    public CompletableFuture<Entry> asyncReload(String key, Entry old, Executor executor) {
      return CompletableFuture.supplyAsync(() -> reloader.reload(key, old), refreshExecutor);
    }
  }
}
