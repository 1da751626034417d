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

import dev.sluice.flume.common.config.KeySuggester;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a YAML topology description into a {@link Description}, checking every field. All problems
 * are collected and thrown together as one {@link DescriptionException}, each naming its field
 * (such as {@code destinations[1].worstOutage}), the value given and what is allowed.
 */
final class DescriptionReader {
  static final String[] CHANNELS = {"file", "memory", "kafka", "amps-channel"};
  static final String[] SOURCES = {"avro", "amps"};
  static final String[] KINDS = {"files", "amps", "kafka", "hbase"};
  static final String[] BALANCE = {"load_balance", "failover"};

  /** The settings each destination kind takes, and whether each is required. */
  private static final Map<String, Map<String, Boolean>> KIND_SETTINGS =
      Map.of(
          "files", Map.of("directory", true, "pathTemplate", false),
          "amps", Map.of("uri", true, "topic", true),
          "kafka", Map.of("bootstrapServers", true, "topic", true),
          "hbase", Map.of("table", true, "columnFamily", true, "zookeeperQuorum", true));

  private DescriptionReader() {}

  static Description read(String yamlText) {
    return read(yamlText, new HashSet<>());
  }

  /** Reads a description, adding every field name the reader asks for to {@code asked}. */
  static Description read(String yamlText, Set<String> asked) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
    } catch (YAMLException e) {
      throw new DescriptionException(List.of("not valid YAML: " + e.getMessage()));
    }
    List<String> problems = new ArrayList<>();
    if (!(root instanceof Map)) {
      throw new DescriptionException(
          List.of("the description must be a YAML mapping (keys such as name, producers)"));
    }
    Description.Builder b = new Description.Builder();
    YamlNode n = new YamlNode("", (Map<?, ?>) root, problems, asked);
    b.name = n.name("name", null);
    b.channel = n.oneOf("channel", "file", CHANNELS);
    b.dataDir = n.string("dataDir", "/var/lib/flume");
    if (!b.dataDir.startsWith("/")) {
      n.problem("dataDir", b.dataDir, "an absolute path");
    }
    b.host = n.string("host", "127.0.0.1");
    b.basePort = (int) n.integer("basePort", 41414, 1024, 65000);
    b.agentEventsPerSecond = n.number("agentEventsPerSecond", 20000, 1, 1e9);
    b.batchHeadroom = n.number("batchHeadroom", 1.5, 1, 10);
    b.batchWindowSeconds = n.durationSeconds("batchWindow", "1s", 1, 60);
    b.minBatchSize = (int) n.integer("minBatchSize", 100, 1, 1_000_000);
    b.maxBatchSize = (int) n.integer("maxBatchSize", 10_000, 1, 1_000_000);
    if (b.minBatchSize > b.maxBatchSize) {
      n.problem("minBatchSize", b.minBatchSize, "at most maxBatchSize (" + b.maxBatchSize + ")");
    }
    b.tierOutageSeconds = n.durationSeconds("tierOutage", "5m", 1, 30L * 86400);
    b.headerBytes = (int) n.integer("headerBytes", 64, 0, 1_000_000);
    b.kafkaBootstrapServers = n.string("kafkaBootstrapServers", null);
    b.ampsChannelUri = n.string("ampsChannelUri", null);
    if (b.channel.equals("kafka") && b.kafkaBootstrapServers == null) {
      n.problem(
          "kafkaBootstrapServers", null, "host:port[,host:port] (required with channel: kafka)");
    }
    if (b.channel.equals("amps-channel") && b.ampsChannelUri == null) {
      n.problem(
          "ampsChannelUri",
          null,
          "tcp://host:port/amps/json (required with channel: amps-channel)");
    }
    readMonitor(n, b);
    b.producers = readProducers(n);
    b.tiers = readTiers(n);
    b.destinations = readDestinations(n);
    readRouting(n, b, problems);
    n.finish();
    if (!problems.isEmpty()) {
      throw new DescriptionException(problems);
    }
    return new Description(b);
  }

  private static void readMonitor(YamlNode n, Description.Builder b) {
    YamlNode monitor = n.child("monitor");
    if (monitor == null) {
      return;
    }
    YamlNode g = monitor.child("graphite");
    if (g != null) {
      b.graphiteHost = g.requiredString("host", "the carbon host");
      b.graphitePort = (int) g.integer("port", 2003, 1, 65535);
      g.finish();
    }
    monitor.finish();
  }

  private static List<Description.Producer> readProducers(YamlNode n) {
    List<Description.Producer> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlNode p : n.list("producers", true)) {
      String name = p.name("name", null);
      if (!names.add(name)) {
        p.problem("name", name, "a name no other producer has");
      }
      String source = p.oneOf("source", "avro", SOURCES);
      int hosts = (int) p.integer("hosts", 1, 1, 100_000);
      double avg = p.number("eventsPerSecond", Double.NaN, 0.001, 1e9);
      double peak = p.number("peakEventsPerSecond", avg, 0.001, 1e9);
      if (peak < avg) {
        p.problem("peakEventsPerSecond", peak, "at least eventsPerSecond (" + avg + ")");
      }
      int bytes = (int) p.integer("eventBytes", Long.MIN_VALUE, 1, 100_000_000);
      int batch = (int) p.integer("batchSize", 100, 1, 1_000_000);
      String uri = p.string("uri", null);
      String topic = p.string("topic", null);
      if (source.equals("amps")) {
        if (uri == null) {
          p.problem("uri", null, "tcp://host:port/amps/json (required with source: amps)");
        }
        if (topic == null) {
          p.problem("topic", null, "the AMPS topic (required with source: amps)");
        }
      } else {
        if (uri != null) {
          p.problem("uri", "only with source: amps");
        }
        if (topic != null) {
          p.problem("topic", "only with source: amps");
        }
      }
      p.finish();
      out.add(new Description.Producer(name, source, hosts, avg, peak, bytes, batch, uri, topic));
    }
    return out;
  }

  private static List<Description.PinnedTier> readTiers(YamlNode n) {
    List<Description.PinnedTier> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlNode t : n.list("tiers", false)) {
      String name = t.name("name", null);
      if (!names.add(name)) {
        t.problem("name", name, "a name no other tier has");
      }
      int agents = (int) t.integer("agents", Long.MIN_VALUE, 1, 100_000);
      t.finish();
      out.add(new Description.PinnedTier(name, agents));
    }
    return out;
  }

  private static List<Description.Destination> readDestinations(YamlNode n) {
    List<Description.Destination> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlNode d : n.list("destinations", true)) {
      String name = d.name("name", null);
      if (!names.add(name)) {
        d.problem("name", name, "a name no other destination has");
      }
      String kind = d.oneOf("kind", null, KINDS);
      long outage = d.durationSeconds("worstOutage", null, 1, 30L * 86400);
      int nodes = (int) d.integer("nodes", 0, 0, 10_000);
      String balance = d.oneOf("balance", "load_balance", BALANCE);
      if (nodes == 0 && d.has("balance")) {
        d.problem(
            "balance",
            "only with nodes >= 1 (the agents the last tier feeds through a sink group)");
      }
      double share = d.number("share", 1.0, 0.0001, 1.0);
      Map<String, String> settings = new LinkedHashMap<>();
      Set<String> reported = new HashSet<>();
      for (Map.Entry<String, Map<String, Boolean>> k : KIND_SETTINGS.entrySet()) {
        for (Map.Entry<String, Boolean> s : k.getValue().entrySet()) {
          boolean mine = k.getKey().equals(kind);
          String v = d.string(s.getKey(), null);
          if (mine && v != null) {
            settings.put(s.getKey(), v);
          } else if (mine && s.getValue()) {
            d.problem(s.getKey(), null, "required with kind: " + kind);
          } else if (!mine
              && v != null
              && !KIND_SETTINGS.get(kind).containsKey(s.getKey())
              && reported.add(s.getKey())) {
            d.problem(
                s.getKey(),
                "not a setting of kind: " + kind + " (it belongs to kind: " + k.getKey() + ")");
          }
        }
      }
      if (kind.equals("files")
          && settings.containsKey("directory")
          && !settings.get("directory").startsWith("/")) {
        d.problem("directory", settings.get("directory"), "an absolute path");
      }
      d.finish();
      out.add(new Description.Destination(name, kind, outage, nodes, balance, share, settings));
    }
    return out;
  }

  private static void readRouting(YamlNode n, Description.Builder b, List<String> problems) {
    YamlNode r = n.child("routing");
    if (r == null) {
      return;
    }
    b.routeHeader =
        r.requiredString("header", "the event header whose value picks the destinations");
    List<String> known = new ArrayList<>();
    for (Description.Destination d : b.destinations) {
      known.add(d.name);
    }
    Map<String, List<String>> routes = new LinkedHashMap<>();
    Set<String> reached = new HashSet<>();
    for (Map.Entry<?, ?> e : r.rawMap("routes").entrySet()) {
      String field = r.field("routes") + "." + e.getKey();
      List<String> targets = targets(field, e.getValue(), known, problems);
      routes.put(String.valueOf(e.getKey()), targets);
      reached.addAll(targets);
    }
    if (routes.isEmpty()) {
      r.problem("routes", null, "a mapping of header values to destination names");
    }
    b.routes = routes;
    String def =
        r.requiredString("default", "the destination(s) of events whose header matches no route");
    b.defaultRoute = def == null ? List.of() : targets(r.field("default"), def, known, problems);
    reached.addAll(b.defaultRoute);
    r.finish();
    for (int i = 0; i < b.destinations.size(); i++) {
      if (!reached.contains(b.destinations.get(i).name)) {
        problems.add(
            "destinations["
                + i
                + "].name: '"
                + b.destinations.get(i).name
                + "' receives nothing: no route of routing.routes and not routing.default leads to it");
      }
    }
  }

  /** Destination names separated by spaces or commas, each checked to exist. */
  private static List<String> targets(
      String field, Object value, List<String> known, List<String> problems) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      problems.add(
          field + ": (missing) is not allowed; allowed: destination names, one of " + known);
      return out;
    }
    for (String t : String.valueOf(value).trim().split("[\\s,]+")) {
      if (t.isEmpty()) {
        continue;
      }
      if (!known.contains(t)) {
        String hint = KeySuggester.suggest(t, known);
        problems.add(
            field
                + ": destination '"
                + t
                + "' does not exist"
                + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                + "; destinations: "
                + String.join(", ", known));
      } else if (!out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }
}
