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

import dev.sluice.flume.testsupport.HBaseServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Writes the rows the interceptor looks up, with HBase's own client from the test JVM, and flushes
 * them to store files so that they survive a SIGKILL of the server.
 */
final class ReferenceTable {
  private ReferenceTable() {}

  /** Writes {@code rows}: row key to {@code family:qualifier} to value. */
  static void write(HBaseServer server, String table, Map<String, Map<String, String>> rows)
      throws Exception {
    Configuration conf = HBaseConfiguration.create();
    server.clientProperties().forEach(conf::set);
    try (Connection connection = ConnectionFactory.createConnection(conf);
        Table t = connection.getTable(TableName.valueOf(table));
        Admin admin = connection.getAdmin()) {
      List<Put> puts = new ArrayList<>();
      for (Map.Entry<String, Map<String, String>> row : rows.entrySet()) {
        Put put = new Put(Bytes.toBytes(row.getKey()));
        for (Map.Entry<String, String> cell : row.getValue().entrySet()) {
          String[] column = cell.getKey().split(":", 2);
          put.addColumn(
              Bytes.toBytes(column[0]), Bytes.toBytes(column[1]), Bytes.toBytes(cell.getValue()));
        }
        puts.add(put);
      }
      t.put(puts);
      admin.flush(TableName.valueOf(table));
    }
  }
}
