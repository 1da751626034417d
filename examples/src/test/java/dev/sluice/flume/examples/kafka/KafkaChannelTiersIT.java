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

import static dev.sluice.flume.examples.kafka.KafkaExampleHarness.linesIn;
import static dev.sluice.flume.examples.kafka.KafkaExampleHarness.recordsIn;
import static dev.sluice.flume.examples.kafka.KafkaExampleHarness.startAndAwait;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.KafkaBroker;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kafka example 3 (examples/conf/kafka-channel-*.properties): the client tier's Kafka channel is
 * the hop to the aggregator, which reads the same topic through its own Kafka channel. Real agents,
 * a real broker and the AMPS testkit; the client agent, the broker and the aggregator agent are
 * each SIGKILLed once mid-stream. The channel's topic is read back with a plain kafka-clients
 * consumer and the aggregator's files line by line: nothing may be missing, and the duplicates must
 * stay within what docs/kafka.md promises.
 */
class KafkaChannelTiersIT {
  static final int ORDERS = 100_000;
  static final String TOPIC = "sluice-orders-channel";

  /**
   * docs/kafka.md: a client-tier crash replays at most maxBuffers x maxBatch (4 x 500) orders, a
   * broker crash fails at most the put transactions in flight (the source's held batches, 2,000
   * again); an aggregator crash redelivers its uncommitted takes (at most its sink batch, 500, per
   * crash, and as much again when the broker's crash fails an offset commit).
   */
  static final long MAX_TOPIC_DUPLICATES = 2 * 4 * 500;

  static final long MAX_OUTPUT_DUPLICATES = MAX_TOPIC_DUPLICATES + 2 * 500;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void everyOrderArrivesWhenBothTiersAndTheBrokerAreSigkilledMidStream() {
    KafkaExampleHarness harness = new KafkaExampleHarness(children);
    String ampsUri = harness.startAmps();
    KafkaBroker kafka = harness.startKafka();
    kafka.createTopic(TOPIC, 3);
    String bootstrap = kafka.bootstrapServers();
    Path output = children.workDir("output");
    Path clientState = children.workDir("client-state");
    Map<String, String> values =
        Map.of(
            "AMPS_URI",
            ampsUri,
            "STATE_DIR",
            clientState.toString(),
            "KAFKA_BOOTSTRAP",
            bootstrap,
            "OUTPUT_DIR",
            output.toString());
    FlumeAgent aggregator =
        harness.agent("aggregator", "aggregator", "kafka-channel-aggregator.properties", values);
    FlumeAgent client =
        harness.agent("client", "client", "kafka-channel-client.properties", values);
    startAndAwait(aggregator);
    startAndAwait(client);

    KafkaExampleHarness.Publisher publisher = new KafkaExampleHarness.Publisher(ampsUri, ORDERS);
    publisher.startThread();

    awaitAtLeast("orders in the channel's topic", () -> recordsIn(bootstrap, TOPIC), ORDERS / 5);
    long inTopicAtClientKill = recordsIn(bootstrap, TOPIC);
    client.kill();
    startAndAwait(client);

    awaitAtLeast("orders in the channel's topic", () -> recordsIn(bootstrap, TOPIC), ORDERS / 2);
    long inTopicAtBrokerKill = recordsIn(bootstrap, TOPIC);
    kafka.kill();
    kafka.start();

    awaitAtLeast("lines the aggregator wrote", () -> linesIn(output), ORDERS * 7L / 10);
    long writtenAtAggregatorKill = linesIn(output);
    aggregator.kill();
    startAndAwait(aggregator);

    await("every order in the aggregator's files")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> outputReport(output).missing() == 0);
    assertTrue(publisher.isDone());
    assertNull(publisher.failure());
    assertEquals(ORDERS, publisher.acknowledged(), "orders the server acknowledged");

    SequenceReport topic =
        KafkaExampleHarness.countTopic(bootstrap, TOPIC, 1, ORDERS + 1, null).report();
    SequenceReport files = outputReport(output);
    System.out.printf(
        "kafka-channel example, kills at: client %d in topic, broker %d in topic,"
            + " aggregator %d written%n",
        inTopicAtClientKill, inTopicAtBrokerKill, writtenAtAggregatorKill);
    System.out.printf("kafka-channel example, channel topic: %s%n", topic);
    System.out.printf("kafka-channel example, aggregator files: %s%n", files);

    // Each kill came while orders were still on their way.
    assertTrue(inTopicAtClientKill < ORDERS, () -> "client killed at " + inTopicAtClientKill);
    assertTrue(inTopicAtBrokerKill < ORDERS, () -> "broker killed at " + inTopicAtBrokerKill);
    assertTrue(writtenAtAggregatorKill < ORDERS, () -> "aggregator at " + writtenAtAggregatorKill);
    assertEquals(0, topic.missing(), topic::toString);
    assertEquals(0, topic.unparseable(), topic::toString);
    assertTrue(topic.duplicates() <= MAX_TOPIC_DUPLICATES, topic::toString);
    assertEquals(0, files.missing(), files::toString);
    assertEquals(0, files.outOfRange(), files::toString);
    assertTrue(files.duplicates() <= MAX_OUTPUT_DUPLICATES, files::toString);
  }

  private static SequenceReport outputReport(Path output) {
    return SequenceChecker.expecting(1, ORDERS + 1, KafkaExampleHarness.ORDER)
        .addFiles(output)
        .report();
  }

  static void awaitAtLeast(String what, java.util.function.LongSupplier count, long threshold) {
    await(what + " >= " + threshold)
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> count.getAsLong() >= threshold);
  }
}
