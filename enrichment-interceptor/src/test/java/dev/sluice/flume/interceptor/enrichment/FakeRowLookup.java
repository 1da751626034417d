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

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A backend over an in-memory table that records every call and can fail or hang on demand. */
final class FakeRowLookup implements RowLookup {
  final Map<String, Row> table = new ConcurrentHashMap<>();
  final List<List<String>> calls = new CopyOnWriteArrayList<>();
  volatile Exception failWith;
  volatile CountDownLatch hangUntil;
  volatile boolean closed;
  private volatile ColumnSelection columns;

  /** Answers with only the selected columns, as HBase does. */
  FakeRowLookup selecting(ColumnSelection columns) {
    this.columns = columns;
    return this;
  }

  FakeRowLookup row(String key, ColumnValue... cells) {
    table.put(key, Row.of(cells));
    return this;
  }

  /** Every key asked for, over all calls, in order. */
  List<String> keysAsked() {
    List<String> all = new ArrayList<>();
    calls.forEach(all::addAll);
    return all;
  }

  /** Makes every call wait until {@link #release()}, as a hung server would. */
  void hang() {
    hangUntil = new CountDownLatch(1);
  }

  void release() {
    CountDownLatch latch = hangUntil;
    hangUntil = null;
    if (latch != null) {
      latch.countDown();
    }
  }

  @Override
  public Map<String, Row> getAll(Collection<String> rowKeys, long deadlineNanos) throws Exception {
    calls.add(List.copyOf(rowKeys));
    CountDownLatch latch = hangUntil;
    if (latch != null) {
      latch.await();
    }
    Exception failure = failWith;
    if (failure != null) {
      throw failure;
    }
    Map<String, Row> found = new HashMap<>();
    for (String key : rowKeys) {
      Row row = table.get(key);
      if (row == null) {
        continue;
      }
      List<ColumnValue> selected = new ArrayList<>();
      for (ColumnValue cell : row.cells()) {
        if (columns == null || columns.contains(cell.family(), cell.qualifier())) {
          selected.add(cell);
        }
      }
      if (!selected.isEmpty()) {
        found.put(key, new Row(selected));
      }
    }
    return found;
  }

  volatile int connects;
  volatile Exception connectFailure;

  @Override
  public void connect() throws Exception {
    connects++;
    Exception failure = connectFailure;
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() {
    closed = true;
    release();
  }
}
