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
package dev.sluice.flume.examples.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.DocumentedDefaults;
import dev.sluice.flume.testsupport.FlumeConstants;
import dev.sluice.flume.testsupport.MarkdownDoc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * docs/kafka.md's key tables against the Kafka examples' properties files, both ways: every key a
 * file sets on Flume's Kafka channel, source or sink is in the table with the file's value, and
 * every row of the table is set by a file. Example 2's two pipelines set the same Kafka source keys
 * but for their consumer groups.
 */
class KafkaDocsTest {
  private static final Path ROOT = KafkaExampleHarness.ROOT;
  private static final MarkdownDoc DOC = MarkdownDoc.read(ROOT.resolve("docs/kafka.md"));

  @Test
  void kafkaChannelTableListsExactlyTheKeysAndValuesBothTiersSet() throws IOException {
    Map<String, String> client =
        componentKeys("kafka-channel-client.properties", "client.channels.kafka.");
    Map<String, String> aggregator =
        componentKeys("kafka-channel-aggregator.properties", "aggregator.channels.kafka.");
    Map<String, String> both = new TreeMap<>(client);
    aggregator.forEach(
        (key, value) -> {
          String previous = both.put(key, value);
          if (previous != null && !previous.equals(value)) {
            throw new AssertionError(
                key + " differs between the tiers: " + previous + ", " + value);
          }
        });
    assertEquals(both, documented("### Kafka channel (example 3, both tiers)"));
  }

  @Test
  void plainRecordsChannelTableListsExactlyTheKeysAndValuesExampleFourSets() throws IOException {
    assertEquals(
        componentKeys("kafka-to-amps.properties", "a1.channels.kafka."),
        documented("### Kafka channel over plain records (example 4)"));
  }

  @Test
  void kafkaSinkTableListsExactlyTheKeysAndValuesExampleOneSets() throws IOException {
    assertEquals(
        componentKeys("amps-to-kafka.properties", "a1.sinks.kafka."),
        documented("### Kafka sink (example 1)"));
  }

  @Test
  void kafkaSourceTableListsExactlyTheKeysAndValuesExampleTwoSets() throws IOException {
    assertEquals(
        sourceKeys("kafka-enrich-to-kafka.properties"),
        documented("#### Kafka source (example 2)"));
  }

  @Test
  void exampleTwoFilesPipelineSetsTheSameSourceKeysInItsOwnConsumerGroup() throws IOException {
    Map<String, String> expected = sourceKeys("kafka-enrich-to-kafka.properties");
    expected.put("kafka.consumer.group.id", "sluice-enrich-to-files");
    assertEquals(expected, sourceKeys("kafka-enrich-to-files.properties"));
  }

  @Test
  void exampleTwoKafkaSinkTableListsExactlyTheKeysAndValuesItSets() throws IOException {
    assertEquals(
        componentKeys("kafka-enrich-to-kafka.properties", "a1.sinks.kafka."),
        documented("#### Kafka sink (example 2)"));
  }

  private static final String CHANNEL = "org.apache.flume.channel.kafka.KafkaChannelConfiguration";
  private static final String SINK = "org.apache.flume.sink.kafka.KafkaSinkConstants";
  private static final String SOURCE = "org.apache.flume.source.kafka.KafkaSourceConstants";

  /** The Kafka channel's defaults, read from Flume 1.11's own constants. */
  private static Map<String, String> channelDefaults() {
    Map<String, String> d = new TreeMap<>();
    d.put("kafka.topic", FlumeConstants.read(CHANNEL, "DEFAULT_TOPIC"));
    d.put("parseAsFlumeEvent", FlumeConstants.read(CHANNEL, "DEFAULT_PARSE_AS_FLUME_EVENT"));
    d.put("kafka.consumer.group.id", FlumeConstants.read(CHANNEL, "DEFAULT_GROUP_ID"));
    d.put(
        "kafka.consumer.auto.offset.reset",
        FlumeConstants.read(CHANNEL, "DEFAULT_AUTO_OFFSET_RESET"));
    d.put("kafka.pollTimeout", FlumeConstants.read(CHANNEL, "DEFAULT_POLL_TIMEOUT"));
    d.put("kafka.producer.acks", FlumeConstants.read(CHANNEL, "DEFAULT_ACKS"));
    return d;
  }

  /** The Kafka sink's defaults, read from Flume 1.11's own constants. */
  private static Map<String, String> sinkDefaults() {
    Map<String, String> d = new TreeMap<>();
    d.put("kafka.topic", FlumeConstants.read(SINK, "DEFAULT_TOPIC"));
    d.put("allowTopicOverride", FlumeConstants.read(SINK, "DEFAULT_ALLOW_TOPIC_OVERRIDE_HEADER"));
    d.put("topicHeader", FlumeConstants.read(SINK, "DEFAULT_TOPIC_OVERRIDE_HEADER"));
    d.put("flumeBatchSize", FlumeConstants.read(SINK, "DEFAULT_BATCH_SIZE"));
    d.put("useFlumeEventFormat", FlumeConstants.read(SINK, "DEFAULT_AVRO_EVENT"));
    d.put("kafka.producer.acks", FlumeConstants.read(SINK, "DEFAULT_ACKS"));
    return d;
  }

  /** The Kafka source's defaults, read from Flume 1.11's own constants. */
  private static Map<String, String> sourceDefaults() {
    Map<String, String> d = new TreeMap<>();
    d.put("kafka.consumer.group.id", FlumeConstants.read(SOURCE, "DEFAULT_GROUP_ID"));
    d.put("batchSize", FlumeConstants.read(SOURCE, "DEFAULT_BATCH_SIZE"));
    d.put("batchDurationMillis", FlumeConstants.read(SOURCE, "DEFAULT_BATCH_DURATION"));
    d.put("setTopicHeader", FlumeConstants.read(SOURCE, "DEFAULT_SET_TOPIC_HEADER"));
    return d;
  }

  /** The code's defaults of the keys a table lists (the tables list only what the examples set). */
  private static Map<String, String> listed(Map<String, String> code, String heading) {
    Map<String, String> out = new TreeMap<>(code);
    out.keySet().retainAll(DOC.keyDefaults(heading).keySet());
    return out;
  }

  private static void assertDefaults(Map<String, String> code, String heading, String... words) {
    Map<String, String> listed = listed(code, heading);
    assertTrue(listed.size() >= 3, heading + ": compared only " + listed);
    assertEquals(
        List.of(),
        DocumentedDefaults.mismatches(DOC.keyDefaults(heading), listed, Set.of(words)),
        heading + ": the Default column versus Flume 1.11's own defaults");
  }

  @Test
  void defaultColumnsAreFlumesOwnDefaults() {
    // The channel's auto.offset.reset cell also says what Kafka's own default is.
    assertDefaults(
        channelDefaults(),
        "### Kafka channel (example 3, both tiers)",
        "kafka.consumer.auto.offset.reset");
    assertDefaults(channelDefaults(), "### Kafka channel over plain records (example 4)");
    assertDefaults(sinkDefaults(), "### Kafka sink (example 1)");
    assertDefaults(sinkDefaults(), "#### Kafka sink (example 2)");
    assertDefaults(sourceDefaults(), "#### Kafka source (example 2)");
  }

  @Test
  void aWrongDefaultInTheDocsWouldFail() {
    Map<String, String> wrong = new TreeMap<>(sinkDefaults());
    wrong.put("flumeBatchSize", "1000");
    assertEquals(
        1,
        DocumentedDefaults.mismatches(
                DOC.keyDefaults("### Kafka sink (example 1)"),
                listed(wrong, "### Kafka sink (example 1)"))
            .size());
  }

  /** The Kafka source's own keys in a file: without its channels and interceptors. */
  private static Map<String, String> sourceKeys(String file) throws IOException {
    Map<String, String> keys = componentKeys(file, "a1.sources.kafka.");
    keys.keySet().removeIf(key -> key.equals("channels") || key.startsWith("interceptors"));
    return keys;
  }

  /** Key to example value of each row; a {@code ${NAME}} value is kept as written. */
  private static Map<String, String> documented(String heading) {
    Map<String, String> rows = new TreeMap<>();
    for (String line : DOC.section(heading)) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\|");
      rows.put(unquote(cells[1]), unquote(cells[3]));
    }
    return rows;
  }

  /** The keys a file sets under {@code prefix}, without {@code type} and {@code channel}. */
  private static Map<String, String> componentKeys(String file, String prefix) throws IOException {
    Properties properties = new Properties();
    try (var reader =
        Files.newBufferedReader(
            ROOT.resolve("examples/conf").resolve(file), StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, String> keys = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(prefix)) {
        String key = name.substring(prefix.length());
        if (!key.equals("type") && !key.equals("channel")) {
          keys.put(key, properties.getProperty(name));
        }
      }
    }
    return keys;
  }

  private static String unquote(String cell) {
    String trimmed = cell.trim();
    return trimmed.startsWith("`") && trimmed.endsWith("`")
        ? trimmed.substring(1, trimmed.length() - 1)
        : trimmed;
  }
}
