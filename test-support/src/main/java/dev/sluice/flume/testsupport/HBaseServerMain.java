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
package dev.sluice.flume.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.MiniHBaseCluster;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.zookeeper.MiniZooKeeperCluster;

/**
 * The child JVM of {@link HBaseServer}: a ZooKeeper server, one HBase master and one region server
 * in this process, on the local file system under the data directory, on fixed loopback ports.
 *
 * <p>Restartable on purpose. ZooKeeper's data, the HBase root directory and the write-ahead logs
 * all live under the data directory and are reused by the next start, and the ports stay the same:
 * after a SIGKILL the restarted master sees the old region server's WAL directory, expires that
 * server (its address is the new one's, so it does not wait for the old ZooKeeper session to time
 * out) and replays its WAL before the regions open again.
 *
 * <p>Acknowledged puts survive a SIGKILL: the region server's WAL ({@code
 * hbase.wal.provider=filesystem}, HBase's classic FSHLog, since the async WAL needs HDFS) is synced
 * before a put returns, and the sync reaches the operating system. The file system is Hadoop's
 * {@link RawLocalFileSystem}, whose output stream passes {@code hflush()} through its buffer to the
 * file and {@code hsync()} on to {@code fsync}. (HBaseServerIT also passed with the default
 * checksummed {@code LocalFileSystem}, whose streams only offer {@code flush()}; the raw one makes
 * the sync explicit and writes no {@code .crc} side files.) A crash of the machine itself may still
 * lose what the page cache held, as {@code hflush} does not fsync; that is not what tests simulate.
 *
 * <p>Ready when every requested table exists and answers a read, and a probe table takes a put and
 * returns it; then it prints {@value #READY} to stdout. Any exception in {@link #main} halts the
 * JVM with status 1 rather than leaving ZooKeeper's and HBase's non-daemon threads running a
 * half-started server. SIGTERM shuts the cluster down in order (regions flushed and closed) through
 * a shutdown hook.
 */
final class HBaseServerMain {
  static final String READY = "SLUICE-HBASE-SERVER-READY";
  static final String PROBE_TABLE = "sluice_probe";
  private static final byte[] PROBE_FAMILY = bytes("p");
  private static final byte[] PROBE_ROW = bytes("probe");

  private HBaseServerMain() {}

  public static void main(String[] args) {
    try {
      run(HBaseServerArgs.parse(args));
    } catch (Throwable e) {
      System.err.println("HBaseServerMain failed; halting with status 1");
      e.printStackTrace();
      System.err.flush();
      Runtime.getRuntime().halt(1);
    }
  }

  private static void run(HBaseServerArgs args) throws Exception {
    long startNanos = System.nanoTime();
    Configuration conf = configuration(args);

    MiniZooKeeperCluster zookeeper = new MiniZooKeeperCluster(conf);
    // A port in the list must be used as given: without it a busy port is silently replaced.
    zookeeper.addClientPort(args.zookeeperPort);
    int zookeeperPort = zookeeper.startup(directory(args.dataDir.resolve("zookeeper")).toFile());
    if (zookeeperPort != args.zookeeperPort) {
      throw new IllegalStateException(
          "ZooKeeper listens on " + zookeeperPort + ", not on " + args.zookeeperPort);
    }
    MiniHBaseCluster cluster = new MiniHBaseCluster(conf, 1, 1);
    Connection connection = ConnectionFactory.createConnection(conf);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> shutDown(connection, cluster, zookeeper), "hbase-server-shutdown"));

    try (Admin admin = connection.getAdmin()) {
      for (Map.Entry<String, List<String>> table : args.tables.entrySet()) {
        createIfMissing(admin, table.getKey(), table.getValue());
      }
      createIfMissing(admin, PROBE_TABLE, List.of("p"));
    }
    for (String table : args.tables.keySet()) {
      try (Table t = connection.getTable(TableName.valueOf(table))) {
        t.get(new Get(PROBE_ROW)); // waits until the table's region is open (WAL replayed)
      }
    }
    probe(connection);
    System.out.printf(
        "%s zookeeper=127.0.0.1:%d master=%d regionserver=%d tables=%s startup=%dms%n",
        READY,
        zookeeperPort,
        args.masterPort,
        args.regionServerPort,
        args.tables.keySet(),
        (System.nanoTime() - startNanos) / 1_000_000);
    System.out.flush();
    new CountDownLatch(1).await(); // runs until SIGTERM, SIGKILL or the parent's death
  }

  static Configuration configuration(HBaseServerArgs args) throws IOException {
    Path dir = args.dataDir;
    Configuration conf = HBaseConfiguration.create();
    conf.set("fs.defaultFS", "file:///");
    conf.set("fs.file.impl", RawLocalFileSystem.class.getName());
    conf.set("hbase.rootdir", directory(dir.resolve("hbase")).toUri().toString());
    conf.set("hbase.tmp.dir", directory(dir.resolve("tmp")).toString());
    conf.set("hadoop.tmp.dir", directory(dir.resolve("tmp").resolve("hadoop")).toString());
    // The local file system has no hflush/hsync capability that HBase can verify.
    conf.setBoolean("hbase.unsafe.stream.capability.enforce", false);
    // The async WAL writes to HDFS only; the classic one writes through the FileSystem API.
    conf.set("hbase.wal.provider", "filesystem");
    conf.set("hbase.zookeeper.quorum", "127.0.0.1");
    conf.setInt("hbase.zookeeper.property.clientPort", args.zookeeperPort);
    conf.setBoolean("hbase.localcluster.assign.random.ports", false);
    conf.setInt("hbase.master.port", args.masterPort);
    conf.setInt("hbase.regionserver.port", args.regionServerPort);
    conf.set("hbase.master.ipc.address", "127.0.0.1");
    conf.set("hbase.regionserver.ipc.address", "127.0.0.1");
    conf.setInt("hbase.master.info.port", -1);
    conf.setInt("hbase.regionserver.info.port", -1);
    conf.setBoolean("hbase.master.infoserver.redirect", false);
    // Small heap: modest caches, and no 30 s wait for a second region server.
    conf.setFloat("hfile.block.cache.size", 0.1f);
    conf.setInt("hbase.master.wait.on.regionservers.mintostart", 1);
    conf.setInt("hbase.master.wait.on.regionservers.maxtostart", 1);
    conf.setInt("hbase.master.wait.on.regionservers.timeout", 1_000);
    return conf;
  }

  private static void createIfMissing(Admin admin, String name, List<String> families)
      throws IOException {
    TableName table = TableName.valueOf(name);
    String namespace = table.getNamespaceAsString();
    if (!namespace.equals(NamespaceDescriptor.DEFAULT_NAMESPACE_NAME_STR)
        && List.of(admin.listNamespaces()).stream().noneMatch(namespace::equals)) {
      admin.createNamespace(NamespaceDescriptor.create(namespace).build());
    }
    if (admin.tableExists(table)) {
      return;
    }
    TableDescriptorBuilder descriptor = TableDescriptorBuilder.newBuilder(table);
    for (String family : families) {
      descriptor.setColumnFamily(ColumnFamilyDescriptorBuilder.of(family));
    }
    admin.createTable(descriptor.build());
  }

  private static void probe(Connection connection) throws IOException {
    try (Table table = connection.getTable(TableName.valueOf(PROBE_TABLE))) {
      byte[] value = bytes(Long.toString(System.currentTimeMillis()));
      table.put(new Put(PROBE_ROW).addColumn(PROBE_FAMILY, PROBE_FAMILY, value));
      byte[] read = table.get(new Get(PROBE_ROW)).getValue(PROBE_FAMILY, PROBE_FAMILY);
      if (!java.util.Arrays.equals(value, read)) {
        throw new IllegalStateException("the probe table returned a different value than put");
      }
    }
  }

  private static void shutDown(
      Connection connection, MiniHBaseCluster cluster, MiniZooKeeperCluster zookeeper) {
    try {
      connection.close();
      cluster.shutdown();
      cluster.waitUntilShutDown();
      zookeeper.shutdown();
      System.out.println("HBaseServerMain: shut down");
    } catch (IOException | RuntimeException e) {
      System.err.println("HBaseServerMain: shutdown failed");
      e.printStackTrace();
    }
    System.out.flush();
  }

  private static Path directory(Path dir) throws IOException {
    return Files.createDirectories(dir).toAbsolutePath();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
