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

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a backend's multi-gets on the interceptor's own threads, so the source's thread waits for at
 * most the deadline whatever the client does. A call still running at the deadline keeps its thread
 * until the client gives up, and its late answer still fills the cache. When every thread is busy
 * with such calls a new lookup is refused at once, as a timeout, instead of queueing behind them.
 */
final class LookupPool implements AutoCloseable {
  /** The outcome of one multi-get as the source's thread saw it. */
  static final class Fetch {
    private final Map<String, Row> rows;
    private final Status failure;
    private final Throwable cause;

    private Fetch(Map<String, Row> rows, Status failure, Throwable cause) {
      this.rows = rows;
      this.failure = failure;
      this.cause = cause;
    }

    /** The rows found, when the lookup answered in time; null otherwise. */
    Map<String, Row> rows() {
      return rows;
    }

    /** {@link Status#ERROR} or {@link Status#TIMEOUT} when the lookup did not answer; else null. */
    Status failure() {
      return failure;
    }

    Throwable cause() {
      return cause;
    }
  }

  private final RowLookup backend;
  private final ThreadPoolExecutor executor;

  LookupPool(RowLookup backend, int threads, String threadNamePrefix) {
    this.backend = backend;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, threadNamePrefix + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
  }

  /**
   * Looks {@code keys} up, waiting at most {@code timeoutNanos}.
   *
   * @param lateRows receives the rows of a lookup that answers after the deadline
   */
  // The late call's future: a lookup that fails after its deadline was already counted as a
  // timeout, so only its rows (handed to lateRows) are of use.
  @SuppressWarnings("FutureReturnValueIgnored")
  Fetch fetch(Collection<String> keys, long timeoutNanos, Consumer<Map<String, Row>> lateRows) {
    long deadline = System.nanoTime() + timeoutNanos;
    CompletableFuture<Map<String, Row>> call;
    try {
      call = CompletableFuture.supplyAsync(() -> get(keys, deadline), executor);
    } catch (RejectedExecutionException e) {
      return new Fetch(
          null,
          Status.TIMEOUT,
          new TimeoutException(
              "all "
                  + executor.getMaximumPoolSize()
                  + " lookup threads are still waiting for earlier lookups"));
    }
    try {
      return new Fetch(
          call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS), null, null);
    } catch (TimeoutException e) {
      call.thenAccept(lateRows);
      return new Fetch(null, Status.TIMEOUT, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new Fetch(
          null, cause instanceof TimeoutException ? Status.TIMEOUT : Status.ERROR, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Fetch(null, Status.ERROR, e);
    }
  }

  /**
   * Runs {@link RowLookup#connect()} on a lookup thread without waiting for it.
   *
   * @param done receives null when the backend connected, else what went wrong
   */
  @SuppressWarnings("FutureReturnValueIgnored") // done receives the outcome; nothing else waits
  void connectInBackground(Consumer<Throwable> done) {
    CompletableFuture.runAsync(
            () -> {
              try {
                backend.connect();
              } catch (RuntimeException e) {
                throw e;
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            },
            executor)
        .whenComplete(
            (ignored, failure) ->
                done.accept(
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure));
  }

  private Map<String, Row> get(Collection<String> keys, long deadline) {
    try {
      return backend.getAll(keys, deadline);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  /** Threads running a lookup now. */
  int active() {
    return executor.getActiveCount();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
