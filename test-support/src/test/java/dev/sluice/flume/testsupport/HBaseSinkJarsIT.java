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

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each of Flume 1.11's HBase sinks, with Flume's own simple serializer, runs in a real agent whose
 * only HBase jars are the ones {@link HBaseSinkJars} lists, and writes every event of a sequence
 * into a real HBase server exactly once, as HBase's own client reads back.
 */
class HBaseSinkJarsIT {
  private static final int EVENTS = 500;
  private static final Duration GENEROUS = Duration.ofMinutes(2);
  private static final byte[] FAMILY = bytes("d");
  private static final byte[] PAYLOAD = bytes("body");
  private static final String COUNTER_ROW = "~event-counter";

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void hbase2SinkWritesEveryEventWithTheHBase2Jars() throws IOException {
    List<Path> jars = HBaseSinkJars.hbase2Sink();
    assertEquals(
        List.of(
            "hbase-shaded-client-2.6.3-hadoop3.jar",
            "opentelemetry-api-1.49.0.jar",
            "opentelemetry-context-1.49.0.jar",
            "opentelemetry-semconv-1.29.0-alpha.jar"),
        names(jars));

    FlumeAgent agent =
        runAgent(
            "hbase2", "org.apache.flume.sink.hbase2.SimpleHBase2EventSerializer", jars, "events2");

    assertTrue(String.join(" ", agent.command()).contains("hbase-shaded-client-2.6.3"));
  }

  @Test
  void asyncHBaseSinkWritesEveryEventWithTheAsyncJars() throws IOException {
    List<Path> jars = HBaseSinkJars.asyncHBaseSink();
    assertEquals(List.of("hbase-shaded-client-1.7.1.jar"), names(jars));

    FlumeAgent agent =
        runAgent(
            "asynchbase",
            "org.apache.flume.sink.hbase.SimpleAsyncHbaseEventSerializer",
            jars,
            "events1");

    String command = String.join(" ", agent.command());
    assertTrue(command.contains("hbase-shaded-client-1.7.1"), command);
    assertFalse(command.contains("2.6.3"), "an HBase 2 jar is on the AsyncHBaseSink agent");
  }

  /**
   * Runs seq (0 to EVENTS - 1) through a memory channel into the sink, waits until the sink has
   * drained every event, and checks the table holds each number exactly once.
   */
  private FlumeAgent runAgent(String type, String serializer, List<Path> jars, String table)
      throws IOException {
    HBaseServer hbase = HBaseServer.builder().table(table, "d").start(children);
    Path plugin = children.workDir("plugin").resolve("hbase-client");
    Path libext = Files.createDirectories(plugin.resolve("libext"));
    for (Path jar : jars) {
      Files.createSymbolicLink(libext.resolve(jar.getFileName()), jar);
    }
    String config =
        String.join(
            "\n",
            "a1.sources = src",
            "a1.channels = ch",
            "a1.sinks = k1",
            "a1.sources.src.type = seq",
            "a1.sources.src.totalEvents = " + EVENTS,
            "a1.sources.src.batchSize = 50",
            "a1.sources.src.channels = ch",
            "a1.channels.ch.type = memory",
            "a1.channels.ch.capacity = 10000",
            "a1.channels.ch.transactionCapacity = 100",
            "a1.channels.ch.keep-alive = 0",
            "a1.sinks.k1.type = " + type,
            "a1.sinks.k1.channel = ch",
            "a1.sinks.k1.table = " + table,
            "a1.sinks.k1.columnFamily = d",
            "a1.sinks.k1.batchSize = 100",
            "a1.sinks.k1.zookeeperQuorum = "
                + hbase.zookeeperQuorum()
                + ":"
                + hbase.zookeeperPort(),
            "a1.sinks.k1.serializer = " + serializer,
            "a1.sinks.k1.serializer.payloadColumn = body",
            // The serializer also counts events in one row; the check below skips it.
            "a1.sinks.k1.serializer.incrementRow = " + COUNTER_ROW,
            "a1.sinks.k1.serializer.incrementColumn = count",
            "");
    FlumeAgent agent =
        children.start(
            FlumeAgent.builder("a1")
                .workDir(children.workDir("agent"))
                .config(config)
                .plugin(plugin)
                .build());
    agent.awaitStarted(GENEROUS);

    await()
        .atMost(GENEROUS)
        .until(() -> agent.counter("SINK.k1", "EventDrainSuccessCount") == EVENTS);

    List<String> bodies = new java.util.ArrayList<>();
    long counted = read(hbase, table, bodies);
    assertEquals(EVENTS, counted, "the serializer's increment column");
    SequenceReport report = SequenceChecker.expecting(0, EVENTS).addLines(bodies.stream()).report();
    assertTrue(report.isExactlyOnce(), report::toString);
    assertEquals(EVENTS, bodies.size());
    return agent;
  }

  /** Adds each event row's body to {@code bodies}; returns the counter row's count. */
  private static long read(HBaseServer hbase, String table, List<String> bodies)
      throws IOException {
    Configuration conf = HBaseConfiguration.create();
    hbase.clientProperties().forEach(conf::set);
    try (Connection connection = ConnectionFactory.createConnection(conf);
        Table t = connection.getTable(TableName.valueOf(table));
        ResultScanner scanner = t.getScanner(new Scan())) {
      long counted = -1;
      for (Result row : scanner) {
        if (COUNTER_ROW.equals(Bytes.toString(row.getRow()))) {
          counted = Bytes.toLong(row.getValue(FAMILY, bytes("count")));
          continue;
        }
        byte[] value = row.getValue(FAMILY, PAYLOAD);
        bodies.add(value == null ? "<row without body>" : Bytes.toString(value));
      }
      return counted;
    }
  }

  private static List<String> names(List<Path> jars) {
    return jars.stream().map(jar -> jar.getFileName().toString()).collect(Collectors.toList());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
