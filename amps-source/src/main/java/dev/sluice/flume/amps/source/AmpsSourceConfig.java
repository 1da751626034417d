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

import dev.sluice.flume.common.config.ConfigReader;
import dev.sluice.flume.common.config.InvalidConfigurationException;
import dev.sluice.flume.common.log.CredentialRedactor;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.flume.Context;

/**
 * Every key of the AMPS source, parsed and checked once in {@code configure()}. The keys of
 * 60East's {@code com.crankuptheamps.flume.AMPSFlumeSource} keep their names, meanings and
 * defaults; the rest are Sluice's additions. See {@code docs/amps-source.md}.
 *
 * <p>This class names AMPS client classes only as strings, so that a missing amps-client jar is
 * reported as a configuration problem rather than a {@code NoClassDefFoundError}.
 */
final class AmpsSourceConfig {
  static final String CLIENT_FACTORY_CLASS = "clientFactoryClass";
  static final String CLIENT_NAME = "clientName";
  static final String BOOKMARK_LOG = "bookmarkLog";
  static final String URI_KEY = "uri";
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
  static final String RECONNECT_INITIAL_DELAY_MILLIS = "reconnectInitialDelayMillis";
  static final String RECONNECT_MAX_DELAY_MILLIS = "reconnectMaxDelayMillis";
  static final String HEARTBEAT_INTERVAL_SECONDS = "heartbeatIntervalSeconds";
  static final String BACKOFF_SLEEP_INCREMENT = "backoffSleepIncrement";
  static final String MAX_BACKOFF_SLEEP = "maxBackoffSleep";

  /** 60East's default factory; naming it selects the built-in HAClient factory. */
  static final String SIXTY_EAST_DEFAULT_FACTORY =
      "com.crankuptheamps.flume.AMPSBasicClientFunction";

  static final String SERIALIZABLE_FUNCTION = "com.crankuptheamps.client.util.SerializableFunction";

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
  final long reconnectInitialDelayMillis;
  final long reconnectMaxDelayMillis;
  final int heartbeatIntervalSeconds;
  final CredentialRedactor redactor;
  private final Map<String, String> parameters;

  private AmpsSourceConfig(String sourceName, ConfigReader r, Map<String, String> parameters) {
    this.sourceName = sourceName;
    this.parameters = Map.copyOf(parameters);
    String factory = r.optionalString(CLIENT_FACTORY_CLASS);
    this.clientFactoryClass =
        factory == null || factory.trim().equals(SIXTY_EAST_DEFAULT_FACTORY)
            ? null
            : factory.trim();
    this.clientName = r.requiredString(CLIENT_NAME, "the AMPS client name, unique per server");
    this.bookmarkLog = r.optionalString(BOOKMARK_LOG);
    this.uris = r.indexedList(URI_KEY, true, "the AMPS server transport URI");
    this.redactor = CredentialRedactor.forUris(uris);
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
    this.reconnectInitialDelayMillis =
        r.durationMillis(RECONNECT_INITIAL_DELAY_MILLIS, 200L, 1, 3_600_000L);
    this.reconnectMaxDelayMillis =
        r.durationMillis(RECONNECT_MAX_DELAY_MILLIS, 20_000L, 1, 3_600_000L);
    this.heartbeatIntervalSeconds = r.intInRange(HEARTBEAT_INTERVAL_SECONDS, 0, 0, 3600);
    // Read by Flume's AbstractPollableSource with Context.getLong, which would fail with a bare
    // NumberFormatException: checked here first.
    r.longInRange(BACKOFF_SLEEP_INCREMENT, 1000L, 1, Long.MAX_VALUE);
    r.longInRange(MAX_BACKOFF_SLEEP, 5000L, 1, Long.MAX_VALUE);

    checkUris(r);
    checkCombinations(r);
    checkClientClasses(r);
  }

  /**
   * Parses and checks every key.
   *
   * @throws InvalidConfigurationException listing every problem, with passwords in URIs masked
   */
  static AmpsSourceConfig parse(String sourceName, Context context) {
    ConfigReader r = ConfigReader.forSource(sourceName, "amps-source", context);
    AmpsSourceConfig config = new AmpsSourceConfig(sourceName, r, context.getParameters());
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
    String single = parameters.get(URI_KEY);
    return single != null && !single.isEmpty() ? URI_KEY : URI_KEY + (index + 1);
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
    String v = r.optionalString(CMD_TYPE_FILTER);
    if (v == null) {
      return DEFAULT_CMD_TYPE_FILTER;
    }
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

  private void checkUris(ConfigReader r) {
    for (int i = 0; i < uris.size(); i++) {
      String u = uris.get(i);
      String why = null;
      try {
        URI parsed = new URI(u.trim());
        if (parsed.getScheme() == null || parsed.getHost() == null || parsed.getPort() < 0) {
          why = "it has no scheme, host or port";
        }
      } catch (URISyntaxException e) {
        why = e.getReason();
      }
      if (why != null) {
        r.problem(
            uriKey(i),
            redactor.redact(u),
            "must be an AMPS transport URI such as tcp://host:9007/amps/json (" + why + ")");
      }
    }
  }

  private void checkCombinations(ConfigReader r) {
    if (bookmarkLog != null && subscriptionId == null) {
      r.problem(
          SUBSCRIPTION_ID,
          null,
          "required when bookmarkLog is set (the bookmark store keeps the subscription's position"
              + " under this id)");
    }
    if (reconnectMaxDelayMillis < reconnectInitialDelayMillis) {
      r.problem(
          RECONNECT_MAX_DELAY_MILLIS,
          r.raw(RECONNECT_MAX_DELAY_MILLIS),
          "must be at least reconnectInitialDelayMillis (" + reconnectInitialDelayMillis + ")");
    }
  }

  private void checkClientClasses(ConfigReader r) {
    ClassLoader loader = AmpsSourceConfig.class.getClassLoader();
    Class<?> function;
    try {
      function = Class.forName(SERIALIZABLE_FUNCTION, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      r.problem(
          "type",
          r.raw("type"),
          "the AMPS Java client (com.crankuptheamps:amps-client) is not installed: put its jar in"
              + " the plugin's libext/ directory, for example with bin/fetch-amps-client"
              + " <plugins.d>/sluice-amps-source");
      return;
    }
    if (clientFactoryClass == null) {
      return;
    }
    try {
      Class<?> c = Class.forName(clientFactoryClass, false, loader);
      if (!function.isAssignableFrom(c)) {
        r.problem(
            CLIENT_FACTORY_CLASS,
            clientFactoryClass,
            "must implement "
                + SERIALIZABLE_FUNCTION
                + "<java.util.Properties, com.crankuptheamps.client.Client>");
      } else if (Modifier.isAbstract(c.getModifiers()) || !hasPublicNoArgConstructor(c)) {
        r.problem(
            CLIENT_FACTORY_CLASS,
            clientFactoryClass,
            "must be a concrete class with a public no-argument constructor");
      }
    } catch (ClassNotFoundException | LinkageError e) {
      r.problem(
          CLIENT_FACTORY_CLASS,
          clientFactoryClass,
          "class not found: put its jar in the plugin's libext/ directory (" + e + ")");
    }
  }

  private static boolean hasPublicNoArgConstructor(Class<?> c) {
    try {
      return Modifier.isPublic(c.getConstructor().getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
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
