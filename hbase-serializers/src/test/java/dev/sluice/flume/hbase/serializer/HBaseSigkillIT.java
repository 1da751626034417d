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

import static dev.sluice.flume.hbase.serializer.HBaseFlows.GENEROUS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.HBaseServer;
import dev.sluice.flume.testsupport.PluginAgent;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HBase itself is SIGKILLed while an HBase2Sink agent writes into it: the sink's transactions fail
 * and roll back while HBase is down (its {@code EventWriteFail} counter grows, the file channel
 * keeps the events), and once HBase is restarted on its data every order is there, once, with the
 * event's values and timestamp.
 */
class HBaseSigkillIT {
  private static final int TOTAL = 20_000;
  private static final String TABLE = "outage";

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopSender() {
    executor.shutdownNow();
  }

  @Test
  void hbase2SinkRollsBackWhileHBaseIsDownAndLosesNothing() throws Exception {
    HBaseServer hbase =
        HBaseServer.builder().table(TABLE, Orders.FAMILY, Orders.DEAD_LETTERS).start(children);
    int port = FreePorts.allocate();
    Path work = children.workDir("files");
    Map<String, String> keys = new HashMap<>(Orders.SPLIT_KEYS);
    keys.put("rowKey", "%{id}");
    keys.put("counterGroup", "outage");
    String config =
        HBaseFlows.lines("a1.sources = src", "a1.channels = ch", "a1.sinks = k1")
            + HBaseFlows.avroSource("src", port, "ch")
            + HBaseFlows.fileChannel("ch", work.resolve("channel"), TOTAL + 10_000)
            + HBaseFlows.sink(
                "k1",
                "ch",
                SinkBackend.HBASE2,
                hbase,
                TABLE,
                500,
                SinkBackend.HBASE2.splitting,
                keys);
    // The HBase 2 client retries for minutes by default; a few seconds make an outage show as
    // failed, rolled-back transactions instead of one put that waits for the restart.
    Map<String, String> client = new LinkedHashMap<>();
    client.put("hbase.client.retries.number", "3");
    client.put("hbase.client.pause", "200");
    client.put("hbase.rpc.timeout", "3000");
    client.put("hbase.client.operation.timeout", "8000");
    client.put("hbase.client.meta.operation.timeout", "8000");
    client.put("zookeeper.recovery.retry", "1");
    client.put("zookeeper.session.timeout", "6000");
    Path site = HBaseFlows.hbaseSiteJar(work.resolve("site"), client);
    PluginAgent agent = HBaseFlows.start(children, "agent", SinkBackend.HBASE2, config, site);

    AtomicLong acked = new AtomicLong();
    Future<Integer> sender =
        executor.submit(() -> HBaseFlows.sendAll(port, TOTAL, 500, Orders::split, acked));
    await("the sink wrote 5,000 events")
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> agent.counter("SINK.k1", "EventDrainSuccessCount") >= 5_000);
    hbase.kill();
    long drainedAtKill = agent.counter("SINK.k1", "EventDrainSuccessCount");
    long failsAtKill = agent.counter("SINK.k1", "EventWriteFail");

    await("transactions fail and roll back while HBase is down")
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> agent.counter("SINK.k1", "EventWriteFail") > failsAtKill);
    long drainedWhileDown = agent.counter("SINK.k1", "EventDrainSuccessCount");
    long failsWhileDown = agent.counter("SINK.k1", "EventWriteFail") - failsAtKill;
    long channelWhileDown = agent.counter("CHANNEL.ch", "ChannelSize");
    assertTrue(channelWhileDown > 0, "the channel keeps the events while HBase is down");

    hbase.restart();
    int senderFailures = sender.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
    assertEquals(0, senderFailures, "the agent took every batch");
    await("the sink drained the channel after the restart")
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> agent.counter("CHANNEL.ch", "ChannelSize") == 0);

    SequenceChecker ids = SequenceChecker.expecting(0, TOTAL);
    Map<String, List<String>> problems = new TreeMap<>();
    List<Result> rows;
    try (HBaseRows reader = new HBaseRows(hbase)) {
      rows = reader.scan(TABLE, "");
    }
    for (Result row : rows) {
      String key = Bytes.toString(row.getRow());
      long seq = Orders.seqOf(key);
      ids.add(seq);
      List<String> p = Orders.problems(row, seq);
      if (!p.isEmpty()) {
        problems.put(key, p);
      }
    }
    SequenceReport report = ids.report();
    System.out.printf(
        "HBase SIGKILL after %d drained; while down: %d failed (rolled back) transactions, %d"
            + " drained, %d events held in the channel; after restart: %s, %d rows, sink"
            + " EventWriteFail %d in all%n",
        drainedAtKill,
        failsWhileDown,
        drainedWhileDown,
        channelWhileDown,
        report,
        rows.size(),
        agent.counter("SINK.k1", "EventWriteFail"));
    assertTrue(report.isComplete(), report::toString);
    assertEquals(TOTAL, rows.size(), "one row per id");
    assertEquals(Map.of(), problems, "rows that differ from their events");
    agent.stop(GENEROUS);
  }
}
