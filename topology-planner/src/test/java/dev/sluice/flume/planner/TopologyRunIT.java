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

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.exception.AMPSException;
import dev.sluice.flume.planner.Plan.Agent;
import dev.sluice.flume.planner.Plan.Tier;
import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.AvroSender;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeTopology;
import dev.sluice.flume.testsupport.PluginTarball;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.flume.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The failure drill: a generated topology, scaled down, runs on loopback with real agents (the
 * seed001 helper's {@link FlumeTopology}); a known set of events goes in while one agent of every
 * tier is SIGKILLed and restarted in turn, each while events are in flight; then every event is
 * counted at the destinations: none missing (duplicates from re-sent batches are allowed and
 * printed: delivery is at least once).
 */
class TopologyRunIT {
  private static final Pattern SEQ = Pattern.compile("seq[=\":]+(\\d+)");
  private static final Duration DELIVERY = Duration.ofMinutes(8);

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  /** The demo's AMPS -> client -> two aggregators -> files, client-1 and then agg-1 killed. */
  @Test
  void demoTopologyDeliversEveryOrderWithOneAgentPerTierKilled() throws Exception {
    AmpsTestkitProcess amps = AmpsTestkitProcess.start(children, "amps");
    String yaml =
        SizingTest.description("demo")
            .replace("    eventsPerSecond: 2000", "    eventsPerSecond: 200")
            .replace("peakEventsPerSecond: 5000", "peakEventsPerSecond: 500");
    LoopbackPlan plan = LoopbackPlan.of(yaml, children.workDir("demo"), amps.uri(), 0);
    FlumeTopology net = start(plan, "demo-agents");
    int chunks = 30;
    int perChunk = 200;
    long total = (long) chunks * perChunk;
    Client publisher = new Client("planner-run-publisher");
    publisher.connect(amps.uri());
    publisher.logon();
    try (GatedFeeder feeder =
        new GatedFeeder("amps-publisher", chunks, chunk -> publish(publisher, chunk, perChunk))) {
      drill(net, plan, feeder);
    } finally {
      publisher.publishFlush(TimeUnit.MINUTES.toMillis(1));
      publisher.close();
    }
    Path out = plan.work.resolve("out/files");
    awaitAll(out, () -> SequenceChecker.expecting(0, total, SEQ), total);
    stopAll(net);
    assertNoneMissing("files", SequenceChecker.expecting(0, total, SEQ).addTree(out).report());
  }

  /**
   * Seed 001's network (2 web hosts, 2 splitters routing on "dist", load-balanced fs and hdfs
   * nodes, a failover pair for unq): one agent of each of the five tiers killed in turn.
   */
  @Test
  void seed001TopologyRoutesEveryEventWithOneAgentPerTierKilled() throws Exception {
    String yaml =
        SizingTest.description("seed001")
            .replace("hosts: 12", "hosts: 2")
            .replace("agents: 3", "agents: 2");
    LoopbackPlan plan = LoopbackPlan.of(yaml, children.workDir("seed001"), null, 0);
    FlumeTopology net = start(plan, "seed001-agents");
    String[] dist = {"fs", "hdfs", "fs-uniq", "hdfs-uniq"};
    int chunks = 40;
    int perChunk = 100;
    long total = (long) chunks * perChunk;
    List<AvroSender> senders = new ArrayList<>();
    for (Agent a : plan.planned.plan.tiers.get(0).agents) {
      senders.add(AvroSender.to(a.port).batchSize(100).retryFor(Duration.ofMinutes(6)));
    }
    try (GatedFeeder feeder =
        new GatedFeeder(
            "avro-senders",
            chunks,
            chunk -> {
              List<Event> events = new ArrayList<>();
              for (long i = (long) chunk * perChunk; i < (long) (chunk + 1) * perChunk; i++) {
                events.add(AvroSender.event("seq=" + i, Map.of("dist", dist[(int) (i % 4)])));
              }
              senders.get(chunk % senders.size()).send(events);
            })) {
      drill(net, plan, feeder);
    } finally {
      senders.forEach(AvroSender::close);
    }
    // dist: i % 4 = 0 fs, 1 hdfs, 2 fs + unq, 3 hdfs + unq.
    Map<String, LongPredicate> routed =
        Map.of(
            "fs", i -> i % 4 == 0 || i % 4 == 2,
            "hdfs", i -> i % 4 == 1 || i % 4 == 3,
            "unq", i -> i % 4 >= 2);
    for (Map.Entry<String, LongPredicate> r : routed.entrySet()) {
      awaitAll(
          plan.work.resolve("out").resolve(r.getKey()),
          () -> SequenceChecker.expectingOnly(0, total, r.getValue(), SEQ),
          total / 2);
    }
    stopAll(net);
    for (Map.Entry<String, LongPredicate> r : routed.entrySet()) {
      SequenceReport report =
          SequenceChecker.expectingOnly(0, total, r.getValue(), SEQ)
              .addTree(plan.work.resolve("out").resolve(r.getKey()))
              .report();
      assertNoneMissing(r.getKey(), report);
      assertEquals(total / 2, report.distinct(), r.getKey() + ": " + report);
    }
    // Failover: the unq stream went through one node at a time, so unq-2 (the standby) wrote
    // only while unq-1 was down; both wrote something because unq-1 was killed mid-run.
    assertTrue(Files.isDirectory(plan.work.resolve("out/unq/unq-1")), "unq-1 wrote nothing");
  }

  /**
   * Lets a fifth of the chunks through, then for each tier: opens the gate a little further, kills
   * the tier's first agent while those events flow, restarts it, and waits for the chunks; then
   * lets the rest through.
   */
  private static void drill(FlumeTopology net, LoopbackPlan plan, GatedFeeder feeder) {
    List<String> victims = new ArrayList<>();
    for (Tier t : plan.planned.plan.tiers) {
      victims.add(t.agents.get(0).name);
    }
    int step = feeder.chunks() / (victims.size() + 2);
    int open = step;
    feeder.openTo(open);
    feeder.awaitSent(open, DELIVERY);
    for (String victim : victims) {
      open += step;
      feeder.openTo(open);
      net.kill(victim);
      System.out.printf("SIGKILL %s with chunks up to %d in flight%n", victim, open);
      net.restart(victim);
      feeder.awaitSent(open, DELIVERY);
    }
    feeder.openTo(feeder.chunks());
    feeder.awaitSent(feeder.chunks(), DELIVERY);
  }

  private static void publish(Client publisher, int chunk, int perChunk) {
    try {
      for (long i = (long) chunk * perChunk; i < (long) (chunk + 1) * perChunk; i++) {
        publisher.publish("orders", "{\"seq\":" + i + ",\"symbol\":\"S" + (i % 7) + "\"}");
      }
      publisher.publishFlush(TimeUnit.MINUTES.toMillis(1));
    } catch (AMPSException e) {
      throw new IllegalStateException("publishing chunk " + chunk, e);
    }
  }

  private FlumeTopology start(LoopbackPlan plan, String workName) {
    Path root = Paths.get("").toAbsolutePath().getParent();
    FlumeTopology.Builder b =
        FlumeTopology.builder(children)
            .workDirName(workName)
            .jvmArgs("-Xmx256m")
            .startupTimeout(Duration.ofMinutes(5));
    for (String plugin : LoopbackPlan.PLUGINS) {
      b.plugin(PluginTarball.of(root.resolve(plugin)));
    }
    for (String plugin : List.of("amps-source", "amps-sink", "amps-channel")) {
      b.libext("sluice-" + plugin, LoopbackPlan.ampsClientJar());
    }
    // The last tiers first, a wave each: their sources listen before the sinks toward them start
    // (a failover group would otherwise begin on its standby).
    List<Tier> tiers = plan.planned.plan.tiers;
    for (int i = tiers.size() - 1; i >= 0; i--) {
      for (Agent a : tiers.get(i).agents) {
        b.agent(a.name, plan.planned.properties.get(a.name), Map.of());
      }
      b.nextWave();
    }
    return b.start();
  }

  /** Waits until {@code expected} distinct events of the checker's range are in {@code out}. */
  private static void awaitAll(Path out, Supplier<SequenceChecker> checker, long expected) {
    await("every event at " + out)
        .atMost(DELIVERY)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                Files.isDirectory(out)
                    && checker.get().addTree(out).report().distinct() >= expected);
  }

  private static void stopAll(FlumeTopology net) {
    for (String name : net.names()) {
      net.agent(name).stop(Duration.ofMinutes(1));
    }
  }

  private static void assertNoneMissing(String destination, SequenceReport report) {
    System.out.println(destination + ": " + report);
    assertEquals(0, report.missing(), destination + ": " + report);
    assertEquals(0, report.outOfRange(), destination + ": " + report);
    assertEquals(0, report.unparseable(), destination + ": " + report);
  }
}
