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

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** What the interceptor needs from outside, replaced by fakes in unit tests. */
final class InterceptorDependencies {
  final Function<EnrichmentConfig, RowLookup> backendFactory;
  final Ticker ticker;
  final Executor cacheMaintenance;
  final Executor refreshExecutor;
  private final ExecutorService ownedRefreshExecutor;

  InterceptorDependencies(
      Function<EnrichmentConfig, RowLookup> backendFactory,
      Ticker ticker,
      Executor cacheMaintenance,
      Executor refreshExecutor) {
    this.backendFactory = backendFactory;
    this.ticker = ticker;
    this.cacheMaintenance = cacheMaintenance;
    this.refreshExecutor = refreshExecutor;
    this.ownedRefreshExecutor =
        refreshExecutor instanceof ExecutorService ? (ExecutorService) refreshExecutor : null;
  }

  /**
   * The real backend, the system ticker, Caffeine's usual maintenance pool, and one refresh thread
   * of the interceptor's own, started on the first refresh. Its queue holds at most one refresh per
   * cached key (Caffeine runs one refresh of a key at a time).
   */
  static InterceptorDependencies production() {
    ThreadPoolExecutor refresh =
        new ThreadPoolExecutor(
            1,
            1,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "enrichment-refresh");
              t.setDaemon(true);
              return t;
            });
    refresh.allowCoreThreadTimeOut(true);
    return new InterceptorDependencies(
        cfg -> cfg.backend().open(cfg), Ticker.systemTicker(), ForkJoinPool.commonPool(), refresh);
  }

  void close() {
    if (ownedRefreshExecutor != null) {
      ownedRefreshExecutor.shutdownNow();
    }
  }
}
