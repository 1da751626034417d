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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptor;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real HBase mini-cluster in a child JVM, checked with HBase's own client. */
class HBaseServerIT {
  private static final byte[] D = bytes("d");
  private static final byte[] Q = bytes("q");

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void createsTheRequestedTablesAndServesPutsAndGets() throws IOException {
    HBaseServer hbase = HBaseServer.builder().table("orders", "d", "dlq").start(children);

    try (Connection connection = connect(hbase);
        Admin admin = connection.getAdmin();
        Table orders = connection.getTable(TableName.valueOf("orders"))) {
      List<String> families =
          List.of(admin.getDescriptor(TableName.valueOf("orders")).getColumnFamilies()).stream()
              .map(ColumnFamilyDescriptor::getNameAsString)
              .sorted()
              .collect(java.util.stream.Collectors.toList());
      assertEquals(List.of("d", "dlq"), families);

      orders.put(new Put(bytes("row-1")).addColumn(D, Q, bytes("value-1")));
      Result row = orders.get(new Get(bytes("row-1")));
      assertEquals("value-1", string(row.getValue(D, Q)));
    }
    assertEquals("127.0.0.1", hbase.zookeeperQuorum());
    assertEquals(
        Map.of(
            "hbase.zookeeper.quorum", "127.0.0.1",
            "hbase.zookeeper.property.clientPort", Integer.toString(hbase.zookeeperPort()),
            "zookeeper.znode.parent", "/hbase"),
        hbase.clientProperties());
  }

  @Test
  void acknowledgedPutsSurviveSigkillAndTheRestartedServerIsOnTheSameZooKeeperPort()
      throws IOException {
    HBaseServer hbase = HBaseServer.builder().table("orders", "d").start(children);
    int zookeeperPort = hbase.zookeeperPort();
    long firstPid = hbase.pid();
    int rows = 300;

    try (Connection connection = connect(hbase);
        Table orders = connection.getTable(TableName.valueOf("orders"))) {
      for (int i = 0; i < rows; i++) {
        // One put per call: each has returned, so each was acknowledged before the kill.
        orders.put(new Put(bytes(String.format("row-%05d", i))).addColumn(D, Q, bytes("v" + i)));
      }
      hbase.kill(); // straight after the last acknowledgement: nothing was flushed to HFiles

      assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false));
      assertFalse(accepts(zookeeperPort), "ZooKeeper's port still accepts after SIGKILL");
      hbase.restart();

      assertEquals(zookeeperPort, hbase.zookeeperPort());
      assertTrue(accepts(zookeeperPort), "ZooKeeper is not back on port " + zookeeperPort);
      // The connection made before the kill knows only the quorum; it finds the new server.
      assertEquals(rows, count(orders));
      assertEquals("v299", string(orders.get(new Get(bytes("row-00299"))).getValue(D, Q)));
    }
    try (Connection fresh = connect(hbase);
        Table orders = fresh.getTable(TableName.valueOf("orders"))) {
      assertEquals(rows, count(orders));
    }
    String log = Files.readString(hbase.logFile(), StandardCharsets.UTF_8);
    assertTrue(log.contains("start #2 of hbase"), "the log shows no second start");
  }

  @Test
  void stopShutsDownGracefullyLeavesNoProcessAndKeepsTheData() throws IOException {
    HBaseServer hbase = HBaseServer.builder().table("orders", "d").start(children);
    try (Connection connection = connect(hbase);
        Table orders = connection.getTable(TableName.valueOf("orders"))) {
      orders.put(new Put(bytes("kept")).addColumn(D, Q, bytes("yes")));
    }
    long pid = hbase.pid();
    List<ProcessHandle> descendants =
        ProcessHandle.of(pid)
            .orElseThrow()
            .descendants()
            .collect(java.util.stream.Collectors.toList());

    assertEquals(143, hbase.stop(), "exit status after SIGTERM and the shutdown hook");

    assertFalse(hbase.isAlive());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertTrue(descendants.stream().noneMatch(ProcessHandle::isAlive), descendants::toString);
    assertFalse(accepts(hbase.zookeeperPort()));
    assertFalse(accepts(hbase.masterPort()));
    assertFalse(accepts(hbase.regionServerPort()));
    String log = Files.readString(hbase.logFile(), StandardCharsets.UTF_8);
    assertTrue(log.contains("HBaseServerMain: shut down"), "no orderly shutdown in the log");

    hbase.start();
    try (Connection connection = connect(hbase);
        Table orders = connection.getTable(TableName.valueOf("orders"))) {
      assertEquals("yes", string(orders.get(new Get(bytes("kept"))).getValue(D, Q)));
    }
  }

  @Test
  void theChildExitsWithStatusOneWhenItCannotStart() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int[] ports = FreePorts.allocate(2);
      java.nio.file.Path dir = children.workDir("hbase");
      HBaseServerArgs args =
          new HBaseServerArgs(
              dir.resolve("data"), taken.getLocalPort(), ports[0], ports[1], Map.of());
      ServerProcess process =
          children.track(
              ServerProcess.jvm("hbase", HBaseServer.MAIN_CLASS)
                  .classpath(HBaseServer.serverClasspath())
                  .args(args.toArgs().toArray(new String[0]))
                  .workDir(dir)
                  .readiness(ReadinessProbe.logLine(HBaseServerMain.READY), Duration.ofSeconds(90))
                  .build());

      IllegalStateException failure = assertThrows(IllegalStateException.class, process::start);

      assertTrue(failure.getMessage().contains("exited with code 1"), failure.getMessage());
    }
  }

  private static Connection connect(HBaseServer hbase) throws IOException {
    Configuration conf = HBaseConfiguration.create();
    hbase.clientProperties().forEach(conf::set);
    return ConnectionFactory.createConnection(conf);
  }

  private static int count(Table table) throws IOException {
    int rows = 0;
    try (ResultScanner scanner = table.getScanner(new Scan())) {
      for (Result ignored : scanner) {
        rows++;
      }
    }
    return rows;
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String string(byte[] value) {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }
}
