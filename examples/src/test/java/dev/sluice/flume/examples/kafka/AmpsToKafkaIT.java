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
import static dev.sluice.flume.examples.kafka.KafkaExampleHarness.recordsIn;
import static dev.sluice.flume.examples.kafka.KafkaExampleHarness.startAndAwait;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.KafkaBroker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kafka example 1 (examples/conf/amps-to-kafka.properties): amps-source with a bookmark
 * subscription, a file channel and Flume's Kafka sink, which takes each record's topic and key from
 * headers. A real agent, a real broker and the AMPS testkit; the agent is SIGKILLed twice and the
 * broker once mid-stream. The topic is read back with a plain kafka-clients consumer.
 */
class AmpsToKafkaIT {
  static final int ORDERS = 100_000;
  static final String TOPIC = "sluice-orders";
  static final String DEFAULT_TOPIC = "sluice-orders-default";

  /**
   * docs/kafka.md: an agent crash replays at most maxBuffers x maxBatch (4 x 500) orders from AMPS
   * and resends the sink's uncommitted batch (500); a broker crash fails at most the sink's batch
   * in flight, which is sent again whole (500, twice for a retry that half succeeded).
   */
  static final long MAX_DUPLICATES = 2 * (4 * 500 + 500) + 2 * 500;

  private static final Pattern KEY = Pattern.compile("\"order_key\":(\\d+)");

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void everyOrderReachesItsTopicWithItsKeyWhenTheAgentAndTheBrokerAreSigkilled() {
    KafkaExampleHarness harness = new KafkaExampleHarness(children);
    String ampsUri = harness.startAmps();
    KafkaBroker kafka = harness.startKafka();
    kafka.createTopic(TOPIC, 3);
    kafka.createTopic(DEFAULT_TOPIC, 1);
    String bootstrap = kafka.bootstrapServers();
    Map<String, String> values =
        Map.of(
            "AMPS_URI", ampsUri,
            "STATE_DIR", children.workDir("a1-state").toString(),
            "KAFKA_BOOTSTRAP", bootstrap);
    FlumeAgent agent = harness.agent("a1", "a1", "amps-to-kafka.properties", values);
    startAndAwait(agent);

    KafkaExampleHarness.Publisher publisher = new KafkaExampleHarness.Publisher(ampsUri, ORDERS);
    publisher.startThread();

    List<Long> killedAt = new ArrayList<>();
    awaitAtLeast("orders in " + TOPIC, () -> recordsIn(bootstrap, TOPIC), ORDERS / 5);
    killedAt.add(recordsIn(bootstrap, TOPIC));
    agent.kill();
    startAndAwait(agent);

    awaitAtLeast("orders in " + TOPIC, () -> recordsIn(bootstrap, TOPIC), ORDERS * 45L / 100);
    killedAt.add(recordsIn(bootstrap, TOPIC));
    kafka.kill();
    kafka.start();

    awaitAtLeast("orders in " + TOPIC, () -> recordsIn(bootstrap, TOPIC), ORDERS * 7L / 10);
    killedAt.add(recordsIn(bootstrap, TOPIC));
    agent.kill();
    startAndAwait(agent);

    await("every order in " + TOPIC)
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                recordsIn(bootstrap, TOPIC) >= ORDERS
                    && KafkaExampleHarness.countTopic(bootstrap, TOPIC, 1, ORDERS + 1, null)
                            .report()
                            .missing()
                        == 0);
    assertNull(publisher.failure());
    assertEquals(ORDERS, publisher.acknowledged(), "orders the server acknowledged");

    List<String> wrongKeys = new ArrayList<>();
    SequenceReport report =
        KafkaExampleHarness.countTopic(
                bootstrap,
                TOPIC,
                1,
                ORDERS + 1,
                (key, order) -> {
                  Matcher m = KEY.matcher(order);
                  String expected =
                      m.find() ? KafkaExampleHarness.symbolOf(Long.parseLong(m.group(1))) : "?";
                  if (!expected.equals(key) && wrongKeys.size() < 10) {
                    wrongKeys.add(key + " for " + order);
                  }
                })
            .report();
    System.out.printf("amps-to-kafka example, kills at %s records in %s%n", killedAt, TOPIC);
    System.out.printf("amps-to-kafka example, %s: %s%n", TOPIC, report);

    for (long at : killedAt) {
      assertTrue(at < ORDERS, () -> "a kill came after the end: " + killedAt);
    }
    assertEquals(0, report.missing(), report::toString);
    assertEquals(0, report.unparseable(), report::toString);
    assertTrue(report.duplicates() <= MAX_DUPLICATES, report::toString);
    assertEquals(List.of(), wrongKeys, "each record's key is its order's symbol");
    assertEquals(0, recordsIn(bootstrap, DEFAULT_TOPIC), "every event had a topic header");
  }
}
