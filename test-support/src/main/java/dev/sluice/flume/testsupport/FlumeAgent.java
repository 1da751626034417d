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
package dev.sluice.flume.testsupport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real Flume 1.11 agent ({@code org.apache.flume.node.Application -n NAME -f FILE}) in a child
 * JVM, laid out like an installation: Flume's lib, a {@code plugins.d} made of plugin tarballs or
 * directories, the agent's properties file and a log4j2 configuration in a work directory.
 *
 * <pre>{@code
 * FlumeAgent agent = children.start(
 *     FlumeAgent.builder("a1")
 *         .workDir(children.workDir("agent"))
 *         .config(properties)
 *         .plugin(PluginTarball.ofThisModule("amps-source"))
 *         .libext("sluice-amps-source", ampsClientJar)
 *         .build());
 * agent.awaitStarted(Duration.ofSeconds(90));
 * long taken = agent.counter("SINK.out", "EventDrainSuccessCount");
 * }</pre>
 *
 * <p>Work directory layout: {@code conf/<name>.properties}, {@code conf/log4j2.xml}, {@code
 * plugins.d/}, {@code logs/flume.log} (the agent's log4j output, kept across restarts) and {@code
 * logs/console.log} (the JVM's stdout and stderr). Relative paths in the agent's properties resolve
 * against the work directory.
 *
 * <p>Counters are read over JMX remote, which is always on (loopback, no authentication), so they
 * work whatever monitor the agent runs. Flume's HTTP metrics server also runs on a free port unless
 * the test sets the system property {@code flume.monitoring.type} itself.
 */
public final class FlumeAgent implements ChildProcess {
  static final String MAIN_CLASS = "org.apache.flume.node.Application";
  private static final String MONITORING_TYPE = "flume.monitoring.type";
  private static final int TAIL_LINES = 60;

  /** Lines of Flume's log that mean a component, or the whole agent, will never start. */
  private static final Pattern CONFIGURATION_FAILURE =
      Pattern.compile("No configuration found for this host:|has been removed due to an error");

  private static final Pattern LOG_LEVEL =
      Pattern.compile("(?i)OFF|FATAL|ERROR|WARN|INFO|DEBUG|TRACE|ALL");

  /**
   * JVM options every agent gets. Flume 1.11 needs no {@code --add-opens} on JDK 17 for its core,
   * file channel, Avro source and HTTP metrics (FlumeAgentPluginIT checks the logs for failed
   * reflective access); its only JDK 17 symptom is an INFO line from DirectMemoryUtils falling back
   * from {@code sun.misc.VM} to {@code Runtime.maxMemory()}. Modules whose clients need an opening
   * pass it with {@link Builder#jvmArgs}.
   */
  private static final List<String> DEFAULT_JVM_ARGS = List.of("-Xmx512m");

  private final String name;
  private final Path workDir;
  private final String config;
  private final List<String> components;
  private final List<Path> plugins;
  private final Map<String, List<Path>> extraLibext;
  private final List<String> jvmArgs;
  private final Map<String, String> systemProperties;
  private final Map<String, String> logLevels;
  private final int jmxPort;
  private final OptionalInt httpMetricsPort;
  private final AgentFiles files;

  private ServerProcess process;
  private JmxMetrics metrics;
  private LogScanner logScanner;
  private String configurationFailure;

  private FlumeAgent(Builder builder) {
    this.name = builder.name;
    this.workDir = builder.workDir;
    this.config = builder.config;
    this.components = AgentFiles.componentsOf(builder.name, builder.config);
    this.plugins = List.copyOf(builder.plugins);
    this.extraLibext = copyOf(builder.extraLibext);
    this.jvmArgs = List.copyOf(builder.jvmArgs);
    this.systemProperties = new LinkedHashMap<>(builder.systemProperties);
    this.logLevels = new LinkedHashMap<>(builder.logLevels);
    this.jmxPort = FreePorts.allocate();
    if (systemProperties.containsKey(MONITORING_TYPE)) {
      this.httpMetricsPort = OptionalInt.empty();
    } else {
      int port = FreePorts.allocate();
      this.httpMetricsPort = OptionalInt.of(port);
      systemProperties.put(MONITORING_TYPE, "http");
      systemProperties.put("flume.monitoring.port", Integer.toString(port));
    }
    this.files = new AgentFiles(workDir, name);
  }

  /** Settings for an agent named {@code agentName} (the {@code -n} argument). */
  public static Builder builder(String agentName) {
    return new Builder(agentName);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Writes the configuration, lays out {@code plugins.d} (on the first start only) and starts the
   * agent JVM. Returns once the JVM runs; use {@link #awaitStarted} to wait for the components.
   */
  @Override
  public synchronized FlumeAgent start() {
    if (process == null) {
      files.writeConfiguration(name, config, logLevels);
      PluginsDirectory.layOut(files.pluginsDir, plugins, extraLibext);
      process = buildProcess();
    }
    closeMetrics();
    metrics = new JmxMetrics(jmxPort);
    logScanner = new LogScanner(files.logFile, LogScanner.endOf(files.logFile));
    configurationFailure = null;
    process.start();
    return this;
  }

  /**
   * Waits until every source, channel and sink named in the configuration reports started ({@code
   * StartTime > 0} in its counters) and, unless the test chose another monitor, Flume's HTTP
   * metrics server accepts connections: Flume starts its monitor only after all components, so a
   * fast pipeline can finish its work before {@code /metrics} answers.
   *
   * @throws IllegalStateException if the agent exits or the timeout passes first; the message names
   *     the components still missing and ends with the tail of the agent's log
   */
  public void awaitStarted(Duration timeout) {
    awaitStarted(timeout, components);
  }

  /**
   * Waits until the named components report started ({@code StartTime > 0} in their counters), as
   * {@link #awaitStarted(Duration)} does for all of them: for agents with a component that has no
   * counters of its own, such as Flume's {@code null} sink.
   *
   * @param components keys as in {@link #metrics()}, such as {@code CHANNEL.ch} or {@code
   *     SOURCE.in}
   */
  public void awaitStarted(Duration timeout, List<String> components) {
    Deadline deadline = Deadline.after(timeout);
    List<String> notStarted = components;
    Exception lastError = null;
    while (true) {
      if (!isAlive()) {
        throw new IllegalStateException(
            "agent " + name + " exited with code " + exitCode() + " before it started" + logs());
      }
      String failure = configurationFailure();
      if (failure != null) {
        throw new IllegalStateException(
            "agent " + name + " rejected its configuration: " + failure + logs());
      }
      try {
        Map<String, Map<String, String>> all = metrics();
        lastError = null;
        notStarted =
            components.stream()
                .filter(component -> !started(all.get(component)))
                .collect(Collectors.toList());
        if (notStarted.isEmpty()) {
          if (httpMetricsPort.isEmpty() || acceptsConnections(httpMetricsPort.getAsInt())) {
            return;
          }
          notStarted = List.of("HTTP metrics server on port " + httpMetricsPort.getAsInt());
        }
      } catch (UncheckedIOException e) {
        lastError = e; // JMX is not up yet
      }
      if (deadline.expired()) {
        IllegalStateException timedOut =
            new IllegalStateException(
                "agent "
                    + name
                    + ": "
                    + notStarted
                    + " did not report started within "
                    + timeout
                    + logs());
        if (lastError != null) {
          timedOut.addSuppressed(lastError);
        }
        throw timedOut;
      }
      deadline.pause();
    }
  }

  /** The first line of this run's log saying that part of the configuration was dropped. */
  private synchronized String configurationFailure() {
    if (configurationFailure == null && logScanner != null) {
      try {
        for (String line : logScanner.newLines()) {
          if (CONFIGURATION_FAILURE.matcher(line).find()) {
            configurationFailure = line;
            break;
          }
        }
      } catch (IOException e) {
        // The log is unreadable for now; the timeout still applies.
      }
    }
    return configurationFailure;
  }

  /**
   * Every counter group of the running agent, keyed like Flume's JSON metrics ({@code SOURCE.src},
   * {@code CHANNEL.ch}, {@code SINK.sink}), each a map of attribute name to value.
   *
   * @throws UncheckedIOException if the agent's JMX server cannot be reached
   */
  public Map<String, Map<String, String>> metrics() {
    try {
      return currentMetrics().all();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read metrics of agent " + name, e);
    }
  }

  /**
   * One counter, such as {@code counter("SINK.out", "EventDrainSuccessCount")}.
   *
   * @throws IllegalArgumentException if the agent has no such component or counter
   * @throws UncheckedIOException if the agent's JMX server cannot be reached
   */
  public long counter(String component, String counterName) {
    Object value;
    try {
      value = currentMetrics().attribute(component, counterName);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + component + " of agent " + name, e);
    }
    if (value instanceof Number) {
      return ((Number) value).longValue();
    }
    if (value == null) {
      Map<String, Map<String, String>> all = metrics();
      throw new IllegalArgumentException(
          "agent "
              + name
              + " has no counter "
              + component
              + " "
              + counterName
              + (all.containsKey(component)
                  ? "; " + component + " has " + all.get(component).keySet()
                  : "; its components are " + all.keySet()));
    }
    throw new IllegalArgumentException(
        component + " " + counterName + " is not a number: " + value);
  }

  @Override
  public synchronized int stop(Duration timeout) {
    closeMetrics();
    return started().stop(timeout);
  }

  @Override
  public synchronized void kill() {
    closeMetrics();
    if (process != null) {
      process.kill();
    }
  }

  /** Stops the agent if it runs, then starts it with the same configuration and work dir. */
  @Override
  public synchronized FlumeAgent restart() {
    if (isAlive()) {
      stop(ServerProcess.DEFAULT_STOP_TIMEOUT);
    }
    return start();
  }

  @Override
  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  @Override
  public synchronized long pid() {
    return started().pid();
  }

  /** The agent's log4j log, {@code <workDir>/logs/flume.log}. */
  @Override
  public Path logFile() {
    return files.logFile;
  }

  /** The agent log and the JVM's console output (where JVM start-up errors go). */
  @Override
  public List<Path> logFiles() {
    return List.of(files.logFile, files.consoleLog);
  }

  public Path workDir() {
    return workDir;
  }

  /** The agent's {@code plugins.d}, laid out on the first start. */
  public Path pluginsDir() {
    return files.pluginsDir;
  }

  /** The port of Flume's HTTP metrics server, unless the test chose another monitor. */
  public OptionalInt httpMetricsPort() {
    return httpMetricsPort;
  }

  /** The agent's JMX remote port (loopback, no authentication). */
  public int jmxPort() {
    return jmxPort;
  }

  /** The full java command line of the agent. */
  public synchronized List<String> command() {
    return started().command();
  }

  @Override
  public String toString() {
    return "FlumeAgent[" + name + "]";
  }

  private ServerProcess started() {
    if (process == null) {
      throw new IllegalStateException("agent " + name + " was never started");
    }
    return process;
  }

  private synchronized JmxMetrics currentMetrics() {
    if (metrics == null) {
      throw new IllegalStateException("agent " + name + " is not running");
    }
    return metrics;
  }

  private synchronized void closeMetrics() {
    if (metrics != null) {
      metrics.close();
      metrics = null;
    }
  }

  private synchronized int exitCode() {
    return process.exitCodeOrMinusOne();
  }

  private String logs() {
    return "\n"
        + LogTail.describe(files.logFile, TAIL_LINES)
        + "\n"
        + LogTail.describe(files.consoleLog, 20);
  }

  private static boolean acceptsConnections(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean started(Map<String, String> counters) {
    if (counters == null) {
      return false;
    }
    try {
      return Long.parseLong(counters.getOrDefault("StartTime", "0")) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The log4j2 configuration the agent gets. */
  String log4jConfig() {
    return AgentFiles.log4jConfig(name, files.logFile, logLevels);
  }

  private ServerProcess buildProcess() {
    List<Path> classpath = new ArrayList<>(FlumeClasspath.flumeLib());
    classpath.addAll(FlumeClasspath.plugins(files.pluginsDir));
    ServerProcess.Builder builder =
        ServerProcess.jvm(name, MAIN_CLASS)
            .workDir(workDir)
            .logFile(files.consoleLog)
            .classpath(classpath)
            .jvmArgs(DEFAULT_JVM_ARGS.toArray(new String[0]))
            .systemProperty("log4j.configurationFile", files.log4jFile.toString())
            .systemProperty("com.sun.management.jmxremote", "true")
            .systemProperty("com.sun.management.jmxremote.port", Integer.toString(jmxPort))
            .systemProperty("com.sun.management.jmxremote.rmi.port", Integer.toString(jmxPort))
            .systemProperty("com.sun.management.jmxremote.host", "127.0.0.1")
            .systemProperty("com.sun.management.jmxremote.authenticate", "false")
            .systemProperty("com.sun.management.jmxremote.ssl", "false")
            .systemProperty("java.rmi.server.hostname", "127.0.0.1")
            .jvmArgs(jvmArgs.toArray(new String[0]))
            .args("-n", name, "-f", files.propertiesFile.toString(), "--no-reload-conf");
    List<Path> nativeDirs = FlumeClasspath.nativeDirs(files.pluginsDir);
    if (!nativeDirs.isEmpty()) {
      builder.systemProperty("java.library.path", FlumeClasspath.join(nativeDirs));
    }
    systemProperties.forEach(builder::systemProperty);
    return builder.build();
  }

  private static Map<String, List<Path>> copyOf(Map<String, List<Path>> map) {
    Map<String, List<Path>> copy = new TreeMap<>();
    map.forEach((key, value) -> copy.put(key, List.copyOf(value)));
    return copy;
  }

  /** Settings of a {@link FlumeAgent}. Each setter checks its argument at once. */
  public static final class Builder {
    private final String name;
    private Path workDir;
    private String config;
    private final List<Path> plugins = new ArrayList<>();
    private final Map<String, List<Path>> extraLibext = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> logLevels = new LinkedHashMap<>();

    private Builder(String name) {
      if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("agent name must match [A-Za-z0-9_-]+, was " + name);
      }
      this.name = name;
    }

    /** The agent's own directory: configuration, plugins.d, logs. Required. */
    public Builder workDir(Path dir) {
      this.workDir = Objects.requireNonNull(dir, "workDir").toAbsolutePath();
      return this;
    }

    /** The agent configuration, as Flume properties text. */
    public Builder config(String properties) {
      this.config = Objects.requireNonNull(properties, "properties");
      return this;
    }

    /** The agent configuration. */
    public Builder config(Properties properties) {
      Objects.requireNonNull(properties, "properties");
      StringWriter text = new StringWriter();
      try {
        properties.store(text, "agent " + name);
      } catch (IOException e) {
        throw new IllegalStateException("cannot write properties to a string", e);
      }
      this.config = text.toString();
      return this;
    }

    /**
     * Adds a plugin: a {@code -plugin.tar.gz} tarball that unpacks to {@code <plugin>/lib} and
     * {@code <plugin>/libext}, or a directory holding {@code lib/} and/or {@code libext/}.
     */
    public Builder plugin(Path tarballOrDirectory) {
      plugins.add(Objects.requireNonNull(tarballOrDirectory, "plugin").toAbsolutePath());
      return this;
    }

    /**
     * Copies extra jars into {@code plugins.d/<pluginDir>/libext} (for example the proprietary
     * amps-client, which no tarball contains). {@code pluginDir} is the plugin's directory name,
     * such as {@code sluice-amps-source}.
     */
    public Builder libext(String pluginDir, Path... jars) {
      if (pluginDir == null || pluginDir.isEmpty() || pluginDir.contains("/")) {
        throw new IllegalArgumentException(
            "pluginDir must be a plugin directory name like sluice-amps-source, was " + pluginDir);
      }
      List<Path> list = extraLibext.computeIfAbsent(pluginDir, key -> new ArrayList<>());
      for (Path jar : jars) {
        list.add(Objects.requireNonNull(jar, "jar").toAbsolutePath());
      }
      return this;
    }

    /** Extra JVM options for the agent, after the defaults ({@code -Xmx512m}), so they win. */
    public Builder jvmArgs(String... options) {
      for (String option : options) {
        jvmArgs.add(Objects.requireNonNull(option, "jvm option"));
      }
      return this;
    }

    /**
     * Sets {@code -Dkey=value} on the agent JVM. Setting {@code flume.monitoring.type} (for example
     * to a MonitorService class) turns off the default HTTP metrics server.
     */
    public Builder systemProperty(String key, String value) {
      if (key == null || key.isEmpty()) {
        throw new IllegalArgumentException("system property key must not be empty");
      }
      systemProperties.put(key, Objects.requireNonNull(value, "value of " + key));
      return this;
    }

    /** Sets a log4j level in the agent, such as {@code logLevel("dev.sluice", "DEBUG")}. */
    public Builder logLevel(String logger, String level) {
      if (logger == null || logger.isEmpty()) {
        throw new IllegalArgumentException("logger name must not be empty");
      }
      if (level == null || !LOG_LEVEL.matcher(level).matches()) {
        throw new IllegalArgumentException(
            "level of " + logger + " must be one of " + LOG_LEVEL.pattern() + ", was " + level);
      }
      logLevels.put(logger, level.toUpperCase(java.util.Locale.ROOT));
      return this;
    }

    /**
     * Checks the settings: a work dir and a configuration that names at least one source, channel
     * or sink of this agent are required.
     */
    public FlumeAgent build() {
      if (workDir == null) {
        throw new IllegalStateException("workDir is required for agent " + name);
      }
      if (config == null) {
        throw new IllegalStateException("config is required for agent " + name);
      }
      return new FlumeAgent(this);
    }
  }
}
