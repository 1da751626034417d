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

import static dev.sluice.flume.hbase.serializer.SinkDriver.event;
import static dev.sluice.flume.hbase.serializer.SinkDriver.keys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.flume.FlumeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad event under every policy, on both sinks. */
class BadEventsTest {
  /** A bad event of each reason, for a serializer kind and its keys. */
  static final class Case {
    final BadEventReason reason;
    final SinkDriver.Kind kind;
    final Map<String, String> keys;
    final Event event;

    Case(BadEventReason reason, SinkDriver.Kind kind, Map<String, String> keys, Event event) {
      this.reason = reason;
      this.kind = kind;
      this.keys = keys;
      this.event = event;
    }

    @Override
    public String toString() {
      return reason.label() + "/" + kind;
    }
  }

  private static final SinkDriver.Kind SPLIT = SinkDriver.Kind.SPLIT;
  private static final SinkDriver.Kind JSON = SinkDriver.Kind.JSON;

  static List<Case> cases() {
    Map<String, String> split = keys("columns", "a,b:long", "rowKey", "%{id}|${a}");
    Map<String, String> json = keys("columns", "b:/b:long", "rowKey", "%{id}|${/a}");
    return List.of(
        new Case(BadEventReason.NO_ROW_KEY, SPLIT, split, event("x,1", "timestamp", "1")),
        new Case(BadEventReason.NO_ROW_KEY, SPLIT, split, event(",1", "id", "i", "timestamp", "1")),
        new Case(
            BadEventReason.NO_ROW_KEY, JSON, json, event("{\"b\":1}", "id", "i", "timestamp", "1")),
        new Case(
            BadEventReason.TOO_FEW_FIELDS, SPLIT, split, event("x", "id", "i", "timestamp", "1")),
        new Case(
            BadEventReason.TOO_MANY_FIELDS,
            SPLIT,
            split,
            event("x,1,2", "id", "i", "timestamp", "1")),
        new Case(
            BadEventReason.BAD_QUOTING,
            SPLIT,
            keys("columns", "a,b", "rowKey", "${a}", "quoteChar", "\""),
            event("\"x,1", "timestamp", "1")),
        new Case(
            BadEventReason.BAD_VALUE, SPLIT, split, event("x,1.5", "id", "i", "timestamp", "1")),
        new Case(
            BadEventReason.BAD_VALUE,
            JSON,
            json,
            event("{\"a\":\"x\",\"b\":true}", "id", "i", "timestamp", "1")),
        new Case(
            BadEventReason.MALFORMED_JSON,
            JSON,
            json,
            event("{\"a\":", "id", "i", "timestamp", "1")),
        new Case(
            BadEventReason.MALFORMED_JSON, JSON, json, event("{} {}", "id", "i", "timestamp", "1")),
        new Case(BadEventReason.MALFORMED_JSON, JSON, json, event("", "id", "i", "timestamp", "1")),
        new Case(BadEventReason.NO_TIMESTAMP, SPLIT, split, event("x,1", "id", "i")),
        new Case(
            BadEventReason.BAD_TIMESTAMP,
            SPLIT,
            split,
            event("x,1", "id", "i", "timestamp", "yesterday")),
        new Case(
            BadEventReason.BAD_TIMESTAMP,
            JSON,
            keys(
                "columns",
                "b:/b",
                "rowKey",
                "${/b}",
                "timestampFrom",
                "field",
                "timestampField",
                "/t"),
            event("{\"b\":1,\"t\":-5}")));
  }

  static List<Arguments> casesOnBothSinks() {
    List<Arguments> out = new ArrayList<>();
    for (Case c : cases()) {
      out.add(Arguments.of(c, SinkDriver.hbase2(c.kind)));
      out.add(Arguments.of(c, SinkDriver.async(c.kind)));
    }
    return out;
  }

  private static Map<String, String> with(Map<String, String> keys, String... more) {
    Map<String, String> m = new java.util.LinkedHashMap<>(keys);
    m.putAll(keys(more));
    return m;
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("casesOnBothSinks")
  void skipWritesNothingAndCountsTheReason(Case c, SinkDriver d) {
    d.configure(with(c.keys, "badEventPolicy", "skip"));
    d.serialize(c.event);
    assertTrue(d.cells.isEmpty(), "no cells");
    assertTrue(d.increments.isEmpty(), "no increments");
    assertEquals(1, d.counter(SerializerCounters.BAD_EVENTS));
    assertEquals(1, d.counter(c.reason.counter()));
    assertEquals(1, d.counter(SerializerCounters.EVENTS_SKIPPED));
    assertEquals(0, d.counter(SerializerCounters.EVENTS_SERIALIZED));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("casesOnBothSinks")
  void deadLetterWritesTheRawEventAndReasonUnderAKeyFromTheEventAlone(Case c, SinkDriver d) {
    d.configure(with(c.keys, "badEventPolicy", "deadLetter", "deadLetterFamily", "dl"));
    d.serialize(c.event);
    String row = d.row();
    assertTrue(row.matches("deadletter\\|[0-9a-f]{32}"), row);
    assertEquals("dl", d.cell("body").family);
    assertEquals(
        new String(c.event.getBody(), java.nio.charset.StandardCharsets.UTF_8),
        d.cell("body").text());
    assertEquals(c.reason.label(), d.cell("reason").text());
    assertFalse(d.cell("detail").text().isEmpty());
    for (Map.Entry<String, String> h : c.event.getHeaders().entrySet()) {
      assertEquals(h.getValue(), d.cell("header." + h.getKey()).text());
    }
    assertEquals(1, d.counter(c.reason.counter()));
    assertEquals(1, d.counter(SerializerCounters.EVENTS_DEAD_LETTERED));

    d.clock.addAndGet(1000);
    d.serialize(c.event);
    assertEquals(row, d.row(), "a replay writes the same dead-letter row");
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("casesOnBothSinks")
  void failThrowsSoTheSinkRollsBackAndNamesTheReasonButNotTheBody(Case c, SinkDriver d) {
    d.configure(with(c.keys, "badEventPolicy", "fail"));
    FlumeException e = assertThrows(FlumeException.class, () -> d.serialize(c.event));
    assertTrue(e.getMessage().contains("(" + c.reason.label() + ")"), e.getMessage());
    assertEquals(1, d.counter(SerializerCounters.EVENTS_FAILED));
    assertEquals(1, d.counter(c.reason.counter()));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("casesOnBothSinks")
  void theDefaultPolicyIsDeadLetterIntoTheSinksFamily(Case c, SinkDriver d) {
    d.configure(c.keys);
    d.serialize(c.event);
    assertEquals("cf", d.cell("reason").family);
    assertEquals(1, d.counter(SerializerCounters.EVENTS_DEAD_LETTERED));
  }

  @org.junit.jupiter.api.Test
  void messagesCarryTheBodyOnlyWhenAskedTo() {
    Map<String, String> keys =
        keys("columns", "a,b:long", "rowKey", "${a}", "badEventPolicy", "fail");
    Event secret = event("card-4111111111111111,12x34", "timestamp", "1");
    SinkDriver quiet = SinkDriver.hbase2(SPLIT);
    quiet.configure(keys);
    String m = assertThrows(FlumeException.class, () -> quiet.serialize(secret)).getMessage();
    assertFalse(m.contains("4111111111111111") || m.contains("12x34"), m);
    assertTrue(m.contains("field 2 ('b') is not a long"), m);

    SinkDriver loud = SinkDriver.async(SPLIT);
    loud.configure(with(keys, "logBadEventBody", "true"));
    m = assertThrows(FlumeException.class, () -> loud.serialize(secret)).getMessage();
    assertTrue(m.contains("[body: card-4111111111111111,12x34]"), m);
  }
}
