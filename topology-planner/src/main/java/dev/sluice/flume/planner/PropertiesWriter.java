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
import dev.sluice.flume.planner.Plan.Agent;
import dev.sluice.flume.planner.Plan.ChannelPlan;
import dev.sluice.flume.planner.Plan.Role;
import dev.sluice.flume.planner.Plan.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one Flume properties file per agent of a {@link Plan}: the source (Avro from the tier
 * before, or the producer's AMPS subscription), one channel per destination on the routing tier
 * (multiplexing selector on the routing header), Avro sinks to every agent of the next tier or to a
 * destination's dedicated nodes (load-balanced: each sink drains the channel on a sink runner of
 * its own, in no group; failover: in a failover group), or the destination's own sink (Sluice's
 * header-filename sink or AMPS sink, Flume's Kafka or HBase 2 sink).
 */
final class PropertiesWriter {
  static final String AMPS_SOURCE = "dev.sluice.flume.amps.source.AmpsSource";
  static final String AMPS_SINK = "dev.sluice.flume.amps.sink.AmpsSink";
  static final String AMPS_CHANNEL = "dev.sluice.flume.amps.channel.AmpsChannel";
  static final String FILE_SINK = "dev.sluice.flume.sink.file.HeaderFilenameSink";
  static final String GRAPHITE_MONITOR = "dev.sluice.flume.monitor.graphite.GraphiteMonitorService";

  private final Plan plan;
  private final Description d;

  PropertiesWriter(Plan plan) {
    this.plan = plan;
    this.d = plan.description;
  }

  /** Every agent's file, by agent name, in tier order. */
  Map<String, String> all() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Agent a : plan.agents()) {
      out.put(a.name, write(a));
    }
    return out;
  }

  /** The lines a flume-env.sh needs for the Graphite monitor, or null without one. */
  String flumeEnv(Agent a) {
    if (d.graphiteHost == null) {
      return null;
    }
    return "# "
        + a.name
        + ": JVM options for Sluice's graphite-monitor (written by sluice-plan)\n"
        + "export JAVA_OPTS=\"$JAVA_OPTS"
        + " -Dflume.monitoring.type="
        + GRAPHITE_MONITOR
        + " -Dflume.monitoring.host="
        + d.graphiteHost
        + " -Dflume.monitoring.port="
        + d.graphitePort
        + " -Dflume.monitoring.agentName="
        + a.name
        + "\"\n";
  }

  String write(Agent a) {
    Lines p = new Lines(a.name);
    p.comment(
        "Agent "
            + a.name
            + " of topology "
            + d.name
            + ", tier "
            + a.tier.name
            + ". Written by sluice-plan: every size below is explained in the plan's report.");
    List<String> sinks = new ArrayList<>();
    List<String[]> groups = new ArrayList<>();
    for (ChannelPlan c : a.channels) {
      sinks.addAll(sinkNames(a, c));
    }
    p.set("sources", "in");
    p.set("channels", String.join(" ", channelNames(a)));
    p.set("sinks", String.join(" ", sinks));
    for (ChannelPlan c : a.channels) {
      List<String> s = sinkNames(a, c);
      if (failover(c) && s.size() > 1) {
        groups.add(new String[] {groupName(c), String.join(" ", s)});
      }
    }
    if (!groups.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (String[] g : groups) {
        names.add(g[0]);
      }
      p.set("sinkgroups", String.join(" ", names));
    }
    p.comment(
        "Flume 1.11 warns about an agent without config filters; this one also lets a value be"
            + " ${env['VARIABLE']} (a password kept out of the file).");
    p.set("configfilters", "env");
    p.set("configfilters.env.type", "env");
    p.blank();
    source(p, a);
    for (ChannelPlan c : a.channels) {
      p.blank();
      channel(p, a, c);
    }
    for (ChannelPlan c : a.channels) {
      p.blank();
      sinks(p, a, c);
    }
    return p.toString();
  }

  private List<String> channelNames(Agent a) {
    List<String> out = new ArrayList<>();
    for (ChannelPlan c : a.channels) {
      out.add(c.name);
    }
    return out;
  }

  // ------------------------------------------------------------------ source

  private void source(Lines p, Agent a) {
    String s = "sources.in.";
    if (a.producer != null && a.producer.source.equals("amps")) {
      p.comment(
          "The producer " + a.producer.name + ": a bookmark subscription (resumes after a crash).");
      p.set(s + "type", AMPS_SOURCE);
      p.set(s + "channels", "ch");
      p.set(s + "uri", a.producer.ampsUri);
      p.set(s + "topic", a.producer.ampsTopic);
      p.set(s + "clientName", d.name + "-" + a.name);
      p.set(s + "subscriptionId", d.name + "-" + a.name);
      p.set(s + "bookmarkLog", dir(a) + "/amps-bookmarks.log");
      p.set(s + "maxBatch", Long.toString(a.channels.get(0).incomingBatch.asLong()));
      return;
    }
    p.comment(
        a.producer != null
            ? "The producer " + a.producer.name + "'s host sends here with Flume's Avro RPC client."
            : "Avro from the tier before.");
    p.set(s + "type", "avro");
    p.set(s + "channels", String.join(" ", channelNames(a)));
    p.set(s + "bind", a.host);
    p.set(s + "port", Integer.toString(a.port));
    if (a.channels.size() > 1) {
      if (d.hasRouting()) {
        p.comment("Route by the '" + d.routeHeader + "' header to one channel per destination.");
        p.set(s + "selector.type", "multiplexing");
        p.set(s + "selector.header", d.routeHeader);
        for (Map.Entry<String, List<String>> r : d.routes.entrySet()) {
          p.set(s + "selector.mapping." + r.getKey(), channelsOf(r.getValue()));
        }
        p.set(s + "selector.default", channelsOf(d.defaultRoute));
      } else {
        p.comment("No routing: every destination gets every event.");
        p.set(s + "selector.type", "replicating");
      }
    }
  }

  private String channelsOf(List<String> destinations) {
    List<String> out = new ArrayList<>();
    for (String dest : destinations) {
      out.add("ch-" + dest);
    }
    return String.join(" ", out);
  }

  // ------------------------------------------------------------------ channel

  private void channel(Lines p, Agent a, ChannelPlan c) {
    String s = "channels." + c.name + ".";
    p.comment("capacity " + c.capacity.arithmetic);
    p.comment("transactionCapacity " + c.transactionCapacity.arithmetic);
    long tx = c.transactionCapacity.asLong();
    long capacity = c.capacity.asLong();
    switch (d.channel) {
      case "file":
        p.set(s + "type", "file");
        p.set(s + "checkpointDir", dir(a) + "/" + c.name + "/checkpoint");
        p.set(s + "dataDirs", dir(a) + "/" + c.name + "/data");
        p.set(s + "capacity", Long.toString(capacity));
        p.set(s + "transactionCapacity", Long.toString(tx));
        break;
      case "memory":
        p.set(s + "type", "memory");
        p.set(s + "capacity", Long.toString(capacity));
        p.set(s + "transactionCapacity", Long.toString(tx));
        break;
      case "kafka":
        p.comment(
            "The backlog lives in the topic: give it retention for " + c.storage.formatted() + ".");
        p.set(s + "type", "org.apache.flume.channel.kafka.KafkaChannel");
        p.set(s + "kafka.bootstrap.servers", d.kafkaBootstrapServers);
        p.set(s + "kafka.topic", d.name + "-" + a.name + "-" + c.name);
        p.set(s + "kafka.consumer.group.id", d.name + "-" + a.name + "-" + c.name);
        p.set(s + "parseAsFlumeEvent", "true");
        break;
      default:
        p.comment(
            "The backlog lives in AMPS's transaction log; capacity here is the in-memory prefetch.");
        p.set(s + "type", AMPS_CHANNEL);
        p.set(s + "uri", d.ampsChannelUri);
        p.set(s + "topic", d.name + "." + a.name + "." + c.name);
        p.set(s + "clientName", d.name + "-" + a.name + "-" + c.name);
        p.set(s + "bookmarkLog", dir(a) + "/" + c.name + "-bookmarks.log");
        p.set(
            s + "capacity",
            Long.toString(Math.max(tx, Math.min(capacity, Sizing.AMPS_CHANNEL_MAX_PREFETCH))));
        p.set(s + "transactionCapacity", Long.toString(tx));
        break;
    }
  }

  // ------------------------------------------------------------------ sinks

  /** The sinks that drain a channel: one per agent of the next hop, or the destination's one. */
  private List<String> sinkNames(Agent a, ChannelPlan c) {
    List<String> out = new ArrayList<>();
    for (Agent target : targets(a, c)) {
      out.add("to-" + target.name);
    }
    if (out.isEmpty()) {
      out.add(a.channels.size() == 1 ? "out" : "out-" + c.destination);
    }
    return out;
  }

  /** The agents a channel's sinks send to; empty when the channel writes to its destination. */
  private List<Agent> targets(Agent a, ChannelPlan c) {
    if (c.destination == null) {
      return a.tier.next.agents();
    }
    if (a.tier.role == Role.FINAL) {
      return List.of();
    }
    Tier f = plan.finalTier(c.destination);
    return f == null ? List.of() : f.agents();
  }

  /**
   * Whether the channel's sinks form a failover group. Load-balanced sinks form no group: a sink
   * group runs all its sinks on one thread, one batch at a time (the demo's client tier was bound
   * by it, see docs/benchmarks.md), where sinks of their own each drain the channel on their own
   * runner, and the agents that answer faster take more.
   */
  private boolean failover(ChannelPlan c) {
    Destination dest = c.destination == null ? null : d.destination(c.destination);
    return dest != null && dest.balance.equals("failover");
  }

  /** A failover group's name; only a destination's channel has one. */
  private static String groupName(ChannelPlan c) {
    return "g-" + c.destination;
  }

  private void sinks(Lines p, Agent a, ChannelPlan c) {
    List<Agent> targets = targets(a, c);
    long batch = c.exitBatch.asLong();
    if (targets.isEmpty()) {
      destinationSink(p, a, c, sinkNames(a, c).get(0), batch);
      return;
    }
    p.comment("exit batch " + c.exitBatch.arithmetic);
    if (targets.size() > 1 && !failover(c)) {
      p.comment("Load-balanced, in no sink group: each sink drains the channel on a runner of its");
      p.comment("own, so one sends while the others wait for replies. A sink whose agent is down");
      p.comment(
          "fails before it takes an event, or rolls its batch back, and Flume retries it 5 s");
      p.comment("later while the others carry the stream.");
    }
    for (Agent t : targets) {
      String s = "sinks.to-" + t.name + ".";
      p.set(s + "type", "avro");
      p.set(s + "channel", c.name);
      p.set(s + "hostname", t.host);
      p.set(s + "port", Integer.toString(t.port));
      p.set(s + "batch-size", Long.toString(batch));
      p.set(s + "connect-timeout", "5000");
      p.set(s + "request-timeout", "20000");
    }
    if (targets.size() < 2 || !failover(c)) {
      return;
    }
    String g = "sinkgroups." + groupName(c) + ".";
    p.set(g + "sinks", String.join(" ", sinkNames(a, c)));
    p.comment("Failover: one node takes the whole stream; the next in priority when it fails.");
    p.set(g + "processor.type", "failover");
    int priority = targets.size() * 10;
    for (Agent t : targets) {
      p.set(g + "processor.priority.to-" + t.name, Integer.toString(priority));
      priority -= 10;
    }
    p.set(g + "processor.maxpenalty", "10000");
  }

  private void destinationSink(Lines p, Agent a, ChannelPlan c, String sink, long batch) {
    Destination dest = d.destination(c.destination);
    String s = "sinks." + sink + ".";
    p.comment(
        "The destination "
            + dest.name
            + " ("
            + dest.kind
            + "); exit batch "
            + c.exitBatch.arithmetic);
    switch (dest.kind) {
      case "files":
        p.set(s + "type", FILE_SINK);
        p.set(s + "channel", c.name);
        p.set(s + "sink.directory", dest.setting("directory") + "/" + a.name);
        String template = dest.setting("pathTemplate");
        p.set(s + "sink.pathTemplate", template == null ? dest.name + "/%Y%m%d%H.log" : template);
        p.set(s + "sink.useLocalTimeStamp", "true");
        p.set(s + "sink.timeZone", "UTC");
        p.set(s + "sink.batchSize", Long.toString(batch));
        break;
      case "amps":
        p.set(s + "type", AMPS_SINK);
        p.set(s + "channel", c.name);
        p.set(s + "uri", dest.setting("uri"));
        p.set(s + "topic", dest.setting("topic"));
        p.set(s + "clientName", d.name + "-" + a.name + "-" + dest.name);
        p.set(s + "maxBatch", Long.toString(batch));
        break;
      case "kafka":
        p.set(s + "type", "org.apache.flume.sink.kafka.KafkaSink");
        p.set(s + "channel", c.name);
        p.set(s + "kafka.bootstrap.servers", dest.setting("bootstrapServers"));
        p.set(s + "kafka.topic", dest.setting("topic"));
        p.set(s + "flumeBatchSize", Long.toString(batch));
        break;
      default:
        p.set(s + "type", "hbase2");
        p.set(s + "channel", c.name);
        p.set(s + "table", dest.setting("table"));
        p.set(s + "columnFamily", dest.setting("columnFamily"));
        p.set(s + "zookeeperQuorum", dest.setting("zookeeperQuorum"));
        p.set(s + "batchSize", Long.toString(batch));
        break;
    }
  }

  private String dir(Agent a) {
    return d.dataDir + "/" + a.name;
  }

  /** Properties text with the agent's name as every key's prefix. */
  private static final class Lines {
    private final String agent;
    private final StringBuilder sb = new StringBuilder();

    Lines(String agent) {
      this.agent = agent;
    }

    void set(String key, String value) {
      sb.append(agent).append('.').append(key).append(" = ").append(value).append('\n');
    }

    void comment(String text) {
      sb.append("# ").append(text.replace("\n", " ")).append('\n');
    }

    void blank() {
      sb.append('\n');
    }

    @Override
    public String toString() {
      return sb.toString();
    }
  }
}
