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
package dev.sluice.flume.monitor.graphite;

import dev.sluice.flume.common.config.ConfigReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flume.Context;

/**
 * Every key of the Graphite monitor, parsed and checked once. Flume builds the {@link Context} from
 * the JVM's {@code flume.monitoring.*} system properties with that prefix removed, so the key
 * {@code host} is set as {@code -Dflume.monitoring.host=graphite.example.com}.
 */
final class GraphiteMonitorConfig {
  static final String HOST = "host";
  static final String PORT = "port";
  static final String PROTOCOL = "protocol";
  static final String POLL_INTERVAL = "pollInterval";
  static final String PREFIX = "prefix";
  static final String AGENT_NAME = "agentName";
  static final String METRIC_NAME_STYLE = "metricNameStyle";
  static final String TAGS = "tags";
  static final String INVALID_CHAR_REPLACEMENT = "invalidCharReplacement";
  static final String INCLUDE = "include";
  static final String EXCLUDE = "exclude";
  static final String RATES = "rates";
  static final String RATE_ATTRIBUTES = "rateAttributes";
  static final String JVM_METRICS = "jvmMetrics";
  static final String MAX_QUEUED_BATCHES = "maxQueuedBatches";
  static final String CONNECT_TIMEOUT = "connectTimeout";
  static final String WRITE_TIMEOUT = "writeTimeout";
  static final String INITIAL_BACKOFF = "initialBackoff";
  static final String MAX_BACKOFF = "maxBackoff";
  static final String SHUTDOWN_TIMEOUT = "shutdownTimeout";

  static final String DEFAULT_PREFIX = "flume.${hostname}.${agent}";
  static final String DEFAULT_RATE_ATTRIBUTES = "(?!Open).*Count";

  /** The counter group through which the monitor reports its own health. */
  static final String MONITOR_NAME = "graphite-monitor";

  final List<Destination> destinations;
  final long pollIntervalMillis;
  final String prefix;
  final NameStyle metricNameStyle;
  final boolean tags;
  final char invalidCharReplacement;
  final Pattern include;
  final Pattern exclude;
  final boolean rates;
  final Pattern rateAttributes;
  final boolean jvmMetrics;
  final int maxQueuedBatches;
  final long connectTimeoutMillis;
  final long writeTimeoutMillis;
  final long initialBackoffMillis;
  final long maxBackoffMillis;
  final long shutdownTimeoutMillis;

  private GraphiteMonitorConfig(ConfigReader r, AgentEnvironment env) {
    destinations = destinations(r);
    pollIntervalMillis = r.durationMillis(POLL_INTERVAL, 60_000, 100, 86_400_000);
    invalidCharReplacement = replacement(r);
    prefix = prefix(r, env, invalidCharReplacement);
    metricNameStyle = r.enumValue(METRIC_NAME_STYLE, NameStyle.KEBAB, NameStyle.class);
    tags = r.bool(TAGS, false);
    include = r.regex(INCLUDE);
    exclude = r.regex(EXCLUDE);
    rates = r.bool(RATES, false);
    Pattern rateAttr = r.regex(RATE_ATTRIBUTES);
    rateAttributes = rateAttr == null ? Pattern.compile(DEFAULT_RATE_ATTRIBUTES) : rateAttr;
    jvmMetrics = r.bool(JVM_METRICS, false);
    maxQueuedBatches = r.intInRange(MAX_QUEUED_BATCHES, 10, 1, 10_000);
    connectTimeoutMillis = r.durationMillis(CONNECT_TIMEOUT, 5_000, 1, 600_000);
    writeTimeoutMillis = r.durationMillis(WRITE_TIMEOUT, 5_000, 1, 600_000);
    initialBackoffMillis = r.durationMillis(INITIAL_BACKOFF, 1_000, 1, 3_600_000);
    maxBackoffMillis = r.durationMillis(MAX_BACKOFF, 60_000, 1, 3_600_000);
    if (initialBackoffMillis > maxBackoffMillis) {
      r.problem(
          MAX_BACKOFF,
          r.raw(MAX_BACKOFF),
          "must be at least initialBackoff (" + initialBackoffMillis + " ms)");
    }
    shutdownTimeoutMillis = r.durationMillis(SHUTDOWN_TIMEOUT, 2_000, 0, 60_000);
  }

  /**
   * Parses every key and throws {@link
   * dev.sluice.flume.common.config.InvalidConfigurationException} listing every problem, if any.
   */
  static GraphiteMonitorConfig parse(Context context, AgentEnvironment env) {
    ConfigReader r = new ConfigReader("monitor", MONITOR_NAME, "graphite-monitor", context);
    GraphiteMonitorConfig config = new GraphiteMonitorConfig(r, env);
    r.finish();
    return config;
  }

  /**
   * The default of every key the monitor reads with one, as a user would write it (docs tests hold
   * the key table's defaults to these).
   */
  static Map<String, String> defaults(Context context, AgentEnvironment env) {
    ConfigReader r = new ConfigReader("monitor", MONITOR_NAME, "graphite-monitor", context);
    new GraphiteMonitorConfig(r, env);
    r.finish();
    return r.defaults();
  }

  private static List<Destination> destinations(ConfigReader r) {
    List<String> hosts = r.indexedList(HOST, true, "the carbon host name or address");
    Protocol defaultProtocol = r.enumValue(PROTOCOL, Protocol.TCP, Protocol.class);
    Integer defaultPort = port(r, PORT, null);
    List<Destination> out = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      String host = hosts.get(i).trim();
      String hostKey = hosts.size() == 1 && r.raw(HOST) != null ? HOST : HOST + (i + 1);
      String suffix = hostKey.substring(HOST.length());
      checkHost(r, hostKey, host);
      Protocol protocol = defaultProtocol;
      Integer port = defaultPort;
      if (!suffix.isEmpty()) {
        protocol = r.enumValue(PROTOCOL + suffix, defaultProtocol, Protocol.class);
        port = port(r, PORT + suffix, defaultPort);
      }
      out.add(new Destination(host, port == null ? protocol.defaultPort : port, protocol));
    }
    return out;
  }

  private static Integer port(ConfigReader r, String key, Integer fallback) {
    if (r.raw(key) == null || r.raw(key).isEmpty()) {
      r.optionalString(key);
      return fallback;
    }
    return r.intInRange(key, 0, 1, 65_535);
  }

  private static void checkHost(ConfigReader r, String key, String host) {
    if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
      r.problem(key, host, "must be one host name or address without spaces");
    } else if (host.matches("[^:\\[\\]]+:\\d*")) {
      r.problem(key, host, "must be a host name or address only; give the port in port");
    } else if (host.contains("/")) {
      r.problem(key, host, "must be a host name or address, not a URL");
    }
  }

  private static char replacement(ConfigReader r) {
    String v = r.string(INVALID_CHAR_REPLACEMENT, "_");
    if (v.length() != 1 || !MetricNames.isSafe(v.charAt(0))) {
      r.problem(INVALID_CHAR_REPLACEMENT, v, "must be one ASCII letter, digit, '-' or '_'");
      return '_';
    }
    return v.charAt(0);
  }

  /** A host name up to its first dot; an IP address whole (10.1.2.3 is not "10"). */
  static String shortName(String host) {
    int dot = host.indexOf('.');
    boolean address = host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    return dot > 0 && !address ? host.substring(0, dot) : host;
  }

  private static String prefix(ConfigReader r, AgentEnvironment env, char replacement) {
    String template = r.string(PREFIX, DEFAULT_PREFIX).trim();
    String agentName = r.optionalString(AGENT_NAME);
    Map<String, String> values = new HashMap<>();
    List<String> names = PrefixTemplate.variables(template);
    if (names.contains("agent")) {
      String agent =
          agentName != null ? agentName : AgentEnvironment.agentNameFrom(env.javaCommand());
      if (agent != null) {
        values.put("agent", agent);
      }
    }
    if (names.contains("hostname")) {
      String host = env.hostName();
      if (host != null && !host.isEmpty()) {
        values.put("hostname", shortName(host));
      }
    }
    if (names.contains("fqdn")) {
      String fqdn = env.fullyQualifiedHostName();
      if (fqdn != null && !fqdn.isEmpty()) {
        values.put("fqdn", fqdn);
      }
    }
    List<String> problems = new ArrayList<>();
    String resolved = PrefixTemplate.resolve(template, values, replacement, problems);
    for (String p : problems) {
      String allowed = p;
      if (p.contains("${agent}")) {
        allowed += "; set " + AGENT_NAME + " or start the agent with -n <name>";
      }
      r.problem(PREFIX, template, allowed);
    }
    return resolved == null ? "flume" : resolved;
  }
}
