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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hbase.async.Config;
import org.hbase.async.GetRequest;
import org.hbase.async.GetResultOrException;
import org.hbase.async.HBaseClient;
import org.hbase.async.KeyValue;

/**
 * The asynchbase backend: one batched, non-blocking multi-get per batch (a {@code GetRequest} per
 * key and family, sent in parallel to the region servers), awaited until the deadline; every
 * request also carries the time left as its own RPC timeout, so nothing outlives the batch. The
 * client is made on the first lookup; it reconnects to restarted servers itself.
 */
final class AsyncHBaseRowLookup implements RowLookup {
  /** How long the start-up connection may take before the first lookup is left to do it. */
  static final long CONNECT_TIMEOUT_MILLIS = 30_000;

  private final Config config;
  private final byte[] table;
  private final Map<byte[], byte[][]> families;
  private final NameInterner names = new NameInterner();
  private HBaseClient client;

  private AsyncHBaseRowLookup(Config config, byte[] table, Map<byte[], byte[][]> families) {
    this.config = config;
    this.table = table;
    this.families = families;
  }

  // families is an ordered list of (family, qualifiers) pairs, only iterated, never looked up;
  // its keys come from a set of names and so are distinct.
  @SuppressWarnings("ArrayAsKeyOfSetOrMap")
  static RowLookup create(HBaseSettings settings, String table, ColumnSelection columns) {
    Config config = new Config();
    settings.clientProperties().forEach(config::overrideConfig);
    config.overrideConfig(HBaseSettings.QUORUM, settings.quorumSpec());
    config.overrideConfig("hbase.zookeeper.znode.parent", settings.znodeParent());
    Map<byte[], byte[][]> families = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> e : columns.byFamily().entrySet()) {
      byte[][] qualifiers = null;
      if (e.getValue() != null) {
        qualifiers = new byte[e.getValue().size()][];
        int i = 0;
        for (String q : e.getValue()) {
          qualifiers[i++] = q.getBytes(StandardCharsets.UTF_8);
        }
      }
      families.put(e.getKey().getBytes(StandardCharsets.UTF_8), qualifiers);
    }
    return new AsyncHBaseRowLookup(config, table.getBytes(StandardCharsets.UTF_8), families);
  }

  @Override
  public Map<String, Row> getAll(Collection<String> rowKeys, long deadlineNanos) throws Exception {
    long remaining = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    if (remaining <= 0) {
      throw new TimeoutException("no time left for the lookup");
    }
    int rpcTimeout = (int) Math.min(Integer.MAX_VALUE, remaining);
    List<GetRequest> gets = new ArrayList<>(rowKeys.size() * families.size());
    for (String key : rowKeys) {
      byte[] k = key.getBytes(StandardCharsets.UTF_8);
      for (Map.Entry<byte[], byte[][]> family : families.entrySet()) {
        GetRequest get = new GetRequest(table, k, family.getKey());
        if (family.getValue() != null) {
          get.qualifiers(family.getValue());
        }
        get.setTimeout(rpcTimeout);
        gets.add(get);
      }
    }
    List<GetResultOrException> results;
    try {
      results = client().get(gets).join(remaining);
    } catch (com.stumbleupon.async.TimeoutException e) {
      TimeoutException timeout =
          new TimeoutException("asynchbase did not answer within " + remaining + " ms");
      timeout.initCause(e);
      throw timeout;
    }
    Map<String, List<ColumnValue>> cells = new HashMap<>();
    for (GetResultOrException result : results) {
      if (result.getException() != null) {
        throw new IOException("an asynchbase get failed", result.getException());
      }
      for (KeyValue kv : result.getCells()) {
        cells
            .computeIfAbsent(new String(kv.key(), StandardCharsets.UTF_8), x -> new ArrayList<>())
            .add(
                new ColumnValue(
                    names.intern(new String(kv.family(), StandardCharsets.UTF_8)),
                    names.intern(new String(kv.qualifier(), StandardCharsets.UTF_8)),
                    new String(kv.value(), StandardCharsets.UTF_8)));
      }
    }
    Map<String, Row> rows = new HashMap<>();
    cells.forEach((key, list) -> rows.put(key, new Row(list)));
    return rows;
  }

  @Override
  public void connect() throws Exception {
    client().ensureTableExists(table).join(CONNECT_TIMEOUT_MILLIS);
  }

  private synchronized HBaseClient client() {
    if (client == null) {
      client = new HBaseClient(config);
    }
    return client;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      try {
        client.shutdown().joinUninterruptibly(5_000);
      } catch (Exception e) {
        // The client's threads are daemons; a shutdown that did not finish leaves nothing to do.
      }
      client = null;
    }
  }
}
