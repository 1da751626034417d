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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated agent files, read back as properties and checked against each other. */
class PropertiesWriterTest {
  static Map<String, Properties> generated(String description) throws IOException {
    PlannedTopology t = PlannedTopology.of(SizingTest.description(description));
    Map<String, Properties> out = new HashMap<>();
    for (Map.Entry<String, String> e : t.properties.entrySet()) {
      Properties p = new Properties();
      p.load(new StringReader(e.getValue()));
      out.put(e.getKey(), p);
    }
    return out;
  }

  @Test
  void demoClientSendsToBothAggregatorsFromSinksOfTheirOwn() throws IOException {
    Map<String, Properties> all = generated("demo");
    Properties c = all.get("client-1");
    assertEquals(
        "dev.sluice.flume.amps.source.AmpsSource", c.getProperty("client-1.sources.in.type"));
    assertEquals("3000", c.getProperty("client-1.sources.in.maxBatch"));
    assertEquals("to-agg-1 to-agg-2", c.getProperty("client-1.sinks"));
    // No sink group: a group would run both sinks on one thread, one batch at a time.
    assertNull(c.getProperty("client-1.sinkgroups"));
    assertEquals("ch", c.getProperty("client-1.sinks.to-agg-1.channel"));
    assertEquals("ch", c.getProperty("client-1.sinks.to-agg-2.channel"));
    assertEquals(
        all.get("agg-2").getProperty("agg-2.sources.in.port"),
        c.getProperty("client-1.sinks.to-agg-2.port"));
    Properties a = all.get("agg-1");
    assertEquals(
        "dev.sluice.flume.sink.file.HeaderFilenameSink", a.getProperty("agg-1.sinks.out.type"));
    assertEquals(
        "/var/lib/flume/sluice-demo/output/agg-1", a.getProperty("agg-1.sinks.out.sink.directory"));
    assertEquals("9000000", a.getProperty("agg-1.channels.ch.capacity"));
    assertEquals("3000", a.getProperty("agg-1.channels.ch.transactionCapacity"));
    assertEquals("1500", a.getProperty("agg-1.sinks.out.sink.batchSize"));
  }

  @Test
  void splittersRouteByHeaderAndUseFailoverForTheUniqueUserNodes() throws IOException {
    Properties s = generated("seed001").get("splitter-2");
    String src = "splitter-2.sources.in.";
    assertEquals("multiplexing", s.getProperty(src + "selector.type"));
    assertEquals("dist", s.getProperty(src + "selector.header"));
    assertEquals("ch-fs ch-unq", s.getProperty(src + "selector.mapping.fs-uniq"));
    assertEquals("ch-fs", s.getProperty(src + "selector.default"));
    String g = "splitter-2.sinkgroups.g-unq.";
    assertEquals("failover", s.getProperty(g + "processor.type"));
    assertEquals("20", s.getProperty(g + "processor.priority.to-unq-1"));
    assertEquals("10", s.getProperty(g + "processor.priority.to-unq-2"));
    assertEquals("g-unq", s.getProperty("splitter-2.sinkgroups"));
    assertNull(s.getProperty("splitter-2.sinkgroups.g-fs.processor.type"));
    assertEquals("ch-fs", s.getProperty("splitter-2.sinks.to-fs-1.channel"));
    assertEquals("ch-fs", s.getProperty("splitter-2.sinks.to-fs-2.channel"));
    assertEquals("splitter-2.example.com", s.getProperty(src + "bind"));
  }

  /**
   * Checks every agent file of a description against the others: each named channel, sink and group
   * is defined, every sink's batch fits its channel's transactionCapacity, every Avro sink reaches
   * an Avro source of the plan, and every channel's transactionCapacity covers the batches the
   * sinks that feed it send.
   */
  @ParameterizedTest
  @ValueSource(strings = {"demo", "seed001", "web-farm"})
  void everyFileIsConsistentWithTheOthers(String description) throws IOException {
    Map<String, Properties> all = generated(description);
    Map<String, String> sourceAt = new HashMap<>();
    Map<String, Long> sourceTx = new HashMap<>();
    for (Map.Entry<String, Properties> e : all.entrySet()) {
      String a = e.getKey();
      Properties p = e.getValue();
      String port = p.getProperty(a + ".sources.in.port");
      if (port != null) {
        sourceAt.put(p.getProperty(a + ".sources.in.bind") + ":" + port, a);
        long min = Long.MAX_VALUE;
        for (String ch : p.getProperty(a + ".channels").split(" ")) {
          min =
              Math.min(
                  min,
                  Long.parseLong(p.getProperty(a + ".channels." + ch + ".transactionCapacity")));
        }
        sourceTx.put(a, min);
      }
    }
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, Properties> e : all.entrySet()) {
      String a = e.getKey();
      Properties p = e.getValue();
      for (String sink : p.getProperty(a + ".sinks").split(" ")) {
        String k = a + ".sinks." + sink + ".";
        String ch = p.getProperty(k + "channel");
        assertNotNull(
            p.getProperty(a + ".channels." + ch + ".type"), a + " " + sink + " channel " + ch);
        long tx = Long.parseLong(p.getProperty(a + ".channels." + ch + ".transactionCapacity"));
        String batch =
            firstOf(
                p, k, "batch-size", "sink.batchSize", "maxBatch", "flumeBatchSize", "batchSize");
        assertTrue(Long.parseLong(batch) <= tx, a + " " + sink + " batch " + batch + " > tx " + tx);
        if ("avro".equals(p.getProperty(k + "type"))) {
          String target =
              sourceAt.get(p.getProperty(k + "hostname") + ":" + p.getProperty(k + "port"));
          assertNotNull(target, a + " " + sink + " reaches no agent");
          assertTrue(
              Long.parseLong(batch) <= sourceTx.get(target),
              a + " " + sink + " batch > " + target + "'s tx");
          checked.add(a + "->" + target);
        }
      }
      String groups = p.getProperty(a + ".sinkgroups");
      if (groups != null) {
        for (String g : groups.split(" ")) {
          for (String s : p.getProperty(a + ".sinkgroups." + g + ".sinks").split(" ")) {
            assertNotNull(
                p.getProperty(a + ".sinks." + s + ".type"), a + " group " + g + " sink " + s);
          }
        }
      }
    }
    assertTrue(!checked.isEmpty());
  }

  private static String firstOf(Properties p, String prefix, String... keys) {
    for (String k : keys) {
      if (p.getProperty(prefix + k) != null) {
        return p.getProperty(prefix + k);
      }
    }
    throw new AssertionError("no batch key under " + prefix);
  }

  @Test
  void graphiteMonitorGetsAFlumeEnvPerAgent() throws IOException {
    PlannedTopology t = PlannedTopology.of(SizingTest.description("seed001"));
    String env = new PropertiesWriter(t.plan).flumeEnv(t.plan.agents().get(0));
    assertTrue(
        env.contains(
            "-Dflume.monitoring.type=dev.sluice.flume.monitor.graphite.GraphiteMonitorService"),
        env);
    assertTrue(env.contains("-Dflume.monitoring.host=graphite.example.com"), env);
    assertTrue(env.contains("-Dflume.monitoring.agentName=web-1"), env);
  }

  @Test
  void ampsChannelCapacityIsThePrefetchAndTheBacklogLivesInAmps() throws IOException {
    String yaml =
        SizingTest.description("demo")
            .replace(
                "channel: file",
                "channel: amps-channel\nampsChannelUri: tcp://127.0.0.1:9007/amps/json");
    PlannedTopology t = PlannedTopology.of(yaml);
    Properties p = new Properties();
    p.load(new StringReader(t.properties.get("agg-1")));
    assertEquals(
        "dev.sluice.flume.amps.channel.AmpsChannel", p.getProperty("agg-1.channels.ch.type"));
    assertEquals("10000", p.getProperty("agg-1.channels.ch.capacity"));
    assertEquals("demo.agg-1.ch", p.getProperty("agg-1.channels.ch.topic"));
  }
}
