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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flume.Event;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both serializers on both sinks, end to end: a real agent (Avro sources, memory channels, the sink
 * from Flume's lib with its client jars in libext, this plugin from its tarball) writes a mixed
 * stream of good and bad events into a real HBase; the test's own HBase 2 client reads every row
 * back and decodes the typed columns with {@code Bytes}. One delimited stream is replicated to
 * three sinks with the three bad-event policies; a JSON stream goes to a fourth. Counters are read
 * over JMX, dead letters from HBase, log lines from the agent's log.
 */
class BadEventsEndToEndIT {
  private static final int GOOD_SPLIT = 250;
  private static final int GOOD_JSON = 100;

  @RegisterExtension
  static final ChildProcessesExtension children = ChildProcessesExtension.perClass();

  private static HBaseServer hbase;

  @BeforeAll
  static void startHBase() {
    HBaseServer.Builder builder = HBaseServer.builder();
    for (SinkBackend backend : SinkBackend.values()) {
      builder.table(table(backend), Orders.FAMILY, Orders.DEAD_LETTERS);
    }
    hbase = builder.start(children);
  }

  private static String table(SinkBackend backend) {
    return "e2e_" + backend.tag();
  }

  @ParameterizedTest
  @EnumSource(SinkBackend.class)
  void everyGoodEventIsARowAndEveryBadOneFollowsItsPolicy(SinkBackend backend) throws Exception {
    String t = backend.tag();
    String table = table(backend);
    int jsonPort = FreePorts.allocate();
    int splitPort = FreePorts.allocate();
    PluginAgent agent =
        HBaseFlows.start(children, "agent-" + t, backend, config(backend, jsonPort, splitPort));

    List<Event> splitStream = new ArrayList<>();
    Map<String, Event> splitBad = new LinkedHashMap<>();
    Map<String, String> noId = Orders.headers(900);
    noId.remove("id");
    splitBad.put("no-row-key", Orders.raw("900,1.5,3,x", noId));
    splitBad.put("too-few-fields", Orders.raw("901,1.5", Orders.headers(901)));
    splitBad.put("too-many-fields", Orders.raw("902,1.5,3,x,extra", Orders.headers(902)));
    splitBad.put("bad-value", Orders.raw("903,lots,3,x", Orders.headers(903)));
    List<Event> bad = new ArrayList<>(splitBad.values());
    for (int i = 0; i < 5; i++) {
      splitStream.addAll(Orders.range(50 * i, 50 * (i + 1), false));
      if (i < bad.size()) {
        splitStream.add(bad.get(i));
      }
    }
    Map<String, Event> jsonBad = new LinkedHashMap<>();
    jsonBad.put(
        "malformed-json", Orders.raw("{\"id\":\"ev-0000910\",\"seq\":910", Orders.headers(910)));
    jsonBad.put(
        "no-row-key",
        Orders.raw("{\"seq\":911,\"ts\":" + Orders.timestamp(911) + "}", Orders.headers(911)));
    jsonBad.put(
        "bad-value",
        Orders.raw(
            Orders.jsonBody(912).replace("\"qty\":2736", "\"qty\":\"lots\""), Orders.headers(912)));
    List<Event> jsonStream = new ArrayList<>(Orders.range(0, 50, true));
    jsonStream.addAll(jsonBad.values());
    jsonStream.addAll(Orders.range(50, GOOD_JSON, true));

    HBaseFlows.send(splitPort, splitStream);
    HBaseFlows.send(jsonPort, jsonStream);

    int splitTotal = splitStream.size();
    await("every sink took its stream; the fail sink failed its bad event twice")
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertEquals(0, agent.counter("CHANNEL.cj", "ChannelSize"));
              assertEquals(0, agent.counter("CHANNEL.cs", "ChannelSize"));
              assertEquals(0, agent.counter("CHANNEL.ck", "ChannelSize"));
              assertTrue(agent.counter("SERIALIZER." + t + "-fail", "EventsFailed") >= 2);
            });

    // Counters, read over JMX from the agent.
    Map<String, Long> json = counters(agent, t + "-json");
    assertEquals(GOOD_JSON + 3, json.get("EventsReceived"), json::toString);
    assertEquals(GOOD_JSON, json.get("EventsSerialized"), json::toString);
    assertEquals(3, json.get("BadEvents"), json::toString);
    assertEquals(1, json.get("BadEventsMalformedJson"), json::toString);
    assertEquals(1, json.get("BadEventsNoRowKey"), json::toString);
    assertEquals(1, json.get("BadEventsBadValue"), json::toString);
    assertEquals(3, json.get("EventsDeadLettered"), json::toString);
    assertEquals(0, json.get("EventsSkipped") + json.get("EventsFailed"), json::toString);

    for (String policy : List.of("split", "skip")) {
      Map<String, Long> c = counters(agent, t + "-" + policy);
      assertEquals(splitTotal, c.get("EventsReceived"), c::toString);
      assertEquals(GOOD_SPLIT, c.get("EventsSerialized"), c::toString);
      assertEquals(4, c.get("BadEvents"), c::toString);
      assertEquals(1, c.get("BadEventsNoRowKey"), c::toString);
      assertEquals(1, c.get("BadEventsTooFewFields"), c::toString);
      assertEquals(1, c.get("BadEventsTooManyFields"), c::toString);
      assertEquals(1, c.get("BadEventsBadValue"), c::toString);
      assertEquals(policy.equals("split") ? 4 : 0, c.get("EventsDeadLettered"), c::toString);
      assertEquals(policy.equals("skip") ? 4 : 0, c.get("EventsSkipped"), c::toString);
    }

    // fail: the first bad event (no row key) rolls its transaction back on every attempt and stays
    // in the channel with everything after it; the 50 good events before it are written.
    Map<String, Long> fail = counters(agent, t + "-fail");
    assertTrue(fail.get("EventsFailed") >= 2, fail::toString);
    assertEquals(fail.get("EventsFailed"), fail.get("BadEventsNoRowKey"), fail::toString);
    assertEquals(fail.get("EventsFailed"), fail.get("BadEvents"), fail::toString);
    assertEquals(50, fail.get("EventsSerialized"), fail::toString);
    assertEquals(0, fail.get("EventsDeadLettered") + fail.get("EventsSkipped"), fail::toString);
    assertEquals(splitTotal - 50, agent.counter("CHANNEL.cf", "ChannelSize"));
    assertTrue(agent.counter("SINK.kf", "EventWriteFail") >= 1 || backend == SinkBackend.ASYNC);

    // The same group in Flume's HTTP metrics JSON.
    String http = httpMetrics(agent);
    assertTrue(
        http.contains("\"SERIALIZER." + t + "-split\":{")
            && http.contains("\"EventsDeadLettered\":\"4\""),
        http);

    // Rows, read back by HBase's own client.
    try (HBaseRows rows = new HBaseRows(hbase)) {
      assertGoodRows(rows.scan(table, "j|"), "j|", GOOD_JSON);
      assertGoodRows(rows.scan(table, "s|"), "s|", GOOD_SPLIT);
      assertGoodRows(rows.scan(table, "k|"), "k|", GOOD_SPLIT);
      assertGoodRows(rows.scan(table, "f|"), "f|", 50);
      assertDeadLetters(rows.scan(table, "dls|"), "dls|", splitBad);
      assertDeadLetters(rows.scan(table, "dlj|"), "dlj|", jsonBad);
      assertEquals(
          GOOD_JSON + 2 * GOOD_SPLIT + 50 + splitBad.size() + jsonBad.size(),
          rows.count(table, ""),
          "skip writes nothing for a bad event, fail writes nothing past it");
    }

    // Log lines: one per bad event (badEventLogInterval = 0), naming reason and group.
    String log = agent.log();
    for (String reason : splitBad.keySet()) {
      assertTrue(
          log.contains(t + "-split: bad event (" + reason + "): "), "dead letter line: " + reason);
      assertTrue(log.contains(t + "-skip: bad event (" + reason + "): "), "skip line: " + reason);
    }
    for (String reason : jsonBad.keySet()) {
      assertTrue(log.contains(t + "-json: bad event (" + reason + "): "), "json line: " + reason);
    }
    assertTrue(log.contains("; written as a dead letter (0 more bad events"), "dead letter lines");
    assertTrue(log.contains("; skipped (0 more bad events"), "skip lines");
    assertTrue(
        log.matches(
            "(?s).*"
                + t
                + "-fail: bad event \\(no-row-key\\): [^\\n]* of the row key is absent;"
                + " badEventPolicy = fail, so the transaction rolls back.*"),
        "the sink logs the fail policy's exception");
    assertTrue(!log.contains("lots"), "bodies are not logged by default");
    System.out.printf(
        "%s: %s%n  fail sink: %d failed attempts, %d events held in its channel%n",
        backend, counters(agent, t + "-split"), fail.get("EventsFailed"), splitTotal - 50);
    agent.stop(GENEROUS);
  }

  private static void assertGoodRows(List<Result> rows, String prefix, int expected) {
    TreeSet<Long> seen = new TreeSet<>();
    Map<String, List<String>> problems = new TreeMap<>();
    for (Result row : rows) {
      String key = Bytes.toString(row.getRow());
      long seq = Orders.seqOf(key.substring(prefix.length()));
      seen.add(seq);
      List<String> p = Orders.problems(row, seq);
      if (!p.isEmpty()) {
        problems.put(key, p);
      }
    }
    assertEquals(Map.of(), problems, prefix + " rows that differ from their events");
    assertEquals(expected, rows.size(), prefix + " rows");
    assertEquals(expected, seen.size(), prefix + " distinct orders");
    assertEquals(0L, seen.first(), prefix + " first order");
    assertEquals(expected - 1L, seen.last(), prefix + " last order");
  }

  /**
   * Each bad event is one row in family {@code dlq} under the key docs/hbase-serializers.md defines
   * (computed here independently), holding its body, reason and headers.
   */
  private static void assertDeadLetters(
      List<Result> rows, String prefix, Map<String, Event> expected) throws Exception {
    byte[] dlq = Bytes.toBytes(Orders.DEAD_LETTERS);
    Map<String, Result> byKey = new HashMap<>();
    for (Result row : rows) {
      byKey.put(Bytes.toString(row.getRow()), row);
    }
    assertEquals(expected.size(), rows.size(), prefix + " dead letters: " + byKey.keySet());
    for (Map.Entry<String, Event> e : expected.entrySet()) {
      Event event = e.getValue();
      String key = prefix + deadLetterHash(event);
      Result row = byKey.get(key);
      assertTrue(
          row != null, "no dead letter " + key + " for " + e.getKey() + " in " + byKey.keySet());
      assertEquals(e.getKey(), Bytes.toString(row.getValue(dlq, Bytes.toBytes("reason"))));
      assertEquals(
          new String(event.getBody(), StandardCharsets.UTF_8),
          Bytes.toString(row.getValue(dlq, Bytes.toBytes("body"))));
      String detail = Bytes.toString(row.getValue(dlq, Bytes.toBytes("detail")));
      assertTrue(detail != null && !detail.isEmpty(), "detail of " + key);
      for (Map.Entry<String, String> h : event.getHeaders().entrySet()) {
        assertEquals(
            h.getValue(),
            Bytes.toString(row.getValue(dlq, Bytes.toBytes("header." + h.getKey()))),
            "header." + h.getKey() + " of " + key);
      }
    }
  }

  /** The first 16 bytes of SHA-256(headers in name order, 0x01, body), as the docs define it. */
  private static String deadLetterHash(Event event) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (Map.Entry<String, String> h : new TreeMap<>(event.getHeaders()).entrySet()) {
      sha.update(h.getKey().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(h.getValue().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    sha.update((byte) 1);
    byte[] digest = sha.digest(event.getBody());
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      hex.append(String.format("%02x", digest[i] & 0xff));
    }
    return hex.toString();
  }

  private static String httpMetrics(PluginAgent agent) {
    return agent.httpMetricsJson();
  }

  private static Map<String, Long> counters(PluginAgent agent, String group) {
    Map<String, String> raw = agent.metrics().get("SERIALIZER." + group);
    assertTrue(
        raw != null, "no counter group SERIALIZER." + group + " in " + agent.metrics().keySet());
    Map<String, Long> values = new TreeMap<>();
    raw.forEach(
        (k, v) -> {
          if (k.startsWith("Events") || k.startsWith("BadEvents") || k.startsWith("Cells")) {
            values.put(k, Long.parseLong(v));
          }
        });
    return values;
  }

  private static String config(SinkBackend b, int jsonPort, int splitPort) {
    String t = b.tag();
    String table = table(b);
    Map<String, String> json = new HashMap<>(Orders.JSON_KEYS);
    json.put("rowKey", "j|${/id}");
    json.put("counterGroup", t + "-json");
    json.put("deadLetterRowKeyPrefix", "dlj|");
    json.put("badEventLogInterval", "0");
    Map<String, String> split = new HashMap<>(Orders.SPLIT_KEYS);
    split.put("rowKey", "s|%{id}");
    split.put("counterGroup", t + "-split");
    split.put("deadLetterRowKeyPrefix", "dls|");
    split.put("badEventLogInterval", "0");
    Map<String, String> skip = new HashMap<>(Orders.SPLIT_KEYS);
    skip.put("rowKey", "k|%{id}");
    skip.put("counterGroup", t + "-skip");
    skip.put("badEventPolicy", "skip");
    skip.remove("deadLetterFamily");
    skip.put("badEventLogInterval", "0");
    Map<String, String> fail = new HashMap<>(Orders.SPLIT_KEYS);
    fail.put("rowKey", "f|%{id}");
    fail.put("counterGroup", t + "-fail");
    fail.put("badEventPolicy", "fail");
    fail.remove("deadLetterFamily");
    return HBaseFlows.lines(
            "a1.sources = rj rs",
            "a1.channels = cj cs ck cf",
            "a1.sinks = kj ks kk kf",
            "a1.sources.rs.selector.type = replicating")
        + HBaseFlows.avroSource("rj", jsonPort, "cj")
        + HBaseFlows.avroSource("rs", splitPort, "cs", "ck", "cf")
        + HBaseFlows.memoryChannel("cj")
        + HBaseFlows.memoryChannel("cs")
        + HBaseFlows.memoryChannel("ck")
        + HBaseFlows.memoryChannel("cf")
        + HBaseFlows.sink("kj", "cj", b, hbase, table, 100, b.json, json)
        + HBaseFlows.sink("ks", "cs", b, hbase, table, 100, b.splitting, split)
        + HBaseFlows.sink("kk", "ck", b, hbase, table, 100, b.splitting, skip)
        + HBaseFlows.sink("kf", "cf", b, hbase, table, 1, b.splitting, fail);
  }
}
