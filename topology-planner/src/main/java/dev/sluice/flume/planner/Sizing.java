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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sizing rules of thumb (seed 002, "Planning and sizing a Flume topology"), applied to a
 * description. Each number becomes a {@link Figure} carrying its rule and arithmetic:
 *
 * <ul>
 *   <li>tiers: one aggregating agent per 4 to 16 upstream agents, and enough agents in a tier to
 *       carry the peak when one of them is lost: {@code N >= ceil(peak / agentEventsPerSecond) +
 *       1};
 *   <li>exit batch: the tier's steady exit volume divided by its agents, over the batch window,
 *       times the headroom, rounded up to 100, within {@code minBatchSize..maxBatchSize} (the
 *       maximum bounds the duplicates a failed hop re-sends);
 *   <li>transactionCapacity: the larger of the batch that puts into the channel and the batch that
 *       takes from it;
 *   <li>capacity: the worst ingest rate of one agent (the peak, spread over the tier less one
 *       agent) sustained over the worst downstream outage, rounded up to 1,000;
 *   <li>storage: capacity x bytes per event (event + headers + 32 bytes of record framing), twice
 *       for a file channel's data files plus its 8-byte-per-slot checkpoint.
 * </ul>
 *
 * Problems (a tier that cannot carry the peak, a fan-in outside the rule) are collected and thrown
 * together as a {@link DescriptionException} naming the field to change.
 */
final class Sizing {
  static final int MIN_FAN_IN = 4;
  static final int MAX_FAN_IN = 16;

  /** Flume's file-channel record framing per event, estimated (header, lengths, checksum). */
  static final int RECORD_OVERHEAD_BYTES = 32;

  /** amps-channel's capacity is its in-memory prefetch; AMPS's log holds the backlog. */
  static final int AMPS_CHANNEL_MAX_PREFETCH = 10_000;

  private final Description d;
  private final List<String> problems = new ArrayList<>();
  private final double avg;
  private final double peak;
  private final double cap;

  private Sizing(Description d) {
    this.d = d;
    this.avg = d.averageEventsPerSecond();
    this.peak = d.peakEventsPerSecond();
    this.cap = d.agentEventsPerSecond;
  }

  static Plan plan(Description d) {
    return new Sizing(d).build();
  }

  private Plan build() {
    List<Figure> global = new ArrayList<>();
    global.add(volume("steady volume (every tier)", avg, "eventsPerSecond"));
    global.add(volume("peak volume (every tier)", peak, "peakEventsPerSecond"));
    int need = Math.max(2, (int) Math.ceil(peak / cap) + 1);
    global.add(
        new Figure(
            "agents a tier needs to carry the peak with one lost",
            need,
            "agents",
            "N - 1 agents must carry the peak: N >= ceil(peak / agentEventsPerSecond) + 1, and at least 2",
            "ceil(" + n(peak) + " / " + n(cap) + ") + 1 = " + need));

    List<Tier> tiers = new ArrayList<>();
    Tier client = clientTier();
    tiers.add(client);
    tiers.addAll(aggregatorTiers(client.agents.size(), need));
    Tier last = tiers.get(tiers.size() - 1);
    for (int i = 1; i < tiers.size(); i++) {
      tiers.get(i - 1).next = tiers.get(i);
    }
    last.routes = true;
    for (int i = 0; i < d.destinations.size(); i++) {
      Destination dest = d.destinations.get(i);
      if (dest.nodes > 0) {
        tiers.add(finalTier(i, dest, last.agents.size()));
      }
    }
    checkNames(tiers);
    if (!problems.isEmpty()) {
      throw new DescriptionException(problems);
    }
    sizeChannels(tiers);
    assignPorts(tiers);
    return new Plan(d, tiers, global);
  }

  // ------------------------------------------------------------------ tiers

  private Tier clientTier() {
    Tier t = new Tier("client", Role.CLIENT, null);
    for (int i = 0; i < d.producers.size(); i++) {
      Producer p = d.producers.get(i);
      if (p.peakEventsPerSecond > cap) {
        problems.add(
            "producers["
                + i
                + "].peakEventsPerSecond: one host's peak of "
                + n(p.peakEventsPerSecond)
                + " events/s is more than one agent carries (agentEventsPerSecond "
                + n(cap)
                + "); allowed: at most "
                + n(cap)
                + " (split the producer over more hosts, or raise agentEventsPerSecond after measuring)");
      }
      for (int h = 1; h <= p.hosts; h++) {
        t.agents.add(new Agent(p.name + "-" + h, t, p, new ArrayList<>()));
      }
    }
    t.figures.add(
        new Figure(
            "agents",
            t.agents.size(),
            "agents",
            "one client agent per producer host",
            "sum of producers' hosts = " + t.agents.size()));
    return t;
  }

  private List<Tier> aggregatorTiers(int clients, int need) {
    List<Tier> out = new ArrayList<>();
    int upstream = clients;
    if (!d.tiers.isEmpty()) {
      for (int i = 0; i < d.tiers.size(); i++) {
        Description.PinnedTier pin = d.tiers.get(i);
        checkPinned(i, pin, upstream, need);
        out.add(
            aggregatorTier(
                pin.name, pin.agents, upstream, need, "given in tiers[" + i + "].agents"));
        upstream = pin.agents;
      }
      return out;
    }
    int index = 1;
    while (true) {
      int byFanIn = (upstream + MAX_FAN_IN - 1) / MAX_FAN_IN;
      int agents = Math.max(need, byFanIn);
      String name = "agg" + (index == 1 ? "" : Integer.toString(index));
      out.add(
          aggregatorTier(
              name,
              agents,
              upstream,
              need,
              "max(agents the peak needs "
                  + need
                  + ", ceil("
                  + upstream
                  + " upstream / "
                  + MAX_FAN_IN
                  + ") = "
                  + byFanIn
                  + ")"));
      // Another tier only helps while this one is wider than one aggregator's fan-in and the
      // peak does not already need this many agents.
      if (agents <= MAX_FAN_IN || agents == need) {
        return out;
      }
      upstream = agents;
      index++;
    }
  }

  private void checkPinned(int i, Description.PinnedTier pin, int upstream, int need) {
    String field = "tiers[" + i + "].agents";
    int minByFanIn = (upstream + MAX_FAN_IN - 1) / MAX_FAN_IN;
    int maxByFanIn = Math.max(need, upstream / MIN_FAN_IN);
    if (pin.agents < need) {
      problems.add(
          field
              + ": "
              + pin.agents
              + " agents cannot carry the peak of "
              + n(peak)
              + " events/s with one of them lost ("
              + n(peak)
              + " / "
              + Math.max(1, pin.agents - 1)
              + " = "
              + n(peak / Math.max(1, pin.agents - 1))
              + " events/s per agent, more than agentEventsPerSecond "
              + n(cap)
              + "); allowed: at least "
              + need);
    } else if (pin.agents < minByFanIn) {
      problems.add(
          field
              + ": "
              + pin.agents
              + " agents under "
              + upstream
              + " upstream agents is a fan-in of "
              + n(upstream / (double) pin.agents)
              + ":1, above "
              + MAX_FAN_IN
              + ":1; allowed: at least "
              + minByFanIn);
    } else if (pin.agents > maxByFanIn) {
      problems.add(
          field
              + ": "
              + pin.agents
              + " agents under "
              + upstream
              + " upstream agents is a fan-in of "
              + n(upstream / (double) pin.agents)
              + ":1, below "
              + MIN_FAN_IN
              + ":1, and the peak needs only "
              + need
              + "; allowed: "
              + Math.max(need, minByFanIn)
              + " to "
              + maxByFanIn);
    }
  }

  private Tier aggregatorTier(String name, int agents, int upstream, int need, String why) {
    Tier t = new Tier(name, Role.AGGREGATE, null);
    List<ChannelPlan> shared = new ArrayList<>();
    for (int a = 1; a <= agents; a++) {
      t.agents.add(new Agent(name + "-" + a, t, null, shared));
    }
    t.figures.add(
        new Figure(
            "agents",
            agents,
            "agents",
            "enough for the peak with one lost, fan-in at most 16:1",
            why));
    t.figures.add(
        new Figure(
            "fan-in",
            upstream / (double) agents,
            ": 1",
            "4:1 to 16:1 upstream agents per agent (below 4:1 only when the peak or the loss of one agent needs the agents)",
            upstream
                + " upstream / "
                + agents
                + " = "
                + n(upstream / (double) agents)
                + (agents == need && upstream / (double) agents < MIN_FAN_IN
                    ? " (the minimum of " + need + " agents)"
                    : "")));
    return t;
  }

  private Tier finalTier(int i, Destination dest, int upstream) {
    String field = "destinations[" + i + "].nodes";
    double load = peak * dest.share;
    if (dest.nodes < 2) {
      problems.add(
          field
              + ": 1 node cannot survive its own loss; allowed: at least 2 (or 0: the last tier writes to "
              + dest.name
              + " itself)");
    } else if (dest.balance.equals("failover") && load > cap) {
      problems.add(
          field
              + ": with balance: failover one node takes the whole stream of "
              + n(load)
              + " events/s (peak x share), more than agentEventsPerSecond "
              + n(cap)
              + "; allowed: balance: load_balance, or a larger agentEventsPerSecond after measuring");
    } else if (dest.balance.equals("load_balance") && load / (dest.nodes - 1) > cap) {
      int needNodes = (int) Math.ceil(load / cap) + 1;
      problems.add(
          field
              + ": "
              + dest.nodes
              + " nodes cannot carry "
              + n(load)
              + " events/s (peak x share) with one lost ("
              + n(load / (dest.nodes - 1))
              + " events/s per node, more than agentEventsPerSecond "
              + n(cap)
              + "); allowed: at least "
              + needNodes);
    }
    if (dest.nodes > 0 && upstream / (double) dest.nodes > MAX_FAN_IN) {
      problems.add(
          field
              + ": "
              + upstream
              + " routing agents into "
              + dest.nodes
              + " nodes is a fan-in above "
              + MAX_FAN_IN
              + ":1; allowed: at least "
              + ((upstream + MAX_FAN_IN - 1) / MAX_FAN_IN));
    }
    Tier t = new Tier(dest.name, Role.FINAL, dest.name);
    List<ChannelPlan> shared = new ArrayList<>();
    for (int a = 1; a <= dest.nodes; a++) {
      t.agents.add(new Agent(dest.name + "-" + a, t, null, shared));
    }
    t.figures.add(
        new Figure(
            "agents",
            dest.nodes,
            "agents",
            dest.balance.equals("failover")
                ? "failover: one node (the highest priority alive) takes the whole stream, the others stand by"
                : "load_balance: N - 1 nodes carry the destination's peak",
            "given in " + field));
    return t;
  }

  private void checkNames(List<Tier> tiers) {
    Set<String> seen = new HashSet<>();
    for (Tier t : tiers) {
      for (Agent a : t.agents) {
        if (!seen.add(a.name)) {
          problems.add(
              "agent name '"
                  + a.name
                  + "' is produced twice (producer, tier and destination names must not make the same <name>-<n>); rename one of them");
        }
      }
    }
  }

  // ------------------------------------------------------------------ channels

  private void sizeChannels(List<Tier> tiers) {
    long incomingFromClients = 0;
    Tier client = tiers.get(0);
    for (Agent a : client.agents) {
      Producer p = a.producer;
      int incoming = p.source.equals("amps") ? batch(p.averageEventsPerSecond) : p.batchSize;
      String incomingRule =
          p.source.equals("amps")
              ? "the AMPS source's maxBatch, set to the exit batch"
              : "producers' batchSize (the host's Avro client batch)";
      a.channels.add(
          channel(
              "ch",
              null,
              p.averageEventsPerSecond,
              p.peakEventsPerSecond,
              "host's eventsPerSecond " + n(p.averageEventsPerSecond),
              "host's peakEventsPerSecond " + n(p.peakEventsPerSecond),
              incoming,
              incomingRule,
              d.tierOutageSeconds,
              "tierOutage"));
      incomingFromClients = Math.max(incomingFromClients, a.channels.get(0).exitBatch.asLong());
    }
    long incoming = incomingFromClients;
    for (Tier t : tiers) {
      if (t.role != Role.AGGREGATE) {
        continue;
      }
      int nAgents = t.agents.size();
      List<ChannelPlan> shared = t.agents.get(0).channels;
      if (!t.routes) {
        shared.add(
            channel(
                "ch",
                null,
                avg / nAgents,
                peak / (nAgents - 1),
                "steady " + n(avg) + " / " + nAgents + " agents",
                "peak " + n(peak) + " / (" + nAgents + " - 1) agents",
                incoming,
                "the upstream tier's exit batch",
                d.tierOutageSeconds,
                "tierOutage"));
        incoming = shared.get(0).exitBatch.asLong();
        continue;
      }
      for (Destination dest : d.destinations) {
        String chName = d.destinations.size() == 1 ? "ch" : "ch-" + dest.name;
        boolean viaNodes = dest.nodes > 0;
        shared.add(
            channel(
                chName,
                dest.name,
                avg * dest.share / nAgents,
                peak * dest.share / (nAgents - 1),
                "steady " + n(avg) + " x share " + n(dest.share) + " / " + nAgents + " agents",
                "peak " + n(peak) + " x share " + n(dest.share) + " / (" + nAgents + " - 1) agents",
                incoming,
                "the upstream tier's exit batch",
                viaNodes ? d.tierOutageSeconds : dest.worstOutageSeconds,
                viaNodes
                    ? "tierOutage (to " + dest.name + "'s nodes)"
                    : dest.name + ".worstOutage"));
      }
      for (Tier f : tiers) {
        if (f.role != Role.FINAL) {
          continue;
        }
        Destination dest = d.destination(f.destination);
        long in = 0;
        for (ChannelPlan c : shared) {
          if (dest.name.equals(c.destination)) {
            in = c.exitBatch.asLong();
          }
        }
        int m = f.agents.size();
        boolean failover = dest.balance.equals("failover");
        double steady = failover ? avg * dest.share : avg * dest.share / m;
        double worst = failover ? peak * dest.share : peak * dest.share / (m - 1);
        f.agents
            .get(0)
            .channels
            .add(
                channel(
                    "ch",
                    dest.name,
                    steady,
                    worst,
                    failover
                        ? "steady "
                            + n(avg)
                            + " x share "
                            + n(dest.share)
                            + " (failover: one node takes it all)"
                        : "steady " + n(avg) + " x share " + n(dest.share) + " / " + m + " nodes",
                    failover
                        ? "peak " + n(peak) + " x share " + n(dest.share) + " (one node)"
                        : "peak "
                            + n(peak)
                            + " x share "
                            + n(dest.share)
                            + " / ("
                            + m
                            + " - 1) nodes",
                    in,
                    "the routing tier's exit batch to " + dest.name,
                    dest.worstOutageSeconds,
                    dest.name + ".worstOutage"));
      }
    }
  }

  private ChannelPlan channel(
      String name,
      String destination,
      double steady,
      double worst,
      String steadyWhy,
      String worstWhy,
      long incoming,
      String incomingWhy,
      long outageSeconds,
      String outageWhy) {
    double raw = steady * d.batchWindowSeconds * d.batchHeadroom;
    int exit = batch(steady);
    Figure in = new Figure("incoming batch", incoming, "events", incomingWhy, n(incoming));
    Figure exitBatch =
        new Figure(
            "exit batch",
            exit,
            "events",
            "steady exit volume per agent x batchWindow x batchHeadroom, rounded up to 100, within minBatchSize..maxBatchSize"
                + " (a failed hop re-sends up to one batch: at most this many duplicates per failure)",
            steadyWhy
                + " = "
                + n(steady)
                + " events/s; x "
                + d.batchWindowSeconds
                + " s x "
                + n(d.batchHeadroom)
                + " = "
                + n(Math.ceil(raw))
                + " -> "
                + exit
                + (exit == d.maxBatchSize && raw > d.maxBatchSize
                    ? " (capped by maxBatchSize to bound duplicates)"
                    : ""));
    long tx = Math.max(incoming, exit);
    Figure txCap =
        new Figure(
            "transactionCapacity",
            tx,
            "events",
            "at least the batch that puts into the channel and the batch that takes from it",
            "max(incoming " + incoming + " (" + incomingWhy + "), exit " + exit + ") = " + tx);
    long byOutage = roundUp((long) Math.ceil(worst * outageSeconds), 1000);
    long capacity = Math.max(byOutage, roundUp(tx, 1000));
    Figure capacityFig =
        new Figure(
            "capacity",
            capacity,
            "events",
            "worst ingest rate of one agent sustained over the worst downstream outage, rounded up to 1,000",
            worstWhy
                + " = "
                + n(worst)
                + " events/s x "
                + outageWhy
                + " "
                + outageSeconds
                + " s = "
                + n(Math.ceil(worst * outageSeconds))
                + " -> "
                + n(capacity));
    long perEvent = (long) d.maxEventBytes() + d.headerBytes + RECORD_OVERHEAD_BYTES;
    Figure storage = storage(capacity, perEvent);
    Figure atAvg =
        new Figure(
            "a full channel lasts, at the steady rate",
            capacity / steady,
            "seconds",
            "capacity / steady ingest per agent: how long the agent can buffer a downstream outage on an ordinary day",
            n(capacity) + " / " + n(steady) + " events/s");
    Figure atWorst =
        new Figure(
            "a full channel lasts, at the worst rate",
            capacity / worst,
            "seconds",
            "capacity / worst ingest per agent: at least the outage it was sized for",
            n(capacity) + " / " + n(worst) + " events/s");
    return new ChannelPlan(
        name, destination, in, exitBatch, txCap, capacityFig, storage, atAvg, atWorst);
  }

  private Figure storage(long capacity, long perEvent) {
    String perEventWhy =
        "(eventBytes "
            + d.maxEventBytes()
            + " + headerBytes "
            + d.headerBytes
            + " + "
            + RECORD_OVERHEAD_BYTES
            + " framing)";
    switch (d.channel) {
      case "file":
        long disk = 2 * capacity * perEvent + 8 * capacity;
        return new Figure(
            "file-channel disk",
            disk,
            "bytes",
            "2 x capacity x bytes per event (a data file is deleted only once every event in it is taken) + 8 bytes per slot of checkpoint",
            "2 x "
                + n(capacity)
                + " x "
                + perEvent
                + " "
                + perEventWhy
                + " + 8 x "
                + n(capacity)
                + " = "
                + n(disk)
                + " bytes");
      case "memory":
        long heap = capacity * perEvent;
        return new Figure(
            "memory-channel heap",
            heap,
            "bytes",
            "capacity x bytes per event: the agent's -Xmx must hold it on top of Flume itself",
            n(capacity) + " x " + perEvent + " " + perEventWhy + " = " + n(heap) + " bytes");
      default:
        long held = capacity * perEvent;
        return new Figure(
            d.channel.equals("kafka")
                ? "Kafka retention per channel topic"
                : "AMPS transaction log per channel topic",
            held,
            "bytes",
            "capacity x bytes per event: the backlog lives in "
                + (d.channel.equals("kafka")
                    ? "the Kafka topic (set its retention.bytes and retention.ms above it)"
                    : "AMPS's transaction log (keep at least this much)"),
            n(capacity) + " x " + perEvent + " " + perEventWhy + " = " + n(held) + " bytes");
    }
  }

  int batch(double steadyPerAgent) {
    return batchSize(
        steadyPerAgent, d.batchWindowSeconds, d.batchHeadroom, d.minBatchSize, d.maxBatchSize);
  }

  static int batchSize(double steady, long windowSeconds, double headroom, int min, int max) {
    long raw = roundUp((long) Math.ceil(steady * windowSeconds * headroom - 1e-9), 100);
    return (int) Math.max(min, Math.min(max, raw));
  }

  static long roundUp(long v, long step) {
    return ((v + step - 1) / step) * step;
  }

  private void assignPorts(List<Tier> tiers) {
    int port = d.basePort;
    for (Tier t : tiers) {
      for (Agent a : t.agents) {
        a.host = d.host.replace("{agent}", a.name);
        if (a.hasAvroSource()) {
          a.port = port++;
        }
      }
    }
  }

  private static Figure volume(String what, double v, String field) {
    return new Figure(what, v, "events/s", "sum over producers of hosts x " + field, n(v));
  }

  static String n(long v) {
    return Figure.number(v);
  }

  static String n(double v) {
    return Figure.number(v);
  }
}
