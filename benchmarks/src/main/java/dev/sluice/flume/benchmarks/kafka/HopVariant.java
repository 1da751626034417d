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
package dev.sluice.flume.benchmarks.kafka;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two ways of moving events from a client tier to an aggregator tier that the benchmark
 * compares, as the two agents' configurations. Both client agents take the events from the same
 * Avro source (fed by the benchmark JVM) and both aggregators drain into a {@code null} sink with
 * the same {@code batchSize}; only the hop between them differs.
 */
enum HopVariant {
  /** The anchor: file channel, Avro sink, Avro source, file channel. */
  FILE_AVRO("file+avro"),
  /** Flume's Kafka channel on both tiers: the topic is the hop. */
  KAFKA_CHANNEL("kafka-channel");

  static final String CLIENT = "client";
  static final String AGGREGATOR = "aggregator";
  static final String CHANNEL = "CHANNEL.ch";

  final String label;

  HopVariant(String label) {
    this.label = label;
  }

  /** What one round's agents of this variant need to be configured. */
  static final class Setup {
    final Path dir;
    final int sourcePort;
    final int hopPort;
    final String bootstrap;
    final String topic;
    final String group;
    final int events;
    final int batch;

    Setup(
        Path dir,
        int sourcePort,
        int hopPort,
        String bootstrap,
        String topic,
        String group,
        int events,
        int batch) {
      this.dir = dir;
      this.sourcePort = sourcePort;
      this.hopPort = hopPort;
      this.bootstrap = bootstrap;
      this.topic = topic;
      this.group = group;
      this.events = events;
      this.batch = batch;
    }
  }

  String clientConfig(Setup s) {
    List<String> l = new ArrayList<>();
    String a = CLIENT + ".";
    l.add(a + "sources = in");
    l.add(a + "channels = ch");
    l.add(a + "sources.in.type = avro");
    l.add(a + "sources.in.bind = 127.0.0.1");
    l.add(a + "sources.in.port = " + s.sourcePort);
    l.add(a + "sources.in.channels = ch");
    if (this == FILE_AVRO) {
      l.add(a + "sinks = hop");
      fileChannel(l, a, s.dir.resolve("client-channel"), s);
      l.add(a + "sinks.hop.type = avro");
      l.add(a + "sinks.hop.channel = ch");
      l.add(a + "sinks.hop.hostname = 127.0.0.1");
      l.add(a + "sinks.hop.port = " + s.hopPort);
      l.add(a + "sinks.hop.batch-size = " + s.batch);
    } else {
      kafkaChannel(l, a, s);
      // The write side waits for every in-sync replica, as docs/kafka.md configures it.
      l.add(a + "channels.ch.kafka.producer.acks = all");
    }
    return String.join("\n", l) + "\n";
  }

  String aggregatorConfig(Setup s) {
    List<String> l = new ArrayList<>();
    String a = AGGREGATOR + ".";
    l.add(a + "channels = ch");
    l.add(a + "sinks = k1");
    if (this == FILE_AVRO) {
      l.add(a + "sources = in");
      l.add(a + "sources.in.type = avro");
      l.add(a + "sources.in.bind = 127.0.0.1");
      l.add(a + "sources.in.port = " + s.hopPort);
      l.add(a + "sources.in.channels = ch");
      fileChannel(l, a, s.dir.resolve("aggregator-channel"), s);
    } else {
      kafkaChannel(l, a, s);
      l.add(a + "channels.ch.kafka.consumer.group.id = " + s.group);
      l.add(a + "channels.ch.kafka.consumer.auto.offset.reset = earliest");
    }
    l.add(a + "sinks.k1.type = null");
    l.add(a + "sinks.k1.channel = ch");
    l.add(a + "sinks.k1.batchSize = " + s.batch);
    return String.join("\n", l) + "\n";
  }

  private static void fileChannel(List<String> l, String a, Path dir, Setup s) {
    l.add(a + "channels.ch.type = file");
    l.add(a + "channels.ch.checkpointDir = " + dir.resolve("checkpoint"));
    l.add(a + "channels.ch.dataDirs = " + dir.resolve("data"));
    l.add(a + "channels.ch.capacity = " + (s.events + 10 * s.batch));
    l.add(a + "channels.ch.transactionCapacity = " + s.batch);
    l.add(a + "channels.ch.minimumRequiredSpace = " + 64L * 1024 * 1024);
  }

  private static void kafkaChannel(List<String> l, String a, Setup s) {
    l.add(a + "channels.ch.type = org.apache.flume.channel.kafka.KafkaChannel");
    l.add(a + "channels.ch.kafka.bootstrap.servers = " + s.bootstrap);
    l.add(a + "channels.ch.kafka.topic = " + s.topic);
    l.add(a + "channels.ch.parseAsFlumeEvent = true");
  }
}
