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

/**
 * Fetches rows from HBase, many keys in one call. The interceptor calls it from a thread of its
 * lookup pool, never from the source's thread, and stops waiting at the deadline whether or not the
 * call returns; an implementation should still give up soon after the deadline so that its thread
 * is free for the next batch.
 */
interface RowLookup extends AutoCloseable {
  /**
   * The rows that exist among {@code rowKeys}, with the configured columns. A key missing from the
   * result has no such row (or none of the selected columns).
   *
   * @param deadlineNanos the {@link System#nanoTime()} after which no one waits for the answer
   * @throws java.util.concurrent.TimeoutException when the deadline passed first
   * @throws Exception any other failure of the whole call; the interceptor treats all its keys as
   *     failed
   */
  Map<String, Row> getAll(Collection<String> rowKeys, long deadlineNanos) throws Exception;

  /**
   * Connects and locates the table's regions, so that the first batch does not wait for it. Called
   * once, on a lookup thread, when the interceptor starts; a failure only means the first lookup
   * connects instead.
   */
  void connect() throws Exception;

  /** Releases connections and threads; called once, when the interceptor closes. */
  @Override
  void close();
}
