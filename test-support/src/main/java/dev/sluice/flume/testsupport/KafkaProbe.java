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

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What {@link KafkaBroker} does with kafka-clients (Flume 1.11's 2.7.2) in the test JVM: the
 * readiness round trip and topic creation. A class of its own so that {@link KafkaBroker} loads
 * kafka-clients only when a broker is used.
 */
final class KafkaProbe {
  private static final int CLIENT_TIMEOUT_MILLIS = 5_000;
  private static final Duration ROUND_TRIP_TIMEOUT = Duration.ofSeconds(10);

  private KafkaProbe() {}

  /**
   * Produces one record with {@code acks=all} and reads it back at its offset. False (not an
   * exception) while the broker is not ready, so that the readiness poll tries again.
   */
  static boolean roundTrip(String bootstrap, String topic) {
    String value = UUID.randomUUID().toString();
    RecordMetadata sent;
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(producerProperties(bootstrap))) {
      sent =
          producer
              .send(new ProducerRecord<>(topic, value))
              .get(ROUND_TRIP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while probing Kafka at " + bootstrap, e);
    }
    TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerProperties(bootstrap))) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, sent.offset());
      Deadline deadline = Deadline.after(ROUND_TRIP_TIMEOUT);
      while (!deadline.expired()) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (value.equals(record.value())) {
            return true;
          }
        }
      }
      return false;
    } catch (KafkaException e) {
      return false;
    }
  }

  /** Creates the topic unless it exists and waits until each partition has a leader. */
  static void createTopic(String bootstrap, String topic, int partitions) {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, CLIENT_TIMEOUT_MILLIS);
    try (Admin admin = Admin.create(properties)) {
      try {
        admin
            .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topic " + topic + " on " + bootstrap, e);
        }
      }
      Deadline deadline = Deadline.after(Duration.ofSeconds(30));
      while (!hasLeaders(admin, topic)) {
        if (deadline.expired()) {
          throw new IllegalStateException(
              "topic "
                  + topic
                  + " on "
                  + bootstrap
                  + " has partitions without a leader after 30 s");
        }
        deadline.pause();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + topic, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "creating topic " + topic + " on " + bootstrap + " timed out", e);
    }
  }

  private static boolean hasLeaders(Admin admin, String topic)
      throws InterruptedException, TimeoutException {
    try {
      Map<String, TopicDescription> described =
          admin.describeTopics(Collections.singleton(topic)).all().get(10, TimeUnit.SECONDS);
      return described.get(topic).partitions().stream().allMatch(p -> p.leader() != null);
    } catch (ExecutionException e) {
      return false;
    }
  }

  private static Properties producerProperties(String bootstrap) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, CLIENT_TIMEOUT_MILLIS);
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, CLIENT_TIMEOUT_MILLIS);
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2 * CLIENT_TIMEOUT_MILLIS);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return properties;
  }

  private static Properties consumerProperties(String bootstrap) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, CLIENT_TIMEOUT_MILLIS);
    properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CLIENT_TIMEOUT_MILLIS);
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return properties;
  }
}
