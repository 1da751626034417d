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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.RegionLocator;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The HBase 2 backend: one {@code Table.get(List<Get>)} per batch through the shaded client. The
 * call blocks its lookup thread; its operation timeout is set so that it gives up {@code
 * timeoutMillis} after the batch's deadline, so a thread whose call the source stopped waiting for
 * is soon free again, and a late answer still fills the cache. The connection is made on the first
 * lookup and again after it was aborted; the client finds moved or restarted region servers itself.
 */
final class HBase2RowLookup implements RowLookup {
  /** Client settings Sluice changes from HBase's defaults unless given as {@code hbase.*} keys. */
  static final Map<String, String> CLIENT_DEFAULTS =
      Map.of(
          "hbase.client.retries.number", "5",
          "hbase.client.pause", "100",
          "zookeeper.recovery.retry", "1");

  private static final byte[] CONNECT_PROBE_ROW = Bytes.toBytes("sluice-enrichment-connect-probe");

  private final Configuration conf;
  private final TableName table;
  private final ColumnSelection columns;
  private final long timeoutMillis;
  private final NameInterner names = new NameInterner();

  /** Runs the per-region-server calls of a multi-get; without it every Table makes its own pool. */
  private final ExecutorService batchPool;

  private Connection connection;

  private HBase2RowLookup(
      Configuration conf, TableName table, ColumnSelection columns, long timeoutMillis) {
    this.conf = conf;
    this.table = table;
    this.columns = columns;
    this.timeoutMillis = timeoutMillis;
    AtomicInteger n = new AtomicInteger();
    this.batchPool =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "enrichment-hbase2-batch-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  static RowLookup create(
      HBaseSettings settings, String table, ColumnSelection columns, long timeoutMillis) {
    Configuration conf = HBaseConfiguration.create();
    CLIENT_DEFAULTS.forEach(conf::set);
    long operationTimeout = Math.max(10_000, 4 * timeoutMillis);
    conf.setLong("hbase.client.operation.timeout", operationTimeout);
    conf.setLong("hbase.client.meta.operation.timeout", operationTimeout);
    conf.setLong("hbase.rpc.timeout", Math.max(5_000, 2 * timeoutMillis));
    settings.clientProperties().forEach(conf::set);
    if (settings.quorum() != null) {
      conf.set(HBaseSettings.QUORUM, settings.quorum());
    }
    conf.setInt(HBaseSettings.CLIENT_PORT, settings.clientPort());
    conf.set(HBaseSettings.ZNODE_PARENT, settings.znodeParent());
    return new HBase2RowLookup(conf, TableName.valueOf(table), columns, timeoutMillis);
  }

  @Override
  public Map<String, Row> getAll(Collection<String> rowKeys, long deadlineNanos)
      throws IOException {
    List<Get> gets = new ArrayList<>(rowKeys.size());
    for (String key : rowKeys) {
      Get get = new Get(Bytes.toBytes(key));
      for (Map.Entry<String, Set<String>> family : columns.byFamily().entrySet()) {
        byte[] f = Bytes.toBytes(family.getKey());
        if (family.getValue() == null) {
          get.addFamily(f);
        } else {
          for (String qualifier : family.getValue()) {
            get.addColumn(f, Bytes.toBytes(qualifier));
          }
        }
      }
      gets.add(get);
    }
    long remaining = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    int operationTimeout =
        (int) Math.max(1, Math.min(Integer.MAX_VALUE, remaining + timeoutMillis));
    Connection c = connection();
    Result[] results;
    try (Table t =
        c.getTableBuilder(table, batchPool)
            .setOperationTimeout(operationTimeout)
            .setReadRpcTimeout(operationTimeout)
            .build()) {
      results = t.get(gets);
    }
    Map<String, Row> rows = new HashMap<>();
    for (Result result : results) {
      if (result == null || result.isEmpty()) {
        continue;
      }
      List<ColumnValue> cells = new ArrayList<>();
      for (org.apache.hadoop.hbase.Cell cell : result.rawCells()) {
        cells.add(
            new ColumnValue(
                names.intern(Bytes.toString(CellUtil.cloneFamily(cell))),
                names.intern(Bytes.toString(CellUtil.cloneQualifier(cell))),
                Bytes.toString(CellUtil.cloneValue(cell))));
      }
      rows.put(Bytes.toString(result.getRow()), new Row(cells));
    }
    return rows;
  }

  @Override
  public void connect() throws IOException {
    Connection c = connection();
    try (RegionLocator locator = c.getRegionLocator(table)) {
      locator.getAllRegionLocations();
    }
    // One get of a row that need not exist takes the lookup path end to end (the RPC connection
    // to the region server, the classes a get loads), so that the first batch does not.
    try (Table t = c.getTableBuilder(table, batchPool).build()) {
      t.exists(new Get(CONNECT_PROBE_ROW));
    }
  }

  private synchronized Connection connection() throws IOException {
    if (connection == null || connection.isClosed() || connection.isAborted()) {
      if (connection != null) {
        closeQuietly(connection);
      }
      connection = ConnectionFactory.createConnection(conf);
    }
    return connection;
  }

  @Override
  public synchronized void close() {
    batchPool.shutdownNow();
    if (connection != null) {
      closeQuietly(connection);
      connection = null;
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (IOException e) {
      // Closing releases what it can; a failure here leaves nothing for us to do.
    }
  }
}
