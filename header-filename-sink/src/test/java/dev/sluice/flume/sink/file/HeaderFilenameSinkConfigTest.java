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
package dev.sluice.flume.sink.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.common.config.ConfigProblem;
import dev.sluice.flume.common.config.InvalidConfigurationException;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

class HeaderFilenameSinkConfigTest {
  private static HeaderFilenameSinkConfig parse(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return HeaderFilenameSinkConfig.parse("k1", new Context(m));
  }

  private static List<String> problemKeys(String... keyValues) {
    InvalidConfigurationException e =
        assertThrows(InvalidConfigurationException.class, () -> parse(keyValues));
    return e.problems().stream().map(ConfigProblem::key).collect(Collectors.toList());
  }

  @Test
  void defaultsMatchTheDocumentation() {
    HeaderFilenameSinkConfig c = parse("sink.directory", "/data/logs");
    assertEquals(Paths.get("/data/logs"), c.directory);
    assertEquals("file", c.header);
    assertNull(c.pathTemplate);
    assertEquals("TEXT", c.serializerType);
    assertEquals(Compression.NONE, c.compression);
    assertEquals("", c.fileSuffix);
    assertEquals(100, c.batchSize);
    assertEquals(30_000, c.rollIntervalMillis);
    assertEquals(0, c.rollSize);
    assertEquals(0, c.rollCount);
    assertEquals(60_000, c.idleTimeoutMillis);
    assertEquals(5000, c.maxOpenFiles);
    assertEquals("", c.inUsePrefix);
    assertEquals(".tmp", c.inUseSuffix);
    assertEquals(false, c.sync);
    assertEquals(RefusedEventPolicy.DEFAULT_FILE, c.refusedEventPolicy);
    assertEquals("refused.log", c.defaultFile);
    assertNull(c.deadLetterDirectory);
    assertEquals(1024, c.maxPathLength);
    assertEquals(RecordFraming.NEWLINE, c.recordFraming);
  }

  @Test
  void reportsEveryProblemAtOnce() {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () ->
                parse(
                    "sink.batchSize", "0",
                    "sink.maxOpenFiles", "lots",
                    "sink.rollInterval", "soon",
                    "sink.sync", "ture",
                    "sink.refusedEventPolicy", "drop"));
    assertEquals(
        List.of(
            "sink.directory",
            "sink.batchSize",
            "sink.rollInterval",
            "sink.maxOpenFiles",
            "sink.sync",
            "sink.refusedEventPolicy"),
        e.problems().stream().map(ConfigProblem::key).collect(Collectors.toList()));
    assertTrue(e.getMessage().contains("sink 'k1' (header-filename-sink)"), e.getMessage());
    assertTrue(e.getMessage().contains("default-file, dead-letter, fail"), e.getMessage());
  }

  @Test
  void rollIntervalAndIdleTimeoutAreSecondsLikeFlumesFileSinks() {
    HeaderFilenameSinkConfig c =
        parse("sink.directory", "/d", "sink.rollInterval", "900", "sink.idleTimeout", "0");
    assertEquals(900_000, c.rollIntervalMillis);
    assertEquals(0, c.idleTimeoutMillis);
    c = parse("sink.directory", "/d", "sink.rollInterval", "15m", "sink.idleTimeout", "500ms");
    assertEquals(900_000, c.rollIntervalMillis);
    assertEquals(500, c.idleTimeoutMillis);
    assertEquals(
        List.of("sink.idleTimeout"), problemKeys("sink.directory", "/d", "sink.idleTimeout", "-1"));
  }

  @Test
  void refusesARelativeDirectory() {
    assertEquals(List.of("sink.directory"), problemKeys("sink.directory", "logs"));
  }

  @Test
  void refusesHeaderAndTemplateTogether() {
    assertEquals(
        List.of("sink.header"),
        problemKeys("sink.directory", "/d", "sink.header", "f", "sink.pathTemplate", "%{f}"));
  }

  @Test
  void refusesTemplateKeysWithoutATemplate() {
    assertEquals(
        List.of("sink.useLocalTimeStamp", "sink.round"),
        problemKeys(
            "sink.directory", "/d", "sink.useLocalTimeStamp", "true", "sink.round", "true"));
  }

  @Test
  void refusesUnknownAndAbsoluteTemplates() {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> parse("sink.directory", "/d", "sink.pathTemplate", "/%{a}/%Q/%[host]/50%"));
    String m = e.getMessage();
    assertTrue(m.contains("unknown escape %Q"), m);
    assertTrue(m.contains("unknown escape %[host]"), m);
    assertTrue(m.contains("a % that starts no escape"), m);
    assertTrue(m.contains("not start with /"), m);
  }

  @Test
  void readsATemplateWithItsHeadersAndTime() {
    HeaderFilenameSinkConfig c =
        parse(
            "sink.directory", "/d",
            "sink.pathTemplate", "%{service}/%Y%m%d/%{host}-%%.log",
            "sink.timeZone", "UTC");
    assertNull(c.header);
    assertEquals(List.of("service", "host"), c.pathTemplate.headers());
    assertTrue(c.pathTemplate.usesTime());
  }

  @Test
  void refusesBadTimeZoneAndRoundValue() {
    assertEquals(
        List.of("sink.timeZone", "sink.roundValue"),
        problemKeys(
            "sink.directory", "/d",
            "sink.pathTemplate", "%H/%{f}",
            "sink.timeZone", "Mars/Olympus",
            "sink.roundUnit", "hour",
            "sink.roundValue", "25"));
  }

  @Test
  void deadLetterPolicyNeedsItsDirectoryAndOnlyIt() {
    assertEquals(
        List.of("sink.deadLetterDirectory"),
        problemKeys("sink.directory", "/d", "sink.refusedEventPolicy", "dead-letter"));
    assertEquals(
        List.of("sink.deadLetterDirectory"),
        problemKeys("sink.directory", "/d", "sink.deadLetterDirectory", "/dead"));
    assertEquals(
        List.of("sink.deadLetterDirectory"),
        problemKeys(
            "sink.directory", "/d",
            "sink.refusedEventPolicy", "dead-letter",
            "sink.deadLetterDirectory", "/d/"));
  }

  @Test
  void refusesAnUnsafeDefaultFile() {
    assertEquals(
        List.of("sink.defaultFile"),
        problemKeys("sink.directory", "/d", "sink.defaultFile", "../x"));
  }

  @Test
  void noneMeansNoAffixSinceFlumeDropsEmptyValues() {
    HeaderFilenameSinkConfig c =
        parse(
            "sink.directory",
            "/d",
            "sink.inUsePrefix",
            ".",
            "sink.inUseSuffix",
            "none",
            "sink.fileSuffix",
            "NONE");
    assertEquals(".", c.inUsePrefix);
    assertEquals("", c.inUseSuffix);
    assertEquals("", c.fileSuffix);
    assertEquals(".a.log", c.naming().inUseName("a.log"));
    // none also takes away the .gz that gzip would add
    assertEquals(
        "",
        parse("sink.directory", "/d", "sink.codeC", "gzip", "sink.fileSuffix", "none").fileSuffix);
    assertEquals("", parse("sink.directory", "/d", "sink.inUsePrefix", "none").inUsePrefix);
  }

  @Test
  void needsAnInUsePrefixOrSuffix() {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> parse("sink.directory", "/d", "sink.inUseSuffix", "none"));
    assertEquals(1, e.problems().size(), e::getMessage);
    ConfigProblem p = e.problems().get(0);
    assertEquals("sink.inUseSuffix", p.key());
    assertTrue(e.getMessage().contains("sink 'k1'"), e::getMessage);
    assertTrue(e.getMessage().contains("sink.inUseSuffix = 'none'"), e::getMessage);
    assertTrue(
        e.getMessage()
            .contains("a suffix such as .tmp, or none only together with an sink.inUsePrefix"),
        e::getMessage);
    assertEquals(
        List.of("sink.inUseSuffix"),
        problemKeys(
            "sink.directory", "/d", "sink.inUsePrefix", "none", "sink.inUseSuffix", "none"));
    assertEquals(
        List.of("sink.inUsePrefix"),
        problemKeys("sink.directory", "/d", "sink.inUsePrefix", "a/b"));
  }

  @Test
  void refusesAnEmptyAffixAndSaysToWriteNone() {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> parse("sink.directory", "/d", "sink.inUsePrefix", ".", "sink.fileSuffix", ""));
    assertEquals(
        List.of("sink.fileSuffix"),
        e.problems().stream().map(ConfigProblem::key).collect(Collectors.toList()));
    assertTrue(e.getMessage().contains("write none"), e::getMessage);
    assertEquals(
        List.of("sink.inUseSuffix"), problemKeys("sink.directory", "/d", "sink.inUseSuffix", ""));
  }

  @Test
  void gzipAddsTheGzSuffixUnlessOneIsGiven() {
    assertEquals(".gz", parse("sink.directory", "/d", "sink.codeC", "gzip").fileSuffix);
    assertEquals(
        ".log.gz",
        parse("sink.directory", "/d", "sink.codeC", "GZIP", "sink.fileSuffix", ".log.gz")
            .fileSuffix);
  }

  @Test
  void refusesASerializerThatCannotBeBuilt() {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> parse("sink.directory", "/d", "sink.serializer", "com.example.Missing"));
    assertEquals("sink.serializer", e.problems().get(0).key());
  }

  @Test
  void picksRecordFramingFromTheSerializer() {
    assertEquals(
        RecordFraming.AVRO,
        parse("sink.directory", "/d", "sink.serializer", "avro_event").recordFraming);
    assertEquals(
        RecordFraming.NEWLINE,
        parse("sink.directory", "/d", "sink.serializer", "header_and_text").recordFraming);
    assertEquals(
        RecordFraming.NONE,
        parse("sink.directory", "/d", "sink.serializer.appendNewline", "false").recordFraming);
    assertEquals(
        RecordFraming.NEWLINE,
        parse(
                "sink.directory", "/d",
                "sink.serializer", BodyOnlyBuilder.class.getName(),
                "sink.recordFraming", "newline")
            .recordFraming);
    assertEquals(
        RecordFraming.NONE,
        parse("sink.directory", "/d", "sink.serializer", BodyOnlyBuilder.class.getName())
            .recordFraming);
  }

  @Test
  void unknownKeysAreErrorsUnderStrictConfigWithASuggestion() {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> parse("sink.directory", "/d", "sink.rolInterval", "5", "strictConfig", "true"));
    assertTrue(e.getMessage().contains("did you mean 'sink.rollInterval'?"), e.getMessage());
  }

  /** A custom serializer, as a user would plug in by class name: bodies, one per line. */
  public static final class BodyOnlyBuilder
      implements org.apache.flume.serialization.EventSerializer.Builder {
    @Override
    public org.apache.flume.serialization.EventSerializer build(
        Context context, java.io.OutputStream out) {
      return new org.apache.flume.serialization.EventSerializer() {
        @Override
        public void afterCreate() {}

        @Override
        public void afterReopen() {}

        @Override
        public void write(org.apache.flume.Event e) throws java.io.IOException {
          out.write(e.getBody());
          out.write('\n');
        }

        @Override
        public void flush() {}

        @Override
        public void beforeClose() {}

        @Override
        public boolean supportsReopen() {
          return false;
        }
      };
    }
  }
}
