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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoConfigsTest {
  /** The demo's own configurations, as the benchmark reads them (surefire runs in benchmarks/). */
  private static final Path CONF = Paths.get("..", "examples", "conf");

  private static String conf(String name) throws IOException {
    return new String(Files.readAllBytes(CONF.resolve(name)), StandardCharsets.UTF_8);
  }

  private static Properties load(String text) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(text));
    return p;
  }

  @Test
  void swapsTheClientTiersFileChannelForAMemoryChannelOfTheSameCapacities() throws IOException {
    String original = conf("client-tier.properties");
    Properties before = load(original);
    Properties after = load(DemoConfigs.withMemoryChannel(original, "client"));

    assertEquals("file", before.getProperty("client.channels.ch.type"));
    assertEquals("memory", after.getProperty("client.channels.ch.type"));
    assertEquals(
        before.getProperty("client.channels.ch.capacity"),
        after.getProperty("client.channels.ch.capacity"));
    assertEquals(
        before.getProperty("client.channels.ch.transactionCapacity"),
        after.getProperty("client.channels.ch.transactionCapacity"));
    assertFalse(after.containsKey("client.channels.ch.checkpointDir"));
    assertFalse(after.containsKey("client.channels.ch.dataDirs"));
    assertEquals(Set.of("type", "capacity", "transactionCapacity"), channelKeys(after, "client"));
    assertEverythingElseKept(before, after, "client");
  }

  @Test
  void swapsTheAggregatorsFileChannelAndKeepsTheSink() throws IOException {
    String original = conf("aggregator.properties");
    Properties before = load(original);
    Properties after = load(DemoConfigs.withMemoryChannel(original, "aggregator"));

    assertEquals("memory", after.getProperty("aggregator.channels.ch.type"));
    assertEquals(
        before.getProperty("aggregator.channels.ch.capacity"),
        after.getProperty("aggregator.channels.ch.capacity"));
    assertEquals(
        Set.of("type", "capacity", "transactionCapacity"), channelKeys(after, "aggregator"));
    assertEverythingElseKept(before, after, "aggregator");
  }

  @Test
  void variantsSwapOnlyTheirTiers() throws IOException {
    String client = conf("client-tier.properties");
    String aggregator = conf("aggregator.properties");
    assertSame(client, DemoConfigs.Variant.DEFAULT.client(client));
    assertSame(aggregator, DemoConfigs.Variant.DEFAULT.aggregator(aggregator));
    assertSame(aggregator, DemoConfigs.Variant.CLIENT_MEMORY.aggregator(aggregator));
    assertSame(client, DemoConfigs.Variant.AGGREGATORS_MEMORY.client(client));
    assertEquals(
        "memory",
        load(DemoConfigs.Variant.CLIENT_MEMORY.client(client))
            .getProperty("client.channels.ch.type"));
    assertEquals(
        "memory",
        load(DemoConfigs.Variant.AGGREGATORS_MEMORY.aggregator(aggregator))
            .getProperty("aggregator.channels.ch.type"));
    assertEquals(
        "memory",
        load(DemoConfigs.Variant.BOTH_MEMORY.client(client))
            .getProperty("client.channels.ch.type"));
    assertEquals(
        "memory",
        load(DemoConfigs.Variant.BOTH_MEMORY.aggregator(aggregator))
            .getProperty("aggregator.channels.ch.type"));
  }

  @Test
  void putsTheMemoryChannelWhereTheFileChannelWasAndLeavesCommentsAlone() {
    String text =
        String.join(
            "\n",
            "a.sources = s",
            "# a.channels.ch.type = file (a comment stays)",
            "a.channels.ch.type = file",
            "a.channels.ch.dataDirs = /d",
            "a.channels.ch.capacity = 10",
            "a.channels.ch.transactionCapacity = 5",
            "a.sinks = k");
    assertEquals(
        String.join(
            "\n",
            "a.sources = s",
            "# a.channels.ch.type = file (a comment stays)",
            "a.channels.ch.type = memory",
            "a.channels.ch.capacity = 10",
            "a.channels.ch.transactionCapacity = 5",
            "a.sinks = k"),
        DemoConfigs.withMemoryChannel(text, "a"));
  }

  @Test
  void refusesAConfigurationWhoseChannelIsNotAFileChannel() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DemoConfigs.withMemoryChannel(
                    "a.channels.ch.type = memory\na.channels.ch.capacity = 1\n", "a"));
    assertTrue(e.getMessage().contains("a.channels.ch.type is memory, not file"), e.getMessage());
  }

  @Test
  void refusesAFileChannelWithoutItsCapacities() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DemoConfigs.withMemoryChannel("a.channels.ch.type = file\n", "a"));
    assertTrue(e.getMessage().contains("a.channels.ch.capacity is not set"), e.getMessage());
  }

  private static Set<String> channelKeys(Properties p, String agent) {
    String prefix = agent + ".channels.ch.";
    Set<String> keys = new HashSet<>();
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith(prefix)) {
        keys.add(k.substring(prefix.length()));
      }
    }
    return keys;
  }

  private static void assertEverythingElseKept(Properties before, Properties after, String agent) {
    String prefix = agent + ".channels.ch.";
    int compared = 0;
    for (String k : before.stringPropertyNames()) {
      if (!k.startsWith(prefix)) {
        assertEquals(before.getProperty(k), after.getProperty(k), k);
        compared++;
      }
    }
    for (String k : after.stringPropertyNames()) {
      assertTrue(k.startsWith(prefix) || before.containsKey(k), "added: " + k);
    }
    assertTrue(compared > 5, "compared only " + compared + " keys");
  }
}
