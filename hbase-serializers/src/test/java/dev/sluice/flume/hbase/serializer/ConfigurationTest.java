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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.common.config.ConfigProblem;
import dev.sluice.flume.common.config.InvalidConfigurationException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flume.Context;
import org.apache.flume.FlumeException;
import org.junit.jupiter.api.Test;

/**
 * configure() reports every problem at once, naming the serializer, key, value and what is allowed.
 */
class ConfigurationTest {
  private static InvalidConfigurationException splitFails(Map<String, String> keys) {
    return assertThrows(
        InvalidConfigurationException.class,
        () -> new SplittingHBase2Serializer().configure(new Context(keys)));
  }

  private static InvalidConfigurationException jsonFails(Map<String, String> keys) {
    return assertThrows(
        InvalidConfigurationException.class,
        () -> new JsonAsyncHBaseSerializer().configure(new Context(keys)));
  }

  private static Set<String> keysOf(InvalidConfigurationException e) {
    Set<String> keys = new TreeSet<>();
    for (ConfigProblem p : e.problems()) {
      keys.add(p.key());
    }
    return keys;
  }

  @Test
  void reportsSeveralBadKeysInOneMessageNamingTheSerializer() {
    InvalidConfigurationException e =
        splitFails(
            keys(
                "counterGroup", "orders",
                "columns", "a:integer,b",
                "rowKey", "%{x",
                "rowKeySalt", "5000",
                "timestampFrom", "event",
                "badEventPolicy", "drop",
                "quoteChar", "''",
                "logBadEventBody", "yes"));
    assertEquals(
        new TreeSet<>(
            Set.of(
                "columns",
                "rowKey",
                "rowKeySalt",
                "timestampFrom",
                "badEventPolicy",
                "quoteChar",
                "logBadEventBody")),
        keysOf(e));
    String m = e.getMessage();
    assertTrue(m.startsWith("Invalid configuration for serializer 'orders' (hbase-split):"), m);
    assertTrue(m.contains("rowKeySalt = '5000': must be an integer from 0 to 1000"), m);
    assertTrue(m.contains("badEventPolicy = 'drop': must be one of skip, deadLetter, fail"), m);
    assertTrue(
        m.contains("timestampFrom = 'event': must be one of header, field, wallClock, none"), m);
    assertTrue(
        m.contains("type 'integer' is not one of string, long, int, double, boolean, bytes"), m);
    assertTrue(m.contains("'%{' at position 0 is not closed"), m);
  }

  @Test
  void unknownKeysGetADidYouMeanAndFailUnderStrictConfig() {
    InvalidConfigurationException e =
        jsonFails(
            keys(
                "columns", "a:/a",
                "rowKey", "${/a}",
                "rowkeySalt", "4",
                "badEventPolicyy", "skip",
                "strictConfig", "true"));
    String m = e.getMessage();
    assertTrue(
        m.contains("rowkeySalt = '4': not a key of this component; did you mean 'rowKeySalt'?"), m);
    assertTrue(m.contains("did you mean 'badEventPolicy'?"), m);
  }

  @Test
  void unknownKeysAreOnlyWarnedAboutWithoutStrictConfig() {
    JsonAsyncHBaseSerializer s = new JsonAsyncHBaseSerializer();
    s.configure(new Context(keys("columns", "a:/a", "rowKey", "${/a}", "colums", "x")));
    s.cleanUp();
  }

  @Test
  void checksTemplatesAgainstTheColumnsAndTheTimestampSource() {
    Set<String> problems = new TreeSet<>();
    for (ConfigProblem p :
        splitFails(
                keys(
                    "columns", "a,b",
                    "rowKey", "${c}|%[hour]",
                    "incrementRowKey", "fixed",
                    "timestampFrom", "none",
                    "timestampHeader", "ts"))
            .problems()) {
      problems.add(p.key() + ": " + p.allowed());
    }
    assertTrue(problems.contains("rowKey: ${c}: not a name in columns"), problems::toString);
    assertTrue(
        problems.contains("rowKey: '%[hour]' is not one of %[ts], %[reversedTs]"),
        problems::toString);
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith("incrementRowKey: has no %{header}")),
        problems::toString);
    assertTrue(
        problems.contains("timestampHeader: is used only with timestampFrom = header"),
        problems::toString);

    InvalidConfigurationException ts =
        splitFails(keys("columns", "a", "rowKey", "${a}%[ts]", "timestampFrom", "none"));
    assertTrue(ts.getMessage().contains("uses %[ts] or %[reversedTs]"), ts.getMessage());
  }

  @Test
  void requiresWhatHasNoDefault() {
    assertEquals(Set.of("columns", "rowKey"), keysOf(splitFails(keys())));
    assertEquals(Set.of("columns", "rowKey"), keysOf(jsonFails(keys())));
    assertEquals(
        Set.of("timestampField"),
        keysOf(jsonFails(keys("allFields", "true", "rowKey", "${/a}", "timestampFrom", "field"))));
  }

  @Test
  void refusesKeysThatWouldBeIgnoredWithTheChosenOptions() {
    assertEquals(
        Set.of("deadLetterFamily", "incrementColumn", "timestampField"),
        keysOf(
            jsonFails(
                keys(
                    "allFields", "true",
                    "rowKey", "${/a}",
                    "badEventPolicy", "skip",
                    "deadLetterFamily", "dl",
                    "incrementColumn", "n",
                    "timestampField", "/t"))));
  }

  @Test
  void refusesBadColumnListsAndPointers() {
    InvalidConfigurationException e =
        jsonFails(
            keys(
                "columns", "a:order/price, b:/x:doubel, q:/y, q:/w, :/z, c",
                "rowKey", "${/a}",
                "headerColumns", "h:cf, h2:cf:q:float"));
    String m = e.getMessage();
    assertTrue(m.contains("'order/price' is not a JSON Pointer"), m);
    assertTrue(m.contains("type 'doubel' is not one of"), m);
    assertTrue(m.contains("column 'q' is named twice"), m);
    assertTrue(m.contains("entry ':/z' is not qualifier:pointer"), m);
    assertTrue(m.contains("entry 'h:cf' is not header:family:qualifier"), m);
    assertTrue(m.contains("type 'float' is not one of"), m);

    InvalidConfigurationException s =
        splitFails(
            keys("columns", "a,,a", "rowKey", "${a}", "delimiter", "x*", "delimiterRegex", "true"));
    assertTrue(s.getMessage().contains("has no column name"), s.getMessage());
    assertTrue(s.getMessage().contains("column 'a' is named twice"), s.getMessage());
    assertTrue(
        s.getMessage().contains("delimiter = 'x*': must not match the empty string"),
        s.getMessage());
  }

  @Test
  void counterGroupMustBeAnMBeanNameAndDefaultsToAStableHashOfTheKeys() {
    InvalidConfigurationException e =
        splitFails(keys("columns", "a", "rowKey", "${a}", "counterGroup", "my group"));
    assertTrue(e.getMessage().contains("counterGroup = 'my group'"), e.getMessage());

    Context c = new Context(keys("columns", "a", "rowKey", "${a}"));
    String name = SerializerSettings.counterGroupName("hbase-split", c);
    assertTrue(name.matches("hbase-split-[0-9a-f]{8}"), name);
    assertEquals(
        name,
        SerializerSettings.counterGroupName(
            "hbase-split", new Context(keys("rowKey", "${a}", "columns", "a"))));
    assertFalse(
        name.equals(
            SerializerSettings.counterGroupName(
                "hbase-split", new Context(keys("columns", "b", "rowKey", "${a}")))));
  }

  @Test
  void aMinimalConfigurationGetsTheDocumentedDefaults() {
    SplittingSerializerConfig c =
        SplittingSerializerConfig.parse(new Context(keys("columns", "a", "rowKey", "${a}")));
    SerializerSettings s = c.settings;
    assertEquals(TimestampSource.HEADER, s.timestampFrom);
    assertEquals("timestamp", s.timestampHeader);
    assertEquals(BadEventPolicy.DEAD_LETTER, s.badEventPolicy);
    assertNull(s.deadLetterFamily);
    assertEquals("deadletter|", s.deadLetterRowKeyPrefix);
    assertNull(s.incrementRowKey);
    assertEquals(60_000, s.badEventLogIntervalMillis);
    assertFalse(s.logBadEventBody);
  }

  @Test
  void aBadConfigurationLeavesAPreviouslyGoodOneInPlace() {
    SplittingHBase2Serializer s = new SplittingHBase2Serializer();
    s.configure(new Context(keys("columns", "a", "rowKey", "${a}", "timestampFrom", "none")));
    assertThrows(FlumeException.class, () -> s.configure(new Context(keys())));
    s.initialize(event("k"), SinkDriver.FAMILY);
    assertEquals(1, s.getActions().size());
    s.close();
  }
}
