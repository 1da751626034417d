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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The planned topology: tiers of agents, each channel's sizes, and how agents connect. */
final class Plan {
  final Description description;
  final List<Tier> tiers;
  final List<Figure> figures;

  Plan(Description description, List<Tier> tiers, List<Figure> figures) {
    this.description = description;
    this.tiers = List.copyOf(tiers);
    this.figures = List.copyOf(figures);
  }

  List<Agent> agents() {
    List<Agent> all = new ArrayList<>();
    for (Tier t : tiers) {
      all.addAll(t.agents);
    }
    return all;
  }

  Tier tier(String name) {
    for (Tier t : tiers) {
      if (t.name.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("no tier " + name);
  }

  /** The tier of dedicated agents that write to {@code destination}, or null if there is none. */
  Tier finalTier(String destination) {
    for (Tier t : tiers) {
      if (t.role == Role.FINAL && t.destination.equals(destination)) {
        return t;
      }
    }
    return null;
  }

  enum Role {
    /** One agent per producer host: the producer's source. */
    CLIENT,
    /** Agents that receive from the tier before over Avro; the last of them routes. */
    AGGREGATE,
    /** Dedicated agents of one destination, fed by the last aggregating tier. */
    FINAL
  }

  /** A tier: its agents, the figures that sized it, and the tiers or destinations it feeds. */
  static final class Tier {
    final String name;
    final Role role;
    final String destination;
    final List<Agent> agents = new ArrayList<>();
    final List<Figure> figures = new ArrayList<>();
    boolean routes;
    Tier next;

    Tier(String name, Role role, String destination) {
      this.name = name;
      this.role = role;
      this.destination = destination;
    }

    List<Agent> agents() {
      return Collections.unmodifiableList(agents);
    }
  }

  /** One agent: its name (the Flume {@code -n}), where its Avro source listens, its channels. */
  static final class Agent {
    final String name;
    final Tier tier;
    final Description.Producer producer;
    final List<ChannelPlan> channels;
    String host;
    int port;

    Agent(String name, Tier tier, Description.Producer producer, List<ChannelPlan> channels) {
      this.name = name;
      this.tier = tier;
      this.producer = producer;
      this.channels = channels;
    }

    boolean hasAvroSource() {
      return producer == null || producer.source.equals("avro");
    }
  }

  /**
   * One channel of an agent and the sinks that drain it: to the next tier ({@code destination}
   * null), to a destination's dedicated agents, or straight into the destination.
   */
  static final class ChannelPlan {
    final String name;
    final String destination;
    final Figure incomingBatch;
    final Figure exitBatch;
    final Figure transactionCapacity;
    final Figure capacity;
    final Figure storage;
    final Figure secondsAtAverage;
    final Figure secondsAtWorst;

    ChannelPlan(
        String name,
        String destination,
        Figure incomingBatch,
        Figure exitBatch,
        Figure transactionCapacity,
        Figure capacity,
        Figure storage,
        Figure secondsAtAverage,
        Figure secondsAtWorst) {
      this.name = name;
      this.destination = destination;
      this.incomingBatch = incomingBatch;
      this.exitBatch = exitBatch;
      this.transactionCapacity = transactionCapacity;
      this.capacity = capacity;
      this.storage = storage;
      this.secondsAtAverage = secondsAtAverage;
      this.secondsAtWorst = secondsAtWorst;
    }

    List<Figure> figures() {
      return List.of(
          exitBatch, transactionCapacity, capacity, storage, secondsAtAverage, secondsAtWorst);
    }
  }
}
