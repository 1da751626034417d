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

import static dev.sluice.flume.examples.kafka.KafkaExampleHarness.recordsIn;
import static dev.sluice.flume.examples.kafka.KafkaExampleHarness.startAndAwait;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.HBaseServer;
import dev.sluice.flume.testsupport.KafkaBroker;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kafka example 2 (examples/conf/kafka-enrich-to-kafka.properties and
 * kafka-enrich-to-files.properties), seed 004's "Flafka" pipeline: Flume's Kafka source, the
 * enrichment interceptor against a real HBase, and either Flume's Kafka sink to a second topic or
 * the header-filename sink. A real broker, a real HBase and real agents; a plain kafka-clients
 * producer writes the card transactions, a plain consumer reads the output topic, and the files are
 * read from disk. Every transaction must arrive once with exactly its card holder's row.
 */
class KafkaEnrichmentIT {
  static final String INPUT = "sluice-txn";
  static final String OUTPUT = "sluice-txn-enriched";
  static final String TABLE = "customers";
  static final int TRANSACTIONS = 5_000;

  /** Distinct card numbers, so distinct row keys; cards from KNOWN on have no row. */
  static final int CARDS = 300;

  static final int KNOWN = 260;

  private static final String[][] CITIES = {
    {"NO", "Oslo"}, {"NO", "Bergen"}, {"FR", "Lyon"}, {"FR", "Paris"},
    {"DE", "Berlin"}, {"DE", "Hamburg"}, {"ES", "Madrid"}, {"ES", "Seville"}
  };
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final ChildProcessesExtension CHILDREN = ChildProcessesExtension.perClass();

  private static HBaseServer hbase;
  private static KafkaBroker kafka;
  private static String bootstrap;

  @BeforeAll
  static void startServersAndWriteTheInput() throws Exception {
    hbase = HBaseServer.builder().table(TABLE, "home", "risk").start(CHILDREN);
    kafka = KafkaBroker.builder().heap("256m").start(CHILDREN);
    bootstrap = kafka.bootstrapServers();
    kafka.createTopic(INPUT, 3);
    kafka.createTopic(OUTPUT, 3);
    writeCustomers();
    produceTransactions();
    assertEquals(TRANSACTIONS, recordsIn(bootstrap, INPUT));
  }

  @Test
  void everyTransactionReachesTheSecondTopicOnceWithItsRowAndNoneGoesBackToTheInput() {
    FlumeAgent agent = startAgent("to-kafka", "kafka-enrich-to-kafka.properties", Map.of());

    await("every transaction in " + OUTPUT)
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> recordsIn(bootstrap, OUTPUT) >= TRANSACTIONS);
    await("the Kafka sink's commits")
        .atMost(Duration.ofSeconds(30))
        .until(() -> agent.counter("SINK.kafka", "EventDrainSuccessCount") >= TRANSACTIONS);

    SequenceChecker checker = SequenceChecker.expecting(0, TRANSACTIONS);
    List<String> wrong = new ArrayList<>();
    Map<String, Long> enrichedAndMissed = new TreeMap<>();
    for (ConsumerRecord<String, String> record : readAll(OUTPUT)) {
      JsonNode body = parse(record.value());
      long seq = sequenceOf(body);
      checker.add(seq);
      String problem = enrichmentProblem(seq, body);
      if (problem == null && !cardNumber(cardOf(seq)).equals(record.key())) {
        problem = "key " + record.key();
      }
      if (problem != null && wrong.size() < 10) {
        wrong.add(problem + ": " + record.value());
      }
      enrichedAndMissed.merge(body.has("customer") ? "enriched" : "missed", 1L, Long::sum);
    }
    SequenceReport report = checker.report();
    System.out.printf(
        "kafka-enrich-to-kafka example, %s: %s %s%n", OUTPUT, report, enrichedAndMissed);

    assertEquals(0, report.missing(), report::toString);
    assertEquals(0, report.duplicates(), report::toString);
    assertEquals(List.of(), wrong, "each record's body and key");
    assertEquals(expectedCounts(), enrichedAndMissed);
    // The loop: had any event kept a "topic" header naming sluice-txn, the sink would have written
    // it back there. Every event the sink committed is in the output, and the input did not grow.
    assertEquals(TRANSACTIONS, agent.counter("SINK.kafka", "EventDrainSuccessCount"));
    assertEquals(TRANSACTIONS, recordsIn(bootstrap, INPUT), INPUT + " grew");
    assertInterceptorCounters(agent);
  }

  @Test
  void everyTransactionIsFiledOnceUnderItsCardHoldersCityWithItsRow() throws IOException {
    Path out = CHILDREN.workDir("to-files-out");
    FlumeAgent agent =
        startAgent(
            "to-files", "kafka-enrich-to-files.properties", Map.of("OUT_DIR", out.toString()));

    await("every transaction written")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> agent.counter("SINK.files", "EventDrainSuccessCount") >= TRANSACTIONS);
    assertInterceptorCounters(agent);
    Map<String, Long> expected = expectedCounts();
    assertEquals(expected.get("missed"), agent.counter("SINK.files", "EventsToDefaultFile"));
    // A graceful stop (SIGTERM: Flume's shutdown hook stops the sink) finishes the files.
    assertEquals(143, agent.stop(Duration.ofSeconds(60)), "the agent's exit code after SIGTERM");

    SequenceChecker checker = SequenceChecker.expecting(0, TRANSACTIONS);
    List<String> wrong = new ArrayList<>();
    Map<String, Long> enrichedAndMissed = new TreeMap<>();
    List<Path> files = outputFiles(out);
    for (Path file : files) {
      String relative = out.relativize(file).toString();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        JsonNode body = parse(line);
        long seq = sequenceOf(body);
        checker.add(seq);
        int card = cardOf(seq);
        String problem = enrichmentProblem(seq, body);
        String expectedFile =
            card < KNOWN ? country(card) + "/" + city(card) + ".jsonl" : "unenriched.jsonl";
        if (problem == null && !relative.equals(expectedFile)) {
          problem = "in " + relative + ", expected " + expectedFile;
        }
        if (problem != null && wrong.size() < 10) {
          wrong.add(problem + ": " + line);
        }
        enrichedAndMissed.merge(body.has("customer") ? "enriched" : "missed", 1L, Long::sum);
      }
    }
    SequenceReport report = checker.report();
    System.out.printf(
        "kafka-enrich-to-files example, %d files: %s %s%n",
        files.size(), report, enrichedAndMissed);

    assertEquals(0, report.missing(), report::toString);
    assertEquals(0, report.duplicates(), report::toString);
    assertEquals(List.of(), wrong, "each line's body and file");
    assertEquals(expected, enrichedAndMissed);
    assertEquals(CITIES.length + 1, files.size(), () -> "files: " + files);
    assertEquals(TRANSACTIONS, recordsIn(bootstrap, INPUT), INPUT + " grew");
  }

  private static FlumeAgent startAgent(String dir, String confFile, Map<String, String> extra) {
    Map<String, String> values = new LinkedHashMap<>(extra);
    values.put("KAFKA_BOOTSTRAP", bootstrap);
    values.put("HBASE_ZK_QUORUM", hbase.clientProperties().get("hbase.zookeeper.quorum"));
    values.put(
        "HBASE_ZK_PORT", hbase.clientProperties().get("hbase.zookeeper.property.clientPort"));
    values.put("STATE_DIR", CHILDREN.workDir(dir + "-state").toString());
    FlumeAgent agent = new KafkaExampleHarness(CHILDREN).agent("a1", dir, confFile, values);
    startAndAwait(agent);
    return agent;
  }

  /**
   * The interceptor's counters: every transaction of a known card enriched, every other one passed
   * on as a miss, no lookup failed (the agent's batches may still have waited for the first
   * connection: those were held and read again, which the source's retries count, not these).
   */
  private static void assertInterceptorCounters(FlumeAgent agent) {
    Map<String, Long> expected = expectedCounts();
    String group = "INTERCEPTOR.enrichment-" + TABLE;
    assertEquals(expected.get("enriched"), agent.counter(group, "EnrichedEventCount"));
    assertEquals(expected.get("missed"), agent.counter(group, "UnenrichedEventCount"));
    assertEquals(0, agent.counter(group, "DroppedEventCount"));
  }

  /** The card a transaction pays with: spread so that consecutive transactions differ. */
  static int cardOf(long seq) {
    return (int) (seq * 7 % CARDS);
  }

  static String cardNumber(int card) {
    return String.format(Locale.ROOT, "4111%012d", card);
  }

  static String country(int card) {
    return CITIES[card % CITIES.length][0];
  }

  static String city(int card) {
    return CITIES[card % CITIES.length][1];
  }

  /** Transaction {@code seq} as the card processing system writes it (seed 004's fields). */
  static String transaction(long seq) {
    return String.format(
        Locale.ROOT,
        "{\"transaction_id\":\"txn-%06d\",\"card_number\":\"%s\",\"timestamp\":%d,"
            + "\"amount\":%.2f,\"store_id\":\"S%d\"}",
        seq,
        cardNumber(cardOf(seq)),
        1_700_000_000_000L + seq * 1000,
        1 + (seq * 7919 % 50000) / 100.0,
        seq % 17);
  }

  /** How many transactions should arrive enriched and how many as misses. */
  private static Map<String, Long> expectedCounts() {
    long enriched = 0;
    for (long seq = 0; seq < TRANSACTIONS; seq++) {
      if (cardOf(seq) < KNOWN) {
        enriched++;
      }
    }
    Map<String, Long> counts = new TreeMap<>();
    counts.put("enriched", enriched);
    counts.put("missed", TRANSACTIONS - enriched);
    return counts;
  }

  /**
   * Null if {@code body} is transaction {@code seq} unchanged plus exactly its card holder's {@code
   * customer} object (none for a card without a row); else what is wrong.
   */
  private static String enrichmentProblem(long seq, JsonNode body) {
    ObjectNode original = (ObjectNode) parse(transaction(seq));
    ObjectNode expected = original.deepCopy();
    int card = cardOf(seq);
    if (card < KNOWN) {
      ObjectNode customer = expected.putObject("customer");
      customer.put("city", city(card));
      customer.put("country", country(card));
    }
    return expected.equals(body) ? null : "expected " + expected;
  }

  private static long sequenceOf(JsonNode body) {
    return Long.parseLong(body.get("transaction_id").asText().substring("txn-".length()));
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  /**
   * The customers table: cards below {@code KNOWN} have a home city and country, and a column of
   * the same row the examples do not select. Written with HBase's own client.
   */
  private static void writeCustomers() throws IOException {
    Configuration conf = HBaseConfiguration.create();
    hbase.clientProperties().forEach(conf::set);
    try (Connection connection = ConnectionFactory.createConnection(conf);
        Table table = connection.getTable(TableName.valueOf(TABLE))) {
      List<Put> puts = new ArrayList<>();
      for (int card = 0; card < KNOWN; card++) {
        puts.add(
            new Put(Bytes.toBytes(cardNumber(card)))
                .addColumn(Bytes.toBytes("home"), Bytes.toBytes("city"), Bytes.toBytes(city(card)))
                .addColumn(
                    Bytes.toBytes("home"), Bytes.toBytes("country"), Bytes.toBytes(country(card)))
                .addColumn(Bytes.toBytes("risk"), Bytes.toBytes("score"), Bytes.toBytes("low")));
      }
      table.put(puts);
    }
  }

  /** Writes every transaction to the input topic, keyed by its card number, with acks=all. */
  private static void produceTransactions() throws Exception {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (long seq = 0; seq < TRANSACTIONS; seq++) {
        sent.add(
            producer.send(new ProducerRecord<>(INPUT, cardNumber(cardOf(seq)), transaction(seq))));
      }
      for (java.util.concurrent.Future<?> f : sent) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
  }

  /** Every record of {@code topic}, from the beginning to its end offsets now. */
  private static List<ConsumerRecord<String, String>> readAll(String topic) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      await("reading " + topic)
          .atMost(Duration.ofMinutes(1))
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(1))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return end.entrySet().stream()
                    .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
              });
    }
    return records;
  }

  /** The sink's finished files, without its lock file; fails on a file still in use. */
  private static List<Path> outputFiles(Path out) throws IOException {
    try (Stream<Path> walk = Files.walk(out)) {
      List<Path> files =
          walk.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith(".sluice-header-filename"))
              .sorted()
              .collect(Collectors.toList());
      for (Path file : files) {
        assertTrue(!file.toString().endsWith(".tmp"), () -> "a file left in use: " + file);
      }
      return files;
    }
  }
}
