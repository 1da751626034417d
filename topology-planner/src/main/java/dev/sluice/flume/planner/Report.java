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

import dev.sluice.flume.planner.Description.Destination;
import dev.sluice.flume.planner.Description.Producer;
import dev.sluice.flume.planner.Plan.Agent;
import dev.sluice.flume.planner.Plan.ChannelPlan;
import dev.sluice.flume.planner.Plan.Role;
import dev.sluice.flume.planner.Plan.Tier;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The plan as a markdown report: the inputs, the tiers, and for every number its value, the rule
 * that produced it and the arithmetic on the inputs.
 */
final class Report {
  private final Plan plan;
  private final Description d;
  private final StringBuilder sb = new StringBuilder();

  private Report(Plan plan) {
    this.plan = plan;
    this.d = plan.description;
  }

  static String markdown(Plan plan) {
    return new Report(plan).build();
  }

  private String build() {
    line("# Topology plan: " + d.name);
    line("");
    line(
        "Written by `sluice-plan plan`. Every number below gives its rule and the arithmetic on the");
    line("description's inputs; docs/topologies.md explains the rules.");
    line("");
    inputs();
    tiersTable();
    line("## Whole topology");
    line("");
    figureTable(plan.figures);
    for (Tier t : plan.tiers) {
      tier(t);
    }
    line("## Before the first start");
    line("");
    line(
        "Create `"
            + d.dataDir
            + "/<agent>` on each agent's host: the AMPS source's and amps-channel's");
    line(
        "bookmark logs are written there and neither creates its directory (file channels and the");
    line("header-filename sink create their own).");
    line("");
    line("## Failure drills");
    line("");
    line(
        "- Losing one agent of an aggregating tier: its upstream agents' sinks to it fail and are retried every 5 s");
    line(
        "  while their sinks to the others drain the channel; the tier's capacity figures assume exactly this");
    line("  (the peak over N - 1 agents).");
    line(
        "- A failed hop rolls the batch back into the sending channel and re-sends it: up to one exit batch of");
    line("  duplicates per failure (delivery is at least once), never a loss.");
    line(
        "- A downstream outage fills the channels upstream of it; the 'a full channel lasts' figures say for how long.");
    return sb.toString();
  }

  private void inputs() {
    line("## Inputs");
    line("");
    line("| Producer | Source | Hosts | Events/s per host (avg / peak) | Event size |");
    line("|---|---|---:|---:|---:|");
    for (Producer p : d.producers) {
      line(
          "| "
              + p.name
              + " | "
              + p.source
              + " | "
              + p.hosts
              + " | "
              + n(p.averageEventsPerSecond)
              + " / "
              + n(p.peakEventsPerSecond)
              + " | "
              + p.eventBytes
              + " bytes |");
    }
    line("");
    line("| Destination | Kind | Worst outage | Reached through | Share of events |");
    line("|---|---|---:|---|---:|");
    for (Destination dest : d.destinations) {
      line(
          "| "
              + dest.name
              + " | "
              + dest.kind
              + " | "
              + Figure.duration(dest.worstOutageSeconds)
              + " | "
              + (dest.nodes == 0
                  ? "the last tier's own sink"
                  : dest.nodes + " nodes, " + dest.balance)
              + " | "
              + n(dest.share)
              + " |");
    }
    line("");
    line(
        "Channel kind `"
            + d.channel
            + "`; one agent carries "
            + n(d.agentEventsPerSecond)
            + " events/s (`agentEventsPerSecond`); batch window "
            + d.batchWindowSeconds
            + " s, headroom "
            + n(d.batchHeadroom)
            + ", batch "
            + d.minBatchSize
            + ".."
            + d.maxBatchSize
            + "; outage between tiers "
            + Figure.duration(d.tierOutageSeconds)
            + " (`tierOutage`); "
            + d.headerBytes
            + " bytes of headers per event.");
    if (d.hasRouting()) {
      StringBuilder r = new StringBuilder();
      d.routes.forEach(
          (k, v) ->
              r.append("`").append(k).append("` -> ").append(String.join(" + ", v)).append("; "));
      line(
          "Routing on header `"
              + d.routeHeader
              + "`: "
              + r
              + "anything else -> "
              + String.join(" + ", d.defaultRoute)
              + ".");
    }
    line("");
  }

  private void tiersTable() {
    line("## Tiers");
    line("");
    line("| Tier | Role | Agents | Sends to |");
    line("|---|---|---:|---|");
    for (Tier t : plan.tiers) {
      line(
          "| "
              + t.name
              + " | "
              + role(t)
              + " | "
              + t.agents.size()
              + " ("
              + names(t.agents)
              + ") | "
              + sendsTo(t)
              + " |");
    }
    line("");
  }

  private String role(Tier t) {
    if (t.role == Role.CLIENT) {
      return "client (one per producer host)";
    }
    if (t.role == Role.FINAL) {
      return "nodes of " + t.destination;
    }
    return t.routes ? "aggregator, routes to destinations" : "aggregator";
  }

  private String sendsTo(Tier t) {
    if (t.next != null) {
      return t.next.name + " (load_balance)";
    }
    if (t.role == Role.FINAL) {
      return t.destination;
    }
    StringBuilder sb2 = new StringBuilder();
    for (Destination dest : d.destinations) {
      if (sb2.length() > 0) {
        sb2.append(", ");
      }
      sb2.append(dest.nodes == 0 ? dest.name : dest.name + " nodes (" + dest.balance + ")");
    }
    return sb2.toString();
  }

  private void tier(Tier t) {
    line("## Tier " + t.name);
    line("");
    figureTable(t.figures);
    Set<Object> done = new HashSet<>();
    for (Agent a : t.agents) {
      // Client agents of one producer are alike, and every other tier's agents share one plan.
      Object key = t.role == Role.CLIENT ? a.producer : a.channels;
      if (!done.add(key)) {
        continue;
      }
      String who =
          t.role == Role.CLIENT
              ? "each agent of producer " + a.producer.name + " (" + a.producer.hosts + ")"
              : "each agent";
      for (ChannelPlan c : a.channels) {
        line(
            "### Channel `"
                + c.name
                + "` of "
                + who
                + " -> "
                + (c.destination == null ? "tier " + t.next.name : c.destination));
        line("");
        figureTable(c.figures());
      }
    }
  }

  private void figureTable(List<Figure> figures) {
    line("| Figure | Value | Rule | Arithmetic |");
    line("|---|---:|---|---|");
    for (Figure f : figures) {
      line("| " + f.what + " | " + f.formatted() + " | " + f.rule + " | " + f.arithmetic + " |");
    }
    line("");
  }

  private static String names(List<Agent> agents) {
    if (agents.size() <= 4) {
      StringBuilder s = new StringBuilder();
      for (Agent a : agents) {
        if (s.length() > 0) {
          s.append(", ");
        }
        s.append(a.name);
      }
      return s.toString();
    }
    return agents.get(0).name + " .. " + agents.get(agents.size() - 1).name;
  }

  private static String n(double v) {
    return Figure.number(v);
  }

  private void line(String s) {
    sb.append(s.replace("\t", " ")).append('\n');
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Report[%s]", d.name);
  }
}
