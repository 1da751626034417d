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
package dev.sluice.flume.benchmarks.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's two agent configurations ({@code examples/conf/client-tier.properties} and {@code
 * aggregator.properties}, read as they are) with one tier's channel swapped: its file channel
 * {@code ch} replaced by Flume's memory channel of the same {@code capacity} and {@code
 * transactionCapacity}. Every other line is left as it was.
 */
final class DemoConfigs {
  /** The agent name (key prefix) of the client tier's configuration. */
  static final String CLIENT_AGENT = "client";

  /** The agent name (key prefix) of the aggregators' configuration. */
  static final String AGGREGATOR_AGENT = "aggregator";

  /** The channel both of the demo's configurations name. */
  static final String CHANNEL = "ch";

  /** What each tier's channel is in one workload of the benchmark. */
  enum Variant {
    DEFAULT("demo defaults: file channels on both tiers", false, false),
    CLIENT_MEMORY("client tier's channel swapped to memory", true, false),
    AGGREGATORS_MEMORY("aggregators' channel swapped to memory", false, true),
    BOTH_MEMORY("both tiers' channels swapped to memory", true, true);

    final String label;
    final boolean clientMemory;
    final boolean aggregatorsMemory;

    Variant(String label, boolean clientMemory, boolean aggregatorsMemory) {
      this.label = label;
      this.clientMemory = clientMemory;
      this.aggregatorsMemory = aggregatorsMemory;
    }

    /** The client tier's configuration (placeholders filled) for this variant. */
    String client(String filled) {
      return clientMemory ? withMemoryChannel(filled, CLIENT_AGENT) : filled;
    }

    /** An aggregator's configuration (placeholders filled) for this variant. */
    String aggregator(String filled) {
      return aggregatorsMemory ? withMemoryChannel(filled, AGGREGATOR_AGENT) : filled;
    }

    /** A short name for directories and recordings, e.g. {@code client-memory}. */
    String slug() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  private DemoConfigs() {}

  /**
   * Replaces agent {@code agent}'s file channel {@value #CHANNEL} by a memory channel with the same
   * {@code capacity} and {@code transactionCapacity}; the file channel's other keys (directories,
   * checkpoint settings) go. The memory channel's lines take the place of the first file-channel
   * line; comments stay.
   *
   * @throws IllegalArgumentException when the channel is not a file channel with both keys (the
   *     demo's configuration changed, and the swap would no longer mean what the page says)
   */
  static String withMemoryChannel(String properties, String agent) {
    String prefix = agent + ".channels." + CHANNEL + ".";
    Map<String, String> file = new LinkedHashMap<>();
    List<String> kept = new ArrayList<>();
    int at = -1;
    for (String line : properties.split("\n", -1)) {
      String t = line.strip();
      if (!t.startsWith("#") && !t.startsWith("!") && t.startsWith(prefix)) {
        int eq = t.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("no '=' in the line '" + t + "'");
        }
        file.put(t.substring(prefix.length(), eq).strip(), t.substring(eq + 1).strip());
        if (at < 0) {
          at = kept.size();
        }
      } else {
        kept.add(line);
      }
    }
    if (!"file".equals(file.get("type"))) {
      throw new IllegalArgumentException(
          prefix + "type is " + file.get("type") + ", not file: nothing to swap");
    }
    for (String key : List.of("capacity", "transactionCapacity")) {
      if (!file.containsKey(key)) {
        throw new IllegalArgumentException(prefix + key + " is not set: nothing to keep");
      }
    }
    kept.addAll(
        at,
        List.of(
            prefix + "type = memory",
            prefix + "capacity = " + file.get("capacity"),
            prefix + "transactionCapacity = " + file.get("transactionCapacity")));
    return String.join("\n", kept);
  }
}
