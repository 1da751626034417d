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
package dev.sluice.flume.amps.client;

import dev.sluice.flume.common.config.ConfigReader;
import dev.sluice.flume.common.log.CredentialRedactor;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.flume.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client keys every Sluice AMPS component shares, with one name and one default each, parsed
 * once through the component's {@link ConfigReader} (so their problems are listed with the
 * component's own). A plugin reads its own keys with the same reader before or after.
 *
 * <p>This class names AMPS client classes only as strings, so that a missing amps-client jar is
 * reported as a configuration problem naming {@code libext/}, not a {@code NoClassDefFoundError}.
 */
public final class AmpsClientSettings {
  private static final Logger LOG = LoggerFactory.getLogger(AmpsClientSettings.class);

  public static final String CLIENT_FACTORY_CLASS = "clientFactoryClass";
  public static final String CLIENT_NAME = "clientName";
  public static final String URI_KEY = "uri";
  public static final String RECONNECT_INITIAL_DELAY = "reconnectInitialDelay";
  public static final String RECONNECT_MAX_DELAY = "reconnectMaxDelay";
  public static final String HEARTBEAT_INTERVAL = "heartbeatInterval";

  public static final long DEFAULT_RECONNECT_INITIAL_DELAY = 100L;
  public static final long DEFAULT_RECONNECT_MAX_DELAY = 5_000L;
  public static final long DEFAULT_HEARTBEAT_INTERVAL = 10_000L;

  /** 60East's factory class name: accepted, and served by Sluice's built-in HAClient factory. */
  public static final String SIXTY_EAST_FACTORY =
      "com.crankuptheamps.flume.AMPSBasicClientFunction";

  static final String SERIALIZABLE_FUNCTION = "com.crankuptheamps.client.util.SerializableFunction";

  /** The custom factory class name, or null for the built-in HAClient factory. */
  public final String clientFactoryClass;

  public final String clientName;
  public final List<String> uris;
  public final long reconnectInitialDelay;
  public final long reconnectMaxDelay;

  /** Milliseconds, 0 for off; AMPS takes whole seconds ({@link #heartbeatSeconds()}). */
  public final long heartbeatInterval;

  public final CredentialRedactor redactor;
  private final Map<String, String> parameters;
  private final Map<String, String> uriKeys;

  private AmpsClientSettings(
      ConfigReader r,
      Context context,
      String pluginDirectory,
      List<DeprecatedKey> aliases,
      Consumer<String> warnings) {
    this.parameters = Map.copyOf(context.getParameters());
    String factory = r.optionalString(CLIENT_FACTORY_CLASS);
    this.clientFactoryClass =
        factory == null || factory.trim().equals(SIXTY_EAST_FACTORY) ? null : factory.trim();
    this.clientName = r.requiredString(CLIENT_NAME, "the AMPS client name, unique per server");
    this.uris = r.indexedList(URI_KEY, true, "the AMPS server URIs, tcp://host:port/amps/json");
    this.redactor = CredentialRedactor.forUris(uris);
    this.uriKeys = uriKeys(r);
    DeprecatedKey.Renames renames = new DeprecatedKey.Renames(r, aliases, warnings);
    this.reconnectInitialDelay =
        renames.durationMillis(
            RECONNECT_INITIAL_DELAY, DEFAULT_RECONNECT_INITIAL_DELAY, 1L, 3_600_000L);
    this.reconnectMaxDelay =
        renames.durationMillis(RECONNECT_MAX_DELAY, DEFAULT_RECONNECT_MAX_DELAY, 1L, 3_600_000L);
    long heartbeat =
        renames.durationMillis(HEARTBEAT_INTERVAL, DEFAULT_HEARTBEAT_INTERVAL, 0L, 3_600_000L);
    if (heartbeat > 0 && heartbeat < 1000) {
      r.problem(
          renames.keyGiven(HEARTBEAT_INTERVAL),
          renames.rawGiven(HEARTBEAT_INTERVAL),
          "must be 0 (off) or at least 1000 ms: AMPS heartbeats are whole seconds");
    }
    this.heartbeatInterval = heartbeat;
    if (reconnectMaxDelay < reconnectInitialDelay) {
      r.problem(
          renames.keyGiven(RECONNECT_MAX_DELAY),
          renames.rawGiven(RECONNECT_MAX_DELAY),
          "must be at least reconnectInitialDelay (" + reconnectInitialDelay + " ms)");
    }
    checkUris(r);
    checkClientClasses(r, pluginDirectory);
  }

  /**
   * Reads and checks the shared client keys. Problems go to {@code r}; the caller's {@code
   * r.finish(settings.redactor)} reports them with its own.
   *
   * @param pluginDirectory the plugin's directory name under {@code plugins.d}, for the message
   *     that tells a user where the amps-client jar goes
   * @param aliases the component's former names of shared keys: they still work, each with one
   *     warning naming the new key
   */
  public static AmpsClientSettings read(
      ConfigReader r, Context context, String pluginDirectory, DeprecatedKey... aliases) {
    return read(r, context, pluginDirectory, List.of(aliases), LOG::warn);
  }

  /** As {@link #read(ConfigReader, Context, String, DeprecatedKey...)}, warnings to a consumer. */
  public static AmpsClientSettings read(
      ConfigReader r,
      Context context,
      String pluginDirectory,
      List<DeprecatedKey> aliases,
      Consumer<String> warnings) {
    String component = r.component();
    return new AmpsClientSettings(
        r, context, pluginDirectory, aliases, w -> warnings.accept(component + ": " + w));
  }

  /** True when the component builds its own HAClient (no custom factory). */
  public boolean builtInClient() {
    return clientFactoryClass == null;
  }

  /** The heartbeat in whole seconds for {@code HAClient.setHeartbeat}, 0 when off. */
  public int heartbeatSeconds() {
    return (int) ((heartbeatInterval + 999) / 1000);
  }

  /** Every key of the component, as 60East's components hand them to a client factory. */
  public Properties factoryProperties() {
    Properties p = new Properties();
    p.putAll(parameters);
    return p;
  }

  /** The URIs with passwords masked, for messages. */
  public List<String> redactedUris() {
    List<String> out = new ArrayList<>(uris.size());
    for (String u : uris) {
      out.add(CredentialRedactor.redactUri(u));
    }
    return out;
  }

  /** The key the {@code index}th URI came from: {@code uri}, or {@code uri1}..{@code uriN}. */
  public String uriKey(int index) {
    String key = uriKeys.get(uris.get(index));
    return key != null ? key : URI_KEY + (index + 1);
  }

  private Map<String, String> uriKeys(ConfigReader r) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (int i = 0; i < uris.size(); i++) {
      keys.put(
          uris.get(i), uris.size() == 1 && r.raw(URI_KEY) != null ? URI_KEY : URI_KEY + (i + 1));
    }
    return keys;
  }

  private void checkUris(ConfigReader r) {
    for (int i = 0; i < uris.size(); i++) {
      String problem = uriProblem(uris.get(i));
      if (problem != null) {
        r.problem(uriKey(i), CredentialRedactor.redactUri(uris.get(i)), problem);
      }
    }
  }

  /** What is wrong with an AMPS URI, or null. */
  public static String uriProblem(String uri) {
    String shape = "must be an AMPS URI such as tcp://host:9007/amps/json";
    URI u;
    try {
      u = new URI(uri.trim());
    } catch (URISyntaxException e) {
      return shape + " (" + CredentialRedactor.redactUri(e.getReason()) + ")";
    }
    String scheme = u.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("tcp") || scheme.equalsIgnoreCase("tcps"))) {
      return shape + " (the scheme must be tcp or tcps)";
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      return shape + " (a host is needed)";
    }
    if (u.getPort() < 1 || u.getPort() > 65535) {
      return shape + " (a port from 1 to 65535 is needed)";
    }
    String path = u.getPath();
    if (path == null || !path.matches("/amps/[A-Za-z0-9_.-]+/?")) {
      return shape + " (the path must be /amps/<message type>, for example /amps/json)";
    }
    return null;
  }

  private void checkClientClasses(ConfigReader r, String pluginDirectory) {
    ClassLoader loader = AmpsClientSettings.class.getClassLoader();
    Class<?> function;
    try {
      function = Class.forName(SERIALIZABLE_FUNCTION, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      r.problem("type", r.raw("type"), missingClientJar(pluginDirectory));
      return;
    }
    if (clientFactoryClass == null) {
      return;
    }
    String allowed =
        "must name a public, concrete class with a public no-argument constructor implementing "
            + SERIALIZABLE_FUNCTION
            + "<java.util.Properties, com.crankuptheamps.client.Client>";
    Class<?> c;
    try {
      c = Class.forName(clientFactoryClass, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      r.problem(
          CLIENT_FACTORY_CLASS,
          clientFactoryClass,
          allowed
              + " (class not found: put its jar in the plugin's libext/ directory, "
              + "plugins.d/"
              + pluginDirectory
              + "/libext; "
              + e
              + ")");
      return;
    }
    if (!function.isAssignableFrom(c)) {
      r.problem(CLIENT_FACTORY_CLASS, clientFactoryClass, allowed + " (it does not implement it)");
    } else if (!Modifier.isPublic(c.getModifiers()) || Modifier.isAbstract(c.getModifiers())) {
      r.problem(
          CLIENT_FACTORY_CLASS, clientFactoryClass, allowed + " (it is not public and concrete)");
    } else if (!hasPublicNoArgConstructor(c)) {
      r.problem(
          CLIENT_FACTORY_CLASS,
          clientFactoryClass,
          allowed + " (it has no public no-argument constructor)");
    }
  }

  /** What to tell a user whose plugin directory lacks the amps-client jar. */
  public static String missingClientJar(String pluginDirectory) {
    return "the AMPS Java client (com.crankuptheamps:amps-client) is not installed: put its jar in"
        + " the plugin's libext/ directory, for example with bin/fetch-amps-client"
        + " <plugins.d>/"
        + pluginDirectory;
  }

  private static boolean hasPublicNoArgConstructor(Class<?> c) {
    try {
      return Modifier.isPublic(c.getConstructor().getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
