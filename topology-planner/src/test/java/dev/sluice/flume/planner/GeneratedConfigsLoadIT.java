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

import dev.sluice.flume.planner.Plan.Agent;
import dev.sluice.flume.planner.Plan.Tier;
import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.DiscardingListener;
import dev.sluice.flume.testsupport.PluginAgent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every generated file loaded by a real Flume 1.11 agent: no WARN or ERROR while the agents
 * configure and start. For the demo and seed 001 every agent of the topology runs at once (last
 * tier first), so even the Avro hops connect cleanly and no Flume or Sluice logger may warn at all;
 * the 330-agent web farm starts one agent per tier (its files differ only in names and ports), and
 * there the configuration loggers must stay silent (its Avro sinks cannot reach the tiers that are
 * not started, which Flume rightly warns about).
 */
class GeneratedConfigsLoadIT {
  private static final Duration START = Duration.ofMinutes(4);

  /** A line of test-support's agent log layout: {@code %d{ISO8601} %-5p [%t] %c - %m%n}. */
  private static final Pattern LOG_LINE =
      Pattern.compile(
          "^\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\\s+\\[[^\\]]*\\]\\s+(\\S+) - .*$");

  /** Loggers of configuration loading: Flume's conf and node packages, Sluice's config reader. */
  private static final Pattern CONFIG_LOGGERS =
      Pattern.compile(
          "org\\.apache\\.flume\\.(conf|node)\\..*|dev\\.sluice\\.flume\\.common\\.config\\..*");

  /** Every Flume and Sluice logger. */
  private static final Pattern ALL_FLUME =
      Pattern.compile("org\\.apache\\.flume\\..*|dev\\.sluice\\..*");

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void demoTopologyRunsWithoutAWarning() throws IOException {
    AmpsTestkitProcess amps = AmpsTestkitProcess.start(children, "amps");
    LoopbackPlan plan =
        LoopbackPlan.of(SizingTest.description("demo"), children.workDir("demo"), amps.uri(), 0);
    List<PluginAgent> agents = startTiersLastFirst(plan, plan.planned.plan.tiers);
    assertEquals(3, agents.size());
    assertQuiet(agents, ALL_FLUME);
  }

  @Test
  void seed001TopologyWithGraphiteRunsWithoutAWarning() throws IOException {
    try (DiscardingListener graphite = new DiscardingListener()) {
      LoopbackPlan plan =
          LoopbackPlan.of(
              SizingTest.description("seed001"),
              children.workDir("seed001"),
              null,
              graphite.port());
      List<PluginAgent> agents = startTiersLastFirst(plan, plan.planned.plan.tiers);
      assertEquals(21, agents.size());
      assertQuiet(agents, ALL_FLUME);
    }
  }

  @Test
  void webFarmLoadsOneAgentOfEachTierWithoutAConfigurationWarning() throws IOException {
    LoopbackPlan plan =
        LoopbackPlan.of(SizingTest.description("web-farm"), children.workDir("web-farm"), null, 0);
    List<PluginAgent> agents = new ArrayList<>();
    for (Tier t : plan.planned.plan.tiers) {
      agents.add(start(plan, t.agents.get(0)));
    }
    for (PluginAgent a : agents) {
      a.awaitStarted(START);
    }
    assertEquals(3, agents.size());
    assertQuiet(agents, CONFIG_LOGGERS);
  }

  @Test
  void ampsChannelAndMemoryChannelVariantsLoadWithoutAWarning() throws IOException {
    AmpsTestkitProcess amps = AmpsTestkitProcess.start(children, "amps");
    String demo = SizingTest.description("demo");
    List<PluginAgent> agents = new ArrayList<>();
    LoopbackPlan ampsChannel =
        LoopbackPlan.of(
            demo.replace("channel: file", "channel: amps-channel\nampsChannelUri: x"),
            children.workDir("amps-channel"),
            amps.uri(),
            0);
    agents.addAll(startTiersLastFirst(ampsChannel, ampsChannel.planned.plan.tiers));
    LoopbackPlan memory =
        LoopbackPlan.of(
            demo.replace("channel: file", "channel: memory").replace("name: demo", "name: demomem"),
            children.workDir("memory"),
            amps.uri(),
            0);
    agents.addAll(startTiersLastFirst(memory, memory.planned.plan.tiers));
    assertEquals(6, agents.size());
    assertQuiet(agents, ALL_FLUME);
  }

  @Test
  void ampsDestinationLoadsWithoutAWarning() throws IOException {
    AmpsTestkitProcess amps = AmpsTestkitProcess.start(children, "amps");
    String yaml =
        SizingTest.description("demo")
            .replace(
                "kind: files\n    directory: /var/lib/flume/sluice-demo/output\n"
                    + "    pathTemplate: orders/%Y%m%d%H.jsonl",
                "kind: amps\n    uri: tcp://replaced:9007/amps/json\n    topic: orders-out");
    LoopbackPlan plan = LoopbackPlan.of(yaml, children.workDir("amps-sink"), amps.uri(), 0);
    assertTrue(plan.planned.properties.get("agg-1").contains(PropertiesWriter.AMPS_SINK));
    List<PluginAgent> agents = startTiersLastFirst(plan, plan.planned.plan.tiers);
    assertEquals(3, agents.size());
    assertQuiet(agents, ALL_FLUME);
  }

  private List<PluginAgent> startTiersLastFirst(LoopbackPlan plan, List<Tier> tiers) {
    List<PluginAgent> all = new ArrayList<>();
    for (int i = tiers.size() - 1; i >= 0; i--) {
      List<PluginAgent> tier = new ArrayList<>();
      for (Agent a : tiers.get(i).agents) {
        tier.add(start(plan, a));
      }
      for (PluginAgent a : tier) {
        a.awaitStarted(START);
      }
      all.addAll(tier);
    }
    return all;
  }

  private PluginAgent start(LoopbackPlan plan, Agent a) {
    return plan.builder(a)
        .startupTimeout(START)
        .startWithoutWaiting(children, plan.work.resolve("agents").resolve(a.name));
  }

  private static void assertQuiet(List<PluginAgent> agents, Pattern loggers) {
    List<String> found = new ArrayList<>();
    for (PluginAgent a : agents) {
      int parsed = 0;
      for (String line : a.log().split("\n")) {
        Matcher m = LOG_LINE.matcher(line);
        if (!m.matches()) {
          continue;
        }
        parsed++;
        boolean bad =
            m.group(1).equals("WARN") || m.group(1).equals("ERROR") || m.group(1).equals("FATAL");
        if (bad && loggers.matcher(m.group(2)).matches()) {
          found.add(a.name() + ": " + line);
        }
      }
      // The layout is the one this test parses: the agent's INFO lines are read as log lines.
      assertTrue(parsed > 10, a.name() + ": only " + parsed + " log lines parsed");
      assertTrue(a.log().contains("Starting Sink"), a.name() + " never started its sinks");
    }
    assertTrue(found.isEmpty(), "warnings or errors:\n" + String.join("\n", found));
  }
}
