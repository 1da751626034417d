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
package dev.sluice.flume.hbase.serializer;

import dev.sluice.flume.testsupport.HBaseServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The test's own HBase 2 client: reads back what an agent's sink wrote, independently of the
 * serializers. Open one per server lifetime (a new one after a restart).
 */
final class HBaseRows implements AutoCloseable {
  private final Connection connection;

  HBaseRows(HBaseServer hbase) throws IOException {
    Configuration conf = HBaseConfiguration.create();
    hbase.clientProperties().forEach(conf::set);
    conf.set("hbase.client.retries.number", "10");
    this.connection = ConnectionFactory.createConnection(conf);
  }

  /** Every row whose key starts with {@code prefix}, with all versions of every cell. */
  List<Result> scan(String table, String prefix) throws IOException {
    Scan scan = new Scan().readAllVersions().setCaching(1_000);
    if (!prefix.isEmpty()) {
      scan.setStartStopRowForPrefixScan(Bytes.toBytes(prefix));
    }
    List<Result> rows = new ArrayList<>();
    try (Table t = connection.getTable(TableName.valueOf(table));
        ResultScanner scanner = t.getScanner(scan)) {
      for (Result result : scanner) {
        rows.add(result);
      }
    }
    return rows;
  }

  /** How many rows start with {@code prefix}. */
  int count(String table, String prefix) throws IOException {
    return scan(table, prefix).size();
  }

  /**
   * Lets {@code family} keep up to {@code versions} versions, so that a replay writing a cell with
   * another timestamp would show as a second version instead of replacing the first.
   */
  void keepVersions(String table, String family, int versions) throws IOException {
    try (Admin admin = connection.getAdmin()) {
      TableName name = TableName.valueOf(table);
      admin.modifyColumnFamily(
          name,
          ColumnFamilyDescriptorBuilder.newBuilder(
                  admin.getDescriptor(name).getColumnFamily(Bytes.toBytes(family)))
              .setMaxVersions(versions)
              .build());
    }
  }

  int maxVersions(String table, String family) throws IOException {
    try (Admin admin = connection.getAdmin()) {
      return admin
          .getDescriptor(TableName.valueOf(table))
          .getColumnFamily(Bytes.toBytes(family))
          .getMaxVersions();
    }
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
