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
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.planner.Plan.ChannelPlan;
import dev.sluice.flume.planner.Plan.Tier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The sizing arithmetic on worked examples whose numbers were computed by hand (the same numbers
 * docs/topologies.md walks through).
 */
class SizingTest {
  static String description(String name) throws IOException {
    return new String(
        Files.readAllBytes(Paths.get("descriptions").resolve(name + ".yaml")),
        StandardCharsets.UTF_8);
  }

  static Plan plan(String name) throws IOException {
    return Sizing.plan(DescriptionReader.read(description(name)));
  }

  private static ChannelPlan channel(Plan plan, String tier, String channel) {
    for (ChannelPlan c : plan.tier(tier).agents.get(0).channels) {
      if (c.name.equals(channel)) {
        return c;
      }
    }
    throw new AssertionError("no channel " + channel + " in tier " + tier);
  }

  @Test
  void demoClientAgentIsSizedForItsPeakOverTheTierOutage() throws IOException {
    Plan p = plan("demo");
    ChannelPlan c = channel(p, "client", "ch");
    // 2,000 events/s x 1 s x 1.5 headroom = 3,000 (already a multiple of 100).
    assertEquals(3000, c.exitBatch.asLong());
    // The AMPS source's maxBatch is the exit batch: max(3,000, 3,000).
    assertEquals(3000, c.transactionCapacity.asLong());
    // Peak 5,000 events/s x tierOutage 5 min (300 s) = 1,500,000.
    assertEquals(1_500_000, c.capacity.asLong());
    // 2 x 1,500,000 x (300 + 64 + 32) + 8 x 1,500,000 = 1,188,000,000 + 12,000,000.
    assertEquals(1_200_000_000L, c.storage.asLong());
    // 1,500,000 / 2,000 = 750 s at the steady rate; / 5,000 = 300 s at the worst.
    assertEquals(750, c.secondsAtAverage.asLong());
    assertEquals(300, c.secondsAtWorst.asLong());
  }

  @Test
  void demoAggregatorsCarryThePeakWithOneLostOverTheDestinationOutage() throws IOException {
    Plan p = plan("demo");
    Tier agg = p.tier("agg");
    assertEquals(2, agg.agents.size());
    ChannelPlan c = channel(p, "agg", "ch");
    // Steady 2,000 / 2 agents = 1,000 events/s x 1 s x 1.5 = 1,500.
    assertEquals(1500, c.exitBatch.asLong());
    // The client's Avro batches of 3,000 arrive as one put transaction each.
    assertEquals(3000, c.transactionCapacity.asLong());
    // Peak 5,000 / (2 - 1) = 5,000 events/s x 30 min (1,800 s) = 9,000,000.
    assertEquals(9_000_000, c.capacity.asLong());
    // 2 x 9,000,000 x 396 + 8 x 9,000,000.
    assertEquals(7_200_000_000L, c.storage.asLong());
    // 9,000,000 / 1,000 events/s = 9,000 s = 2.5 h.
    assertEquals(9000, c.secondsAtAverage.asLong());
    assertEquals("2.5 h", c.secondsAtAverage.formatted());
  }

  @Test
  void aWideFarmGetsTwoAggregatingTiersWithinTheFanInRule() throws IOException {
    Plan p = plan("web-farm");
    // Peak 300 x 600 = 180,000; one agent carries 25,000: ceil(7.2) + 1 = 9 agents at least.
    assertEquals(9, p.figures.get(2).asLong());
    // 300 clients / 16 = 18.75 -> 19 agents (fan-in 15.8:1); 19 > 16, so one more tier:
    // max(9, ceil(19 / 16) = 2) = 9 agents.
    assertEquals(19, p.tier("agg").agents.size());
    assertEquals(9, p.tier("agg2").agents.size());
    assertEquals(3, p.tiers.size());
    // agg2 routes: errors get 5 %: steady 60,000 x 0.05 / 9 = 333.3 events/s x 1.5 = 500.
    assertEquals(500, channel(p, "agg2", "ch-errors").exitBatch.asLong());
    // logs take every event: 60,000 / 9 = 6,666.7 x 1.5 = 10,000 -> exactly maxBatchSize.
    assertEquals(10_000, channel(p, "agg2", "ch-logs").exitBatch.asLong());
    // agg, not routing: 60,000 / 19 = 3,157.9 x 1.5 = 4,736.8 -> 4,800.
    assertEquals(4800, channel(p, "agg", "ch").exitBatch.asLong());
    // Its channel: peak 180,000 / 18 = 10,000 events/s x tierOutage 300 s = 3,000,000.
    assertEquals(3_000_000, channel(p, "agg", "ch").capacity.asLong());
  }

  @Test
  void failoverNodesAreSizedForTheWholeStreamOnOneNode() throws IOException {
    Plan p = plan("seed001");
    ChannelPlan c = channel(p, "unq", "ch");
    // Steady 12 x 500 = 6,000 x share 0.2 = 1,200 events/s on the active node: x 1.5 = 1,800.
    assertEquals(1800, c.exitBatch.asLong());
    // Peak 12 x 1,500 = 18,000 x 0.2 = 3,600 events/s x 30 min = 6,480,000.
    assertEquals(6_480_000, c.capacity.asLong());
    // Load-balanced fs nodes: 18,000 x 0.5 / (2 - 1) = 9,000 events/s x 1 h = 32,400,000.
    assertEquals(32_400_000, channel(p, "fs", "ch").capacity.asLong());
    // The splitters' channel to unq: 18,000 x 0.2 / (3 - 1) = 1,800 x tierOutage 600 s.
    assertEquals(1_080_000, channel(p, "splitter", "ch-unq").capacity.asLong());
  }

  @Test
  void batchSizeIsRoundedUpToHundredsAndBounded() {
    assertEquals(100, Sizing.batchSize(1, 1, 1.5, 100, 10_000));
    assertEquals(200, Sizing.batchSize(101, 1, 1.5, 100, 10_000)); // 151.5 -> 200
    assertEquals(1500, Sizing.batchSize(1000, 1, 1.5, 100, 10_000)); // exactly 1,500
    assertEquals(10_000, Sizing.batchSize(100_000, 1, 1.5, 100, 10_000)); // capped
    assertEquals(3000, Sizing.batchSize(1000, 2, 1.5, 100, 10_000)); // a 2 s window
  }

  @Test
  void capacityIsNeverBelowTheTransactionCapacity() throws IOException {
    String yaml =
        description("demo")
            .replace("worstOutage: 30m", "worstOutage: 1s")
            .replace("name: demo", "name: tiny\ntierOutage: 1s");
    Plan p = Sizing.plan(DescriptionReader.read(yaml));
    ChannelPlan c = channel(p, "agg", "ch");
    // 5,000 events/s x 1 s = 5,000 would do, but a transaction of 3,000 must fit: 5,000 stays.
    assertEquals(5000, c.capacity.asLong());
    assertTrue(c.capacity.asLong() >= c.transactionCapacity.asLong());
  }

  @Test
  void memoryChannelReportsHeapAndKafkaChannelReportsRetention() throws IOException {
    Plan memory =
        Sizing.plan(
            DescriptionReader.read(
                description("demo").replace("channel: file", "channel: memory")));
    assertEquals("memory-channel heap", channel(memory, "agg", "ch").storage.what);
    // 9,000,000 x 396 bytes.
    assertEquals(3_564_000_000L, channel(memory, "agg", "ch").storage.asLong());
    Plan kafka =
        Sizing.plan(
            DescriptionReader.read(
                description("demo")
                    .replace("channel: file", "channel: kafka\nkafkaBootstrapServers: k:9092")));
    assertTrue(channel(kafka, "agg", "ch").storage.what.startsWith("Kafka retention"));
  }

  @Test
  void reportGivesEveryFigureWithRuleAndArithmetic() throws IOException {
    String report = Report.markdown(plan("demo"));
    assertTrue(report.contains("| capacity | 9,000,000 events |"), report);
    assertTrue(
        report.contains(
            "peak 5,000 x share 1 / (2 - 1) agents = 5,000 events/s x files.worstOutage 1800 s"),
        report);
    assertTrue(report.contains("| file-channel disk | 6.7 GiB |"), report);
    assertTrue(report.contains("ceil(5,000 / 20,000) + 1 = 2"), report);
  }

  static Path root() {
    return Paths.get("").toAbsolutePath();
  }
}
