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
package dev.sluice.flume.benchmarks.hbase;

import dev.sluice.flume.testsupport.HBaseServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
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
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.filter.FirstKeyOnlyFilter;

/**
 * What the HBase benchmarks share: a work directory under {@code benchmarks/target}, the real HBase
 * 2.6.3 server of test-support in its own JVM, this JVM's HBase 2 client (to create, count and drop
 * tables), and cleanup of every process started.
 */
final class HBaseBenchEnvironment implements AutoCloseable {
  private final Path work;
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private HBaseServer hbase;
  private Connection connection;

  private HBaseBenchEnvironment(Path work) {
    this.work = work;
  }

  static HBaseBenchEnvironment create(String name) throws IOException {
    Path target = Files.createDirectories(Paths.get("benchmarks", "target").toAbsolutePath());
    return new HBaseBenchEnvironment(Files.createTempDirectory(target, name + "-bench"));
  }

  Path work() {
    return work;
  }

  /** Starts the HBase mini-cluster in its own JVM and connects this JVM's client to it. */
  HBaseServer startHBase() throws IOException {
    hbase =
        HBaseServer.builder()
            .workDir(work.resolve("hbase"))
            .readinessTimeout(Duration.ofMinutes(5))
            .build();
    hbase.start();
    cleanup.add(0, hbase::kill);
    Configuration conf = HBaseConfiguration.create();
    hbase.clientProperties().forEach(conf::set);
    connection = ConnectionFactory.createConnection(conf);
    cleanup.add(0, connection);
    return hbase;
  }

  HBaseServer hbase() {
    return hbase;
  }

  Connection connection() {
    return connection;
  }

  /** The sinks' and interceptors' {@code zookeeperQuorum}: {@code 127.0.0.1:<port>}. */
  String zookeeperQuorum() {
    return hbase.zookeeperQuorum() + ":" + hbase.zookeeperPort();
  }

  void createTable(String name, String... families) throws IOException {
    TableDescriptorBuilder table = TableDescriptorBuilder.newBuilder(TableName.valueOf(name));
    for (String family : families) {
      table.setColumnFamily(ColumnFamilyDescriptorBuilder.of(family));
    }
    try (Admin admin = connection.getAdmin()) {
      admin.createTable(table.build());
    }
  }

  void dropTable(String name) throws IOException {
    try (Admin admin = connection.getAdmin()) {
      TableName table = TableName.valueOf(name);
      if (admin.tableExists(table)) {
        admin.disableTable(table);
        admin.deleteTable(table);
      }
    }
  }

  /** Rows and cells of a table, read back by a full scan. */
  long[] rowsAndCells(String name) throws IOException {
    long rows = 0;
    long cells = 0;
    try (Table table = connection.getTable(TableName.valueOf(name));
        ResultScanner scanner = table.getScanner(new Scan().setCaching(5000))) {
      for (Result r : scanner) {
        rows++;
        cells += r.size();
      }
    }
    return new long[] {rows, cells};
  }

  /** Rows of a table, counted by a scan that returns one cell per row. */
  long rows(String name) throws IOException {
    long rows = 0;
    try (Table table = connection.getTable(TableName.valueOf(name));
        ResultScanner scanner =
            table.getScanner(new Scan().setFilter(new FirstKeyOnlyFilter()).setCaching(5000))) {
      for (Result ignored : scanner) {
        rows++;
      }
    }
    return rows;
  }

  /** Closes this with the environment (an agent, a client). */
  void onClose(AutoCloseable c) {
    cleanup.add(0, c);
  }

  @Override
  public void close() {
    for (AutoCloseable c : cleanup) {
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("cleanup: " + e);
      }
    }
  }
}
