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
package dev.sluice.flume.amps.source;

import dev.sluice.flume.amps.client.AmpsClientSettings;
import dev.sluice.flume.amps.client.DeprecatedKey;
import dev.sluice.flume.common.config.ConfigReader;
import dev.sluice.flume.common.config.InvalidConfigurationException;
import dev.sluice.flume.common.log.CredentialRedactor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flume.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every key of the AMPS source, parsed and checked once in {@code configure()}. The keys of
 * 60East's {@code com.crankuptheamps.flume.AMPSFlumeSource} keep their names, meanings and
 * defaults; the rest are Sluice's additions. See {@code docs/amps-source.md}.
 *
 * <p>This class names AMPS client classes only as strings, so that a missing amps-client jar is
 * reported as a configuration problem rather than a {@code NoClassDefFoundError}.
 */
final class AmpsSourceConfig {
  private static final Logger LOG = LoggerFactory.getLogger(AmpsSourceConfig.class);

  static final String CLIENT_FACTORY_CLASS = AmpsClientSettings.CLIENT_FACTORY_CLASS;
  static final String CLIENT_NAME = AmpsClientSettings.CLIENT_NAME;
  static final String BOOKMARK_LOG = "bookmarkLog";
  static final String URI_KEY = AmpsClientSettings.URI_KEY;
  static final String COMMAND = "command";
  static final String TOPIC = "topic";
  static final String FILTER = "filter";
  static final String OPTIONS = "options";
  static final String SUBSCRIPTION_ID = "subscriptionId";
  static final String MAX_BUFFERS = "maxBuffers";
  static final String MAX_BATCH = "maxBatch";
  static final String PRUNE_TIME_THRESHOLD = "pruneTimeThreshold";
  static final String CMD_TYPE_FILTER = "cmdTypeFilter";
  static final String EVENT_HEADERS = "eventHeaders";
  static final String BATCH_DURATION_MILLIS = "batchDurationMillis";
  static final String BACKOFF_SLEEP_INCREMENT = "backoffSleepIncrement";
  static final String MAX_BACKOFF_SLEEP = "maxBackoffSleep";

  /** The plugin's directory under plugins.d, for the message about a missing amps-client jar. */
  static final String PLUGIN_DIRECTORY = "sluice-amps-source";

  /**
   * The source's former names of shared client keys: they still work, with one warning each. The
   * docs' "Renamed keys" table lists them (a test holds the two together).
   */
  static final List<DeprecatedKey> RENAMED_KEYS =
      List.of(
          DeprecatedKey.millis(
              "reconnectInitialDelayMillis", AmpsClientSettings.RECONNECT_INITIAL_DELAY),
          DeprecatedKey.millis("reconnectMaxDelayMillis", AmpsClientSettings.RECONNECT_MAX_DELAY),
          DeprecatedKey.seconds("heartbeatIntervalSeconds", AmpsClientSettings.HEARTBEAT_INTERVAL));

  static final List<String> COMMANDS =
      List.of(
          "subscribe", "delta_subscribe", "sow_and_subscribe", "sow_and_delta_subscribe", "sow");

  // Values of com.crankuptheamps.client.Message.Command (fixed by the AMPS protocol).
  static final int PUBLISH = 1;
  static final int SOW = 8;
  static final int DELTA_PUBLISH = 64;
  static final int OOF = 32768;
  static final int DEFAULT_CMD_TYPE_FILTER = PUBLISH | SOW | DELTA_PUBLISH | OOF;
  static final Map<String, Integer> COMMAND_TYPES = commandTypes();

  /** The names {@code eventHeaders} accepts (60East's), in the order the docs list them. */
  static final List<String> EVENT_HEADER_NAMES =
      List.of(
          "command",
          "topic",
          "sowKey",
          "ampsTimestamp",
          "bookmark",
          "correlationId",
          "subId",
          "length",
          "timestamp");

  final String sourceName;

  /** The shared client keys (factory, name, URIs, reconnect delays, heartbeat). */
  final AmpsClientSettings client;

  /** The custom factory class, or null for the built-in HAClient factory. */
  final String clientFactoryClass;

  final String clientName;

  /** The bookmark log path, or null: then the subscription is not a bookmark subscription. */
  final String bookmarkLog;

  final List<String> uris;
  final String command;
  final String topic;
  final String filter;
  final String options;
  final String subscriptionId;
  final int maxBuffers;
  final int maxBatch;
  final long pruneTimeThresholdMillis;
  final int cmdTypeFilter;
  final List<String> eventHeaders;
  final long batchDurationMillis;
  final long reconnectInitialDelay;
  final long reconnectMaxDelay;
  final CredentialRedactor redactor;

  /** Every key read with a default, and that default (for the docs-versus-code test). */
  final Map<String, String> defaults;

  private final Map<String, String> parameters;

  private AmpsSourceConfig(
      String sourceName, ConfigReader r, Context context, Consumer<String> warnings) {
    this.sourceName = sourceName;
    this.parameters = Map.copyOf(context.getParameters());
    this.client = AmpsClientSettings.read(r, context, PLUGIN_DIRECTORY, RENAMED_KEYS, warnings);
    this.clientFactoryClass = client.clientFactoryClass;
    this.clientName = client.clientName;
    this.bookmarkLog = r.optionalString(BOOKMARK_LOG);
    this.uris = client.uris;
    this.redactor = client.redactor;
    this.command = r.oneOf(COMMAND, "subscribe", COMMANDS.toArray(new String[0]));
    this.topic = r.requiredString(TOPIC, "the topic or topic regular expression to subscribe to");
    this.filter = r.optionalString(FILTER);
    this.options = r.optionalString(OPTIONS);
    this.subscriptionId = r.optionalString(SUBSCRIPTION_ID);
    this.maxBuffers = r.intInRange(MAX_BUFFERS, 10, 1, 100_000);
    this.maxBatch = r.intInRange(MAX_BATCH, 1000, 1, 1_000_000);
    this.pruneTimeThresholdMillis =
        r.durationMillis(PRUNE_TIME_THRESHOLD, 300_000L, 0, Long.MAX_VALUE);
    this.cmdTypeFilter = parseCmdTypeFilter(r);
    this.eventHeaders = parseEventHeaders(r);
    this.batchDurationMillis = r.durationMillis(BATCH_DURATION_MILLIS, 1000L, 0, 3_600_000L);
    this.reconnectInitialDelay = client.reconnectInitialDelay;
    this.reconnectMaxDelay = client.reconnectMaxDelay;
    // Read by Flume's AbstractPollableSource with Context.getLong, which would fail with a bare
    // NumberFormatException: checked here first.
    r.longInRange(BACKOFF_SLEEP_INCREMENT, 1000L, 1, Long.MAX_VALUE);
    r.longInRange(MAX_BACKOFF_SLEEP, 5000L, 1, Long.MAX_VALUE);

    checkCombinations(r);
    r.bool(ConfigReader.STRICT_CONFIG, false); // read again by finish(): here for defaults()
    this.defaults = r.defaults();
  }

  /**
   * Parses and checks every key.
   *
   * @throws InvalidConfigurationException listing every problem, with passwords in URIs masked
   */
  static AmpsSourceConfig parse(String sourceName, Context context) {
    return parse(sourceName, context, LOG::warn);
  }

  /** As {@link #parse(String, Context)}, with the warnings about renamed keys to a consumer. */
  static AmpsSourceConfig parse(String sourceName, Context context, Consumer<String> warnings) {
    ConfigReader r = ConfigReader.forSource(sourceName, "amps-source", context);
    AmpsSourceConfig config = new AmpsSourceConfig(sourceName, r, context, warnings);
    r.finish(config.redactor);
    return config;
  }

  /** A bookmark subscription: the client logs bookmarks and the source discards them. */
  boolean bookmarkSubscription() {
    return bookmarkLog != null;
  }

  /** Every key of the source's context, as 60East's source hands them to a client factory. */
  Properties factoryProperties() {
    Properties p = new Properties();
    p.putAll(parameters);
    return p;
  }

  /** The URIs with passwords masked, for messages. */
  List<String> redactedUris() {
    List<String> out = new ArrayList<>();
    for (String u : uris) {
      out.add(redactor.redact(u));
    }
    return out;
  }

  /** The key a URI came from: uri, or uri1..uriN. */
  String uriKey(int index) {
    return client.uriKey(index);
  }

  /** {@code key = 'value'} for messages about a setting, with passwords masked. */
  String describe(String key) {
    if (URI_KEY.equals(key)) {
      return (uris.size() == 1 ? uriKey(0) : "uri1..uri" + uris.size()) + " = " + redactedUris();
    }
    String v = parameters.get(key);
    return key + (v == null || v.isEmpty() ? " (not set)" : " = '" + redactor.redact(v) + "'");
  }

  private int parseCmdTypeFilter(ConfigReader r) {
    String v = r.string(CMD_TYPE_FILTER, Integer.toString(DEFAULT_CMD_TYPE_FILTER));
    String allowed =
        "must be a bit mask of AMPS command types (an integer from 1, e.g. 9 = publish + sow) or a"
            + " comma-separated list of "
            + String.join(", ", COMMAND_TYPES.keySet());
    String t = v.trim();
    if (t.matches("[0-9]+")) {
      try {
        int mask = Integer.parseInt(t);
        if (mask > 0) {
          return mask;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      r.problem(CMD_TYPE_FILTER, v, allowed);
      return DEFAULT_CMD_TYPE_FILTER;
    }
    int mask = 0;
    for (String name : t.split(",")) {
      Integer bit = COMMAND_TYPES.get(name.trim().toLowerCase(Locale.ROOT));
      if (bit == null) {
        r.problem(CMD_TYPE_FILTER, v, allowed);
        return DEFAULT_CMD_TYPE_FILTER;
      }
      mask |= bit;
    }
    return mask;
  }

  private static List<String> parseEventHeaders(ConfigReader r) {
    String v = r.optionalString(EVENT_HEADERS);
    if (v == null) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String name : v.split(",")) {
      String n = name.trim();
      if (n.isEmpty()) {
        continue;
      }
      if (EVENT_HEADER_NAMES.contains(n)) {
        names.add(n);
      } else {
        unknown.add(n);
      }
    }
    if (!unknown.isEmpty()) {
      r.problem(
          EVENT_HEADERS,
          v,
          "unknown header name(s) "
              + unknown
              + "; allowed: "
              + String.join(", ", EVENT_HEADER_NAMES));
    }
    return List.copyOf(names);
  }

  private void checkCombinations(ConfigReader r) {
    if (bookmarkLog != null && subscriptionId == null) {
      r.problem(
          SUBSCRIPTION_ID,
          null,
          "required when bookmarkLog is set (the bookmark store keeps the subscription's position"
              + " under this id)");
    }
  }

  private static Map<String, Integer> commandTypes() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("publish", PUBLISH);
    m.put("sow", SOW);
    m.put("delta_publish", DELTA_PUBLISH);
    m.put("oof", OOF);
    return Collections.unmodifiableMap(m);
  }
}
