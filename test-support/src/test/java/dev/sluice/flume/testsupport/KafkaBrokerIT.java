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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real KRaft broker in a child JVM, used through Flume 1.11's kafka-clients 2.7.2. */
class KafkaBrokerIT {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void flumesKafkaClientsProduceAndConsumeWithAGroupThatCommits() throws Exception {
    assertEquals("2.7.2", AppInfoParser.getVersion(), "the test must use Flume 1.11's client");
    KafkaBroker kafka = KafkaBroker.start(children);
    kafka.createTopic("orders", 3);

    List<String> sent = produce(kafka, "orders", "order-", 600);
    List<String> read = consume(kafka, "orders", "readers", sent.size());

    assertEquals(sent.size(), read.size());
    assertEquals(new java.util.TreeSet<>(sent), new java.util.TreeSet<>(read));
    assertEquals(3, committed(kafka, "orders", "readers", 3).size(), "one commit per partition");
    assertEquals(
        600L, committed(kafka, "orders", "readers", 3).values().stream().mapToLong(o -> o).sum());
    assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"));
    assertNotEquals(kafka.port(), kafka.controllerPort());
  }

  @Test
  void acknowledgedRecordsAndCommittedOffsetsSurviveSigkillOnTheSamePorts() throws Exception {
    KafkaBroker kafka = KafkaBroker.start(children);
    int port = kafka.port();
    kafka.createTopic("events", 2);
    List<String> first = produce(kafka, "events", "before-", 500);
    assertEquals(500, consume(kafka, "events", "g1", 500).size());
    long firstPid = kafka.pid();

    kafka.kill(); // right after the acknowledgements and the commit

    assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false));
    assertFalse(accepts(port), "the client port still accepts after SIGKILL");
    kafka.start();
    assertEquals(port, kafka.port());
    assertTrue(accepts(port), "the broker is not back on port " + port);

    List<String> second = produce(kafka, "events", "after-", 100);
    List<String> resumed = consume(kafka, "events", "g1", 100);
    assertEquals(new java.util.TreeSet<>(second), new java.util.TreeSet<>(resumed));
    List<String> all = consume(kafka, "events", "fresh-group", 600);
    assertEquals(600, all.size());
    assertTrue(all.containsAll(first));

    kafka.restart(); // SIGTERM, then the same data again
    assertEquals(600, consume(kafka, "events", "after-restart", 600).size());
    String log = Files.readString(kafka.logFile(), StandardCharsets.UTF_8);
    assertTrue(log.contains("start #3 of kafka"), "the log shows no third start");
  }

  private static List<String> produce(KafkaBroker kafka, String topic, String prefix, int count)
      throws InterruptedException, ExecutionException {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    List<String> values = new ArrayList<>();
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      for (int i = 0; i < count; i++) {
        String value = prefix + i;
        values.add(value);
        acks.add(producer.send(new ProducerRecord<>(topic, Integer.toString(i), value)));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    }
    return values;
  }

  /** Reads {@code expected} records as member of {@code group}, committing what it read. */
  private static List<String> consume(KafkaBroker kafka, String topic, String group, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerProperties(kafka, group))) {
      consumer.subscribe(List.of(topic));
      Deadline deadline = Deadline.after(READ_TIMEOUT);
      while (values.size() < expected && !deadline.expired()) {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          values.add(record.value());
        }
        consumer.commitSync();
      }
      // Nothing more than expected arrives within one more poll.
      for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
        values.add(record.value());
      }
      consumer.commitSync();
    }
    return values;
  }

  private static Map<Integer, Long> committed(
      KafkaBroker kafka, String topic, String group, int partitions) {
    Map<Integer, Long> offsets = new java.util.TreeMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerProperties(kafka, group))) {
      for (int p = 0; p < partitions; p++) {
        OffsetAndMetadata committed = consumer.committed(new TopicPartition(topic, p));
        if (committed != null) {
          offsets.put(p, committed.offset());
        }
      }
    }
    return offsets;
  }

  private static Properties consumerProperties(KafkaBroker kafka, String group) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return properties;
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
