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

import static dev.sluice.flume.examples.kafka.KafkaChannelTiersIT.awaitAtLeast;
import static dev.sluice.flume.examples.kafka.KafkaExampleHarness.startAndAwait;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.KafkaBroker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kafka example 4 (examples/conf/kafka-to-amps.properties): a plain kafka-clients producer writes
 * 100,000 orders to a topic; Flume's Kafka channel reads it and the amps-sink publishes to AMPS.
 * The agent is SIGKILLed twice and the broker once mid-stream; the real AMPS client reads the AMPS
 * topic back from the transaction log.
 */
class KafkaToAmpsIT {
  static final int ORDERS = 100_000;
  static final String TOPIC = "sluice-orders-in";
  static final String AMPS_OUTPUT = "orders-from-kafka";

  /**
   * docs/kafka.md: an agent crash redelivers the take in flight (at most the sink's maxBatch, 500);
   * a broker crash can fail the offset commit of a batch AMPS already has (500 again). Doubled for
   * a batch that is retried after a half-done attempt.
   */
  static final long MAX_DUPLICATES = 2 * 3 * 500;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void everyRecordReachesAmpsWhenTheAgentAndTheBrokerAreSigkilled() throws Exception {
    KafkaExampleHarness harness = new KafkaExampleHarness(children);
    String ampsUri = harness.startAmps();
    KafkaBroker kafka = harness.startKafka();
    kafka.createTopic(TOPIC, 3);
    produce(kafka.bootstrapServers());

    Map<String, String> values =
        Map.of(
            "AMPS_URI", ampsUri,
            "STATE_DIR", children.workDir("a1-state").toString(),
            "KAFKA_BOOTSTRAP", kafka.bootstrapServers());
    FlumeAgent agent = harness.agent("a1", "a1", "kafka-to-amps.properties", values);
    try (KafkaExampleHarness.AmpsReader reader =
        new KafkaExampleHarness.AmpsReader(ampsUri, AMPS_OUTPUT)) {
      startAndAwait(agent);

      List<Long> killedAt = new ArrayList<>();
      awaitAtLeast("orders in AMPS", reader::count, ORDERS / 5);
      killedAt.add(reader.count());
      agent.kill();
      startAndAwait(agent);

      awaitAtLeast("orders in AMPS", reader::count, ORDERS * 45L / 100);
      killedAt.add(reader.count());
      kafka.kill();
      kafka.start();

      awaitAtLeast("orders in AMPS", reader::count, ORDERS * 7L / 10);
      killedAt.add(reader.count());
      agent.kill();
      startAndAwait(agent);

      await("every order in AMPS")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> reader.check(1, ORDERS + 1).report().missing() == 0);
      SequenceReport report = reader.check(1, ORDERS + 1).report();
      System.out.printf("kafka-to-amps example, kills at %s messages in AMPS%n", killedAt);
      System.out.printf("kafka-to-amps example, %s: %s%n", AMPS_OUTPUT, report);

      for (long at : killedAt) {
        assertTrue(at < ORDERS, () -> "a kill came after the end: " + killedAt);
      }
      assertEquals(0, report.missing(), report::toString);
      assertEquals(0, report.unparseable(), report::toString);
      assertTrue(report.duplicates() <= MAX_DUPLICATES, report::toString);
    }
  }

  private static void produce(String bootstrap) throws Exception {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      for (long key = 1; key <= ORDERS; key++) {
        acks.add(
            producer.send(
                new ProducerRecord<>(
                    TOPIC, KafkaExampleHarness.symbolOf(key), KafkaExampleHarness.order(key))));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    }
  }
}
