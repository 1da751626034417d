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
package dev.sluice.flume.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
  private enum Mode {
    FAIL,
    DEAD_LETTER
  }

  private static ConfigReader reader(Map<String, String> values) {
    return ConfigReader.forSink("k1", "test-sink", new Context(values));
  }

  @Test
  void readsTypedValuesAndDefaults() {
    ConfigReader r =
        reader(
            Map.of(
                "batchSize", " 500 ",
                "sync", "TRUE",
                "mode", "dead-letter",
                "idle", "30s",
                "ratio", "0.25"));
    assertEquals(500, r.intInRange("batchSize", 100, 1, 10_000));
    assertTrue(r.bool("sync", false));
    assertEquals(Mode.DEAD_LETTER, r.enumValue("mode", Mode.FAIL, Mode.class));
    assertEquals(30_000L, r.durationMillis("idle", 0, 0, Long.MAX_VALUE));
    assertEquals(0.25, r.doubleInRange("ratio", 1, 0, 1));
    assertEquals(7, r.positiveInt("absent", 7));
    assertEquals("d", r.string("absent2", "d"));
    r.finish();
  }

  @Test
  void recordsEachDefaultAsAUserWouldWriteIt() {
    ConfigReader r = reader(Map.of("batchSize", "5"));
    r.intInRange("batchSize", 100, 1, 10_000);
    r.bool("sync", true);
    r.enumValue("mode", Mode.DEAD_LETTER, Mode.class);
    r.durationMillis("idle", 2_000, 0, Long.MAX_VALUE);
    r.durationSecondsAsMillis("roll", 30_000, 0, Long.MAX_VALUE);
    r.durationSecondsAsMillis("odd", 1_500, 0, Long.MAX_VALUE);
    r.string("header", "topic");
    r.optionalString("optional");
    r.requiredString("required", "needed");
    assertEquals(
        Map.of(
            "batchSize", "100",
            "sync", "true",
            "mode", "dead-letter",
            "idle", "2000",
            "roll", "30",
            "odd", "1500ms",
            "header", "topic"),
        r.defaults());
  }

  @Test
  void plainDurationIsMilliseconds() {
    ConfigReader r = reader(Map.of("a", "250", "b", "250ms", "c", "2m", "d", "1h", "e", "1d"));
    assertEquals(250, r.durationMillis("a", 0, 0, Long.MAX_VALUE));
    assertEquals(250, r.durationMillis("b", 0, 0, Long.MAX_VALUE));
    assertEquals(TimeUnit.MINUTES.toMillis(2), r.durationMillis("c", 0, 0, Long.MAX_VALUE));
    assertEquals(TimeUnit.HOURS.toMillis(1), r.durationMillis("d", 0, 0, Long.MAX_VALUE));
    assertEquals(TimeUnit.DAYS.toMillis(1), r.durationMillis("e", 0, 0, Long.MAX_VALUE));
  }

  @Test
  void collectsEveryProblemAndNamesComponentKeyValueAndAllowed() {
    ConfigReader r =
        reader(
            Map.of(
                "batchSize", "lots",
                "maxOpenFiles", "0",
                "sync", "yes",
                "mode", "drop",
                "idle", "5 parsecs",
                "pattern", "(unclosed"));
    r.intInRange("batchSize", 100, 1, 10_000);
    r.positiveInt("maxOpenFiles", 10);
    r.bool("sync", false);
    r.enumValue("mode", Mode.FAIL, Mode.class);
    r.durationMillis("idle", 0, 0, Long.MAX_VALUE);
    r.regex("pattern");
    r.requiredString("directory", "the base directory");

    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, r::finish);
    assertEquals(7, e.problems().size());
    String m = e.getMessage();
    assertTrue(m.startsWith("Invalid configuration for sink 'k1' (test-sink):"), m);
    assertTrue(m.contains("batchSize = 'lots': must be an integer from 1 to 10000"), m);
    assertTrue(m.contains("maxOpenFiles = '0': must be an integer of at least 1"), m);
    assertTrue(m.contains("sync = 'yes': must be true or false"), m);
    assertTrue(m.contains("mode = 'drop': must be one of fail, dead-letter"), m);
    assertTrue(m.contains("idle = '5 parsecs': must be a duration"), m);
    assertTrue(m.contains("pattern = '(unclosed': must be a Java regular expression"), m);
    assertTrue(m.contains("directory is missing: required (the base directory)"), m);
  }

  @Test
  void oneOfReturnsCanonicalSpelling() {
    ConfigReader r = reader(Map.of("protocol", "PICKLE", "other", "tcp4"));
    assertEquals("pickle", r.oneOf("protocol", "tcp", "tcp", "udp", "pickle"));
    assertEquals("tcp", r.oneOf("other", "tcp", "tcp", "udp", "pickle"));
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, r::finish);
    assertTrue(e.getMessage().contains("other = 'tcp4': must be one of tcp, udp, pickle"));
  }

  @Test
  void indexedListAcceptsSingleKey() {
    ConfigReader r = reader(Map.of("uri", "tcp://a:1/amps/json"));
    assertEquals(List.of("tcp://a:1/amps/json"), r.indexedList("uri", true, "servers"));
    r.finish();
  }

  @Test
  void indexedListReadsNumberedKeysInOrder() {
    ConfigReader r =
        reader(Map.of("uri2", "tcp://b:2/amps/json", "uri1", "tcp://a:1/amps/json", "uri10x", "?"));
    assertEquals(
        List.of("tcp://a:1/amps/json", "tcp://b:2/amps/json"), r.indexedList("uri", true, "x"));
    assertTrue(r.problems().isEmpty());
  }

  @Test
  void indexedListRefusesGaps() {
    ConfigReader r = reader(Map.of("uri1", "a", "uri3", "c"));
    assertEquals(List.of(), r.indexedList("uri", true, "servers"));
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, r::finish);
    assertTrue(e.getMessage().contains("uri2 is missing"), e.getMessage());
    assertTrue(e.getMessage().contains("uri3 is set and uri2 is not"), e.getMessage());
  }

  @Test
  void indexedListRefusesBothForms() {
    ConfigReader r = reader(Map.of("uri", "a", "uri1", "b"));
    r.indexedList("uri", true, "servers");
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, r::finish);
    assertTrue(e.getMessage().contains("give either uri or uri1..uriN, not both"));
  }

  @Test
  void indexedListMissingWhenRequired() {
    ConfigReader r = reader(Map.of());
    r.indexedList("uri", true, "the AMPS servers");
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, r::finish);
    assertTrue(e.getMessage().contains("uri is missing: required as uri or uri1..uriN"));
  }

  @Test
  void unknownKeyIsAWarningByDefault() {
    ConfigReader r = reader(Map.of("type", "x", "channel", "c1", "batchSzie", "10"));
    r.intInRange("batchSize", 100, 1, 1000);
    assertEquals(List.of("batchSzie"), List.copyOf(r.unknownKeys()));
    r.finish();
  }

  @Test
  void unknownKeyIsAnErrorWithSuggestionUnderStrictConfig() {
    ConfigReader r = reader(Map.of("strictConfig", "true", "batchSzie", "10", "zzz", "1"));
    r.intInRange("batchSize", 100, 1, 1000);
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, r::finish);
    assertTrue(
        e.getMessage()
            .contains("batchSzie = '10': not a key of this component; did you mean 'batchSize'?"),
        e.getMessage());
    assertTrue(e.getMessage().contains("zzz = '1': not a key of this component"), e.getMessage());
    assertFalse(e.getMessage().contains("zzz = '1': not a key of this component; did"));
  }

  @Test
  void prefixesAndFlumeKeysAreKnown() {
    ConfigReader r =
        reader(
            Map.of(
                "strictConfig", "true",
                "type", "t",
                "channels", "c1",
                "selector.type", "replicating",
                "interceptors", "i1",
                "interceptors.i1.type", "timestamp",
                "serializer.appendNewline", "false"));
    assertEquals(Map.of("appendNewline", "false"), r.subProperties("serializer."));
    r.finish();
  }

  @Test
  void emptyValueCountsAsAbsent() {
    ConfigReader r = reader(Map.of("bookmarkLog", ""));
    assertNull(r.optionalString("bookmarkLog"));
    r.finish();
  }

  @Test
  void crossKeyProblemsAreReportedWithTheRest() {
    ConfigReader r = reader(Map.of("maxBatch", "5000"));
    int maxBatch = r.positiveInt("maxBatch", 1000);
    if (maxBatch > 1000) {
      r.problem("maxBatch", r.raw("maxBatch"), "must not exceed the channel's transactionCapacity");
    }
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, r::finish);
    assertTrue(e.getMessage().contains("maxBatch = '5000': must not exceed"));
  }

  @Test
  void suggesterFindsTranspositionsAndCaseSlips() {
    List<String> known = List.of("batchSize", "maxOpenFiles", "idleTimeout");
    assertEquals("batchSize", KeySuggester.suggest("batchsize", known));
    assertEquals("idleTimeout", KeySuggester.suggest("idleTiemout", known));
    assertNull(KeySuggester.suggest("completelyDifferent", known));
  }

  @Test
  void secondsDurationReadsPlainNumbersAsSeconds() {
    ConfigReader r = reader(Map.of("rollInterval", "30", "idleTimeout", "500ms", "bad", "-1"));
    assertEquals(30_000, r.durationSecondsAsMillis("rollInterval", 0, 0, Long.MAX_VALUE));
    assertEquals(500, r.durationSecondsAsMillis("idleTimeout", 0, 0, Long.MAX_VALUE));
    assertEquals(7, r.durationSecondsAsMillis("absent", 7, 0, Long.MAX_VALUE));
    r.durationSecondsAsMillis("bad", 0, 0, Long.MAX_VALUE);
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, r::finish);
    assertTrue(e.getMessage().contains("bad = '-1': must be a duration of at least 0"));
    assertTrue(e.getMessage().contains("a plain number is seconds"));
  }

  @Test
  void readKeysListsWhatTheComponentReadForDocsChecks() {
    ConfigReader r = reader(Map.of("type", "x"));
    r.positiveInt("batchSize", 1);
    r.indexedList("uri", false, "servers");
    r.subProperties("serializer.");
    r.knownKeys("channel");
    assertEquals(java.util.Set.of("batchSize", "uri", "uri*", "serializer.*"), r.readKeys());
  }

  @Test
  void secretsNeverReachProblemMessages() {
    ConfigReader r =
        reader(
            Map.of(
                "strictConfig", "true",
                "urri1", "tcp://flume:s3cret@amps:9007/amps/json",
                "maxBatch", "x",
                "sslPassword", "hunter2"));
    r.positiveInt("maxBatch", 1);
    r.intInRange("sslPassword", 0, 0, 1);
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, r::finish);
    String m = e.getMessage();
    assertFalse(m.contains("s3cret"), m);
    assertFalse(m.contains("hunter2"), m);
    assertTrue(m.contains("urri1 = 'tcp://flume:***@amps:9007/amps/json'"), m);
    assertTrue(m.contains("sslPassword = '***'"), m);
  }
}
