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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.apache.flume.Event;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real agent (Avro source, file channel, an HBase sink with this module's serializer) is
 * SIGKILLed twice while it writes a stream of orders with unique ids into a real HBase, each time
 * when the sink's JMX counter says it has drained a given number of events, and restarted. The file
 * channel gives back every event whose transaction did not commit, so batches the sink had already
 * written are written again. Afterwards HBase holds exactly one row per id, and each cell has
 * exactly one version, at the event's timestamp, with the event's value, although the family keeps
 * up to five versions: the replays rewrote identical cells instead of adding any.
 */
class AgentSigkillIT {
  private static final int VERSIONS = 5;
  private static final int SALT = 16;

  @RegisterExtension
  static final ChildProcessesExtension children = ChildProcessesExtension.perClass();

  private static HBaseServer hbase;
  private static final ExecutorService executor = Executors.newSingleThreadExecutor();

  @BeforeAll
  static void startHBase() throws Exception {
    HBaseServer.Builder builder = HBaseServer.builder();
    for (SinkBackend backend : SinkBackend.values()) {
      builder.table(table(backend), Orders.FAMILY, Orders.DEAD_LETTERS);
    }
    hbase = builder.start(children);
    try (HBaseRows rows = new HBaseRows(hbase)) {
      for (SinkBackend backend : SinkBackend.values()) {
        rows.keepVersions(table(backend), Orders.FAMILY, VERSIONS);
      }
    }
  }

  @AfterAll
  static void stopSender() {
    executor.shutdownNow();
  }

  private static String table(SinkBackend backend) {
    return "crash_" + backend.tag();
  }

  /** HBase2Sink with the splitting serializer: 100,000 orders, killed at 30,000 drained twice. */
  @Test
  void hbase2SinkWritesEveryOrderOnceAfterTwoSigkills() throws Exception {
    Map<String, String> keys = new HashMap<>(Orders.SPLIT_KEYS);
    keys.put("rowKey", "%{id}");
    keys.put("counterGroup", "crash-h2");
    survivesTwoSigkills(SinkBackend.HBASE2, 100_000, 30_000, keys, Orders::split, "");
  }

  /**
   * AsyncHBaseSink with the JSON serializer and salted keys: 20,000 orders, killed at 6,000 drained
   * twice.
   */
  @Test
  void asyncHBaseSinkWritesEveryOrderOnceAfterTwoSigkills() throws Exception {
    Map<String, String> keys = new HashMap<>(Orders.JSON_KEYS);
    keys.put("rowKey", "${/id}");
    keys.put("rowKeySalt", Integer.toString(SALT));
    keys.put("counterGroup", "crash-as");
    survivesTwoSigkills(SinkBackend.ASYNC, 20_000, 6_000, keys, Orders::json, "salted");
  }

  private void survivesTwoSigkills(
      SinkBackend backend,
      int total,
      long killAtDrained,
      Map<String, String> serializerKeys,
      LongFunction<Event> event,
      String salted)
      throws Exception {
    int port = FreePorts.allocate();
    Path channelDir = children.workDir("channel-" + backend.tag());
    String serializer = salted.isEmpty() ? backend.splitting : backend.json;
    String group = "SERIALIZER." + serializerKeys.get("counterGroup");
    String config =
        HBaseFlows.lines("a1.sources = src", "a1.channels = ch", "a1.sinks = k1")
            + HBaseFlows.avroSource("src", port, "ch")
            + HBaseFlows.fileChannel("ch", channelDir, total + 10_000)
            + HBaseFlows.sink(
                "k1", "ch", backend, hbase, table(backend), 1_000, serializer, serializerKeys);
    PluginAgent agent = HBaseFlows.start(children, "agent-" + backend.tag(), backend, config);

    AtomicLong acked = new AtomicLong();
    Future<Integer> sender =
        executor.submit(() -> HBaseFlows.sendAll(port, total, 1_000, event, acked));

    long serializedBeforeKills = 0;
    for (int kill = 1; kill <= 2; kill++) {
      AtomicLong serialized = new AtomicLong();
      AtomicLong drained = new AtomicLong();
      // Kill mid-batch: the serializer has been handed events the sink has not committed yet
      // (read in this order, so that the in-flight events were not committed before the read).
      await("the sink drained " + killAtDrained + " events and is mid-batch before kill " + kill)
          .atMost(GENEROUS)
          .pollInterval(Duration.ofMillis(20))
          .ignoreExceptions()
          .until(
              () -> {
                serialized.set(agent.counter(group, "EventsReceived"));
                drained.set(agent.counter("SINK.k1", "EventDrainSuccessCount"));
                return drained.get() >= killAtDrained && serialized.get() > drained.get();
              });
      agent.kill();
      serializedBeforeKills += serialized.get();
      System.out.printf(
          "%s kill %d: %d drained, at least %d serialized, %d acknowledged by the source%n",
          backend, kill, drained.get(), serialized.get(), acked.get());
      agent.restart();
      agent.awaitStarted(GENEROUS);
    }
    int senderFailures = sender.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
    await("the restarted agent drained its channel")
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> agent.counter("CHANNEL.ch", "ChannelSize") == 0);
    long serializedLastLife = agent.counter(group, "EventsReceived");

    SequenceChecker ids = SequenceChecker.expecting(0, total);
    Map<String, List<String>> problems = new TreeMap<>();
    int maxVersions;
    List<Result> rows;
    try (HBaseRows reader = new HBaseRows(hbase)) {
      maxVersions = reader.maxVersions(table(backend), Orders.FAMILY);
      rows = reader.scan(table(backend), "");
    }
    for (Result row : rows) {
      String key = Bytes.toString(row.getRow());
      String id = key;
      if (!salted.isEmpty()) {
        id = key.substring(2);
        if (!key.startsWith(Orders.salt(id, SALT))) {
          problems.put(key, List.of("salt is not " + Orders.salt(id, SALT)));
        }
      }
      long seq = Orders.seqOf(id);
      ids.add(seq);
      List<String> p = Orders.problems(row, seq);
      if (!p.isEmpty()) {
        problems.put(key, p);
      }
    }
    SequenceReport report = ids.report();
    long serializedTotal = serializedBeforeKills + serializedLastLife;
    System.out.printf(
        "%s after 2 SIGKILLs: %s; %d rows; cells with >1 version or a foreign timestamp: %d;"
            + " events serialized over 3 lives >= %d (>= %d replayed); sender resent %d"
            + " batch(es)%n",
        backend,
        report,
        rows.size(),
        problems.size(),
        serializedTotal,
        serializedTotal - total,
        senderFailures);
    assertEquals(VERSIONS, maxVersions, "the family keeps several versions");
    assertTrue(report.isExactlyOnce(), report::toString);
    assertEquals(total, rows.size(), "one row per id");
    assertEquals(Map.of(), problems, "rows that differ from their events");
    assertTrue(
        serializedTotal > total,
        "the kills cut batches in flight, so some events were serialized and written again: "
            + serializedTotal);
    agent.stop(GENEROUS);
  }
}
