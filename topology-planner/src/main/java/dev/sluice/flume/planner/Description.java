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
package dev.sluice.flume.planner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A topology description as read from YAML: what the planner is given (producers, destinations,
 * routing, channel kind) and the few rules of thumb a user may change. Every field is documented in
 * docs/topologies.md; {@link DescriptionReader} checks them all.
 */
final class Description {
  final String name;
  final String channel;
  final String dataDir;
  final String host;
  final int basePort;
  final double agentEventsPerSecond;
  final double batchHeadroom;
  final long batchWindowSeconds;
  final int minBatchSize;
  final int maxBatchSize;
  final long tierOutageSeconds;
  final int headerBytes;
  final String kafkaBootstrapServers;
  final String ampsChannelUri;
  final String graphiteHost;
  final int graphitePort;
  final List<Producer> producers;
  final List<PinnedTier> tiers;
  final List<Destination> destinations;
  final String routeHeader;
  final Map<String, List<String>> routes;
  final List<String> defaultRoute;

  Description(Builder b) {
    this.name = b.name;
    this.channel = b.channel;
    this.dataDir = b.dataDir;
    this.host = b.host;
    this.basePort = b.basePort;
    this.agentEventsPerSecond = b.agentEventsPerSecond;
    this.batchHeadroom = b.batchHeadroom;
    this.batchWindowSeconds = b.batchWindowSeconds;
    this.minBatchSize = b.minBatchSize;
    this.maxBatchSize = b.maxBatchSize;
    this.tierOutageSeconds = b.tierOutageSeconds;
    this.headerBytes = b.headerBytes;
    this.kafkaBootstrapServers = b.kafkaBootstrapServers;
    this.ampsChannelUri = b.ampsChannelUri;
    this.graphiteHost = b.graphiteHost;
    this.graphitePort = b.graphitePort;
    this.producers = List.copyOf(b.producers);
    this.tiers = List.copyOf(b.tiers);
    this.destinations = List.copyOf(b.destinations);
    this.routeHeader = b.routeHeader;
    this.routes = Collections.unmodifiableMap(new LinkedHashMap<>(b.routes));
    this.defaultRoute = List.copyOf(b.defaultRoute);
  }

  boolean hasRouting() {
    return routeHeader != null;
  }

  Destination destination(String destName) {
    for (Destination d : destinations) {
      if (d.name.equals(destName)) {
        return d;
      }
    }
    throw new IllegalArgumentException("no destination " + destName);
  }

  /** The largest event of any producer, in bytes: what disk and heap are sized for. */
  int maxEventBytes() {
    int max = 0;
    for (Producer p : producers) {
      max = Math.max(max, p.eventBytes);
    }
    return max;
  }

  /** Sum over the producers of hosts x average events/s: every tier's steady volume. */
  double averageEventsPerSecond() {
    double sum = 0;
    for (Producer p : producers) {
      sum += p.hosts * p.averageEventsPerSecond;
    }
    return sum;
  }

  /** Sum over the producers of hosts x peak events/s: all at their peak at once, the worst case. */
  double peakEventsPerSecond() {
    double sum = 0;
    for (Producer p : producers) {
      sum += p.hosts * p.peakEventsPerSecond;
    }
    return sum;
  }

  /** Where events come from: a number of identical hosts, each with its own client agent. */
  static final class Producer {
    final String name;
    final String source;
    final int hosts;
    final double averageEventsPerSecond;
    final double peakEventsPerSecond;
    final int eventBytes;
    final int batchSize;
    final String ampsUri;
    final String ampsTopic;

    Producer(
        String name,
        String source,
        int hosts,
        double averageEventsPerSecond,
        double peakEventsPerSecond,
        int eventBytes,
        int batchSize,
        String ampsUri,
        String ampsTopic) {
      this.name = name;
      this.source = source;
      this.hosts = hosts;
      this.averageEventsPerSecond = averageEventsPerSecond;
      this.peakEventsPerSecond = peakEventsPerSecond;
      this.eventBytes = eventBytes;
      this.batchSize = batchSize;
      this.ampsUri = ampsUri;
      this.ampsTopic = ampsTopic;
    }
  }

  /** An aggregator tier whose number of agents the user fixes instead of the planner. */
  static final class PinnedTier {
    final String name;
    final int agents;

    PinnedTier(String name, int agents) {
      this.name = name;
      this.agents = agents;
    }
  }

  /** Where events end up, and how the topology reaches it. */
  static final class Destination {
    final String name;
    final String kind;
    final long worstOutageSeconds;
    final int nodes;
    final String balance;
    final double share;
    final Map<String, String> settings;

    Destination(
        String name,
        String kind,
        long worstOutageSeconds,
        int nodes,
        String balance,
        double share,
        Map<String, String> settings) {
      this.name = name;
      this.kind = kind;
      this.worstOutageSeconds = worstOutageSeconds;
      this.nodes = nodes;
      this.balance = balance;
      this.share = share;
      this.settings = Map.copyOf(settings);
    }

    String setting(String key) {
      return settings.get(key);
    }
  }

  /** The description's fields while they are read. */
  static final class Builder {
    String name;
    String channel;
    String dataDir;
    String host;
    int basePort;
    double agentEventsPerSecond;
    double batchHeadroom;
    long batchWindowSeconds;
    int minBatchSize;
    int maxBatchSize;
    long tierOutageSeconds;
    int headerBytes;
    String kafkaBootstrapServers;
    String ampsChannelUri;
    String graphiteHost;
    int graphitePort;
    List<Producer> producers = List.of();
    List<PinnedTier> tiers = List.of();
    List<Destination> destinations = List.of();
    String routeHeader;
    Map<String, List<String>> routes = Map.of();
    List<String> defaultRoute = List.of();
  }
}
