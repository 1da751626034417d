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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An agent with this module's plugin, its files and its metrics: what every plugin module's ITs
 * start. A {@link FlumeAgent} (a real Flume 1.11 agent in a child JVM) built from the module's
 * tarball ({@link PluginTarball}), extra jars in the plugin's {@code libext} (a client the tarball
 * must not bundle), more plugins, the agent's properties and JVM settings; it gives the agent's
 * directories, its counters over JMX and Flume's HTTP metrics JSON, and its log.
 *
 * <pre>{@code
 * PluginAgent agent = PluginAgent.ofThisModule("amps-source")
 *     .libext(ampsClientJar)
 *     .config(properties)
 *     .directories("out")                     // file_roll does not create its directory
 *     .start(children, "agent");              // started, every component running
 * long taken = agent.counter("SINK.out", "EventDrainSuccessCount");
 * assertTrue(agent.log().contains("subscribed"));
 * }</pre>
 */
public final class PluginAgent {
  /** How long {@link Builder#start} waits for the components unless told otherwise. */
  public static final Duration DEFAULT_STARTUP = Duration.ofMinutes(2);

  private final FlumeAgent agent;
  private final Duration startup;

  private PluginAgent(FlumeAgent agent, Duration startup) {
    this.agent = agent;
    this.startup = startup;
  }

  /**
   * An agent carrying the plugin tarball of the module the test runs in, {@code
   * target/sluice-<module>-*-plugin.tar.gz}, laid out as {@code plugins.d/sluice-<module>}.
   */
  public static Builder ofThisModule(String module) {
    return new Builder(PluginTarball.ofThisModule(module), "sluice-" + module);
  }

  /**
   * An agent carrying {@code plugin} (a tarball or a directory) whose directory in {@code
   * plugins.d} is {@code pluginDir}, for example {@code sluice-amps-source}.
   */
  public static Builder of(Path plugin, String pluginDir) {
    return new Builder(plugin, pluginDir);
  }

  /** The agent process, for what this class does not wrap (kill, restart, pid). */
  public FlumeAgent agent() {
    return agent;
  }

  /** The agent's name, its {@code -n}. */
  public String name() {
    return agent.name();
  }

  /** The agent's own directory: {@code conf/}, {@code plugins.d/}, {@code logs/}, its data. */
  public Path workDir() {
    return agent.workDir();
  }

  /** A path under the work directory, such as {@code path("out")}. */
  public Path path(String relative) {
    return agent.workDir().resolve(relative);
  }

  /** One counter over JMX, such as {@code counter("SINK.k1", "EventDrainSuccessCount")}. */
  public long counter(String component, String counterName) {
    return agent.counter(component, counterName);
  }

  /** Every counter group over JMX, keyed like Flume's JSON ({@code SOURCE.r1}, ...). */
  public Map<String, Map<String, String>> metrics() {
    return agent.metrics();
  }

  /**
   * Flume's HTTP metrics JSON as the agent serves it on {@code /metrics}.
   *
   * @throws IllegalStateException if the test chose another monitor ({@code flume.monitoring.type})
   * @throws UncheckedIOException if the server does not answer
   */
  public String httpMetricsJson() {
    int port =
        agent
            .httpMetricsPort()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "agent " + name() + " runs another monitor than Flume's HTTP metrics"));
    try {
      HttpURLConnection c =
          (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics").openConnection();
      c.setConnectTimeout(10_000);
      c.setReadTimeout(30_000);
      try (InputStream in = c.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the HTTP metrics of agent " + name(), e);
    }
  }

  /**
   * The agent's log4j log and its JVM's console output, all runs, as one text ({@code ""} before
   * the first line).
   */
  public String log() {
    StringBuilder sb = new StringBuilder();
    for (Path p : agent.logFiles()) {
      if (Files.exists(p)) {
        try {
          sb.append(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + p, e);
        }
      }
    }
    return sb.toString();
  }

  /** Waits until every component named in the configuration runs (the builder's timeout). */
  public PluginAgent awaitStarted() {
    agent.awaitStarted(startup);
    return this;
  }

  /** Waits until every component named in the configuration runs, at most {@code timeout}. */
  public PluginAgent awaitStarted(Duration timeout) {
    agent.awaitStarted(timeout);
    return this;
  }

  /** SIGKILL, and waits for the exit. */
  public void kill() {
    agent.kill();
  }

  /** SIGTERM (Flume stops its components); the exit code, 143 for a clean stop. */
  public int stop(Duration timeout) {
    return agent.stop(timeout);
  }

  /**
   * Stops the agent if it runs and starts it again with the same configuration, plugins and work
   * directory; returns once the JVM runs ({@link #awaitStarted()} waits for the components).
   */
  public PluginAgent restart() {
    agent.restart();
    return this;
  }

  @Override
  public String toString() {
    return "PluginAgent[" + name() + " in " + workDir() + "]";
  }

  /** Settings of a {@link PluginAgent}; each setter checks its argument at once. */
  public static final class Builder {
    private final Path plugin;
    private final String pluginDir;
    private String name = "a1";
    private String config;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<Path> plugins = new ArrayList<>();
    private final Map<String, List<Path>> libext = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> logLevels = new LinkedHashMap<>();
    private final List<String> directories = new ArrayList<>();
    private Duration startup = DEFAULT_STARTUP;

    private Builder(Path plugin, String pluginDir) {
      this.plugin = Objects.requireNonNull(plugin, "plugin");
      if (pluginDir == null || pluginDir.isEmpty() || pluginDir.contains("/")) {
        throw new IllegalArgumentException(
            "pluginDir must be a directory name like sluice-amps-source, was " + pluginDir);
      }
      this.pluginDir = pluginDir;
    }

    /** The agent's name, its {@code -n}; {@code a1} unless set. */
    public Builder name(String agentName) {
      this.name = Objects.requireNonNull(agentName, "agent name");
      return this;
    }

    /** The whole configuration as Flume properties text (instead of {@link #property}). */
    public Builder config(String propertiesText) {
      if (!properties.isEmpty()) {
        throw new IllegalStateException("config(text) and property(...) cannot be mixed");
      }
      this.config = Objects.requireNonNull(propertiesText, "config");
      return this;
    }

    /** One line of the configuration, kept in the order given. */
    public Builder property(String key, String value) {
      if (config != null) {
        throw new IllegalStateException("config(text) and property(...) cannot be mixed");
      }
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("property key must not be blank");
      }
      properties.put(key, Objects.requireNonNull(value, "value of " + key));
      return this;
    }

    /** Lines of the configuration, in the map's order. */
    public Builder properties(Map<String, String> keyValues) {
      keyValues.forEach(this::property);
      return this;
    }

    /** Jars for this plugin's {@code libext} (a client no tarball bundles). */
    public Builder libext(Path... jars) {
      return libext(pluginDir, jars);
    }

    /** Jars for the {@code libext} of another plugin directory. */
    public Builder libext(String otherPluginDir, Path... jars) {
      List<Path> list = libext.computeIfAbsent(otherPluginDir, k -> new ArrayList<>());
      for (Path jar : jars) {
        list.add(Objects.requireNonNull(jar, "jar"));
      }
      return this;
    }

    /** Another plugin: a tarball, or a directory holding {@code lib/} and/or {@code libext/}. */
    public Builder plugin(Path tarballOrDirectory) {
      plugins.add(Objects.requireNonNull(tarballOrDirectory, "plugin"));
      return this;
    }

    /** JVM options after the defaults, such as {@code -Xmx384m}. */
    public Builder jvmArgs(String... options) {
      jvmArgs.addAll(List.of(options));
      return this;
    }

    /** {@code -Dkey=value} for the agent JVM ({@code flume.monitoring.*} for a monitor). */
    public Builder systemProperty(String key, String value) {
      systemProperties.put(
          Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** A log4j level in the agent, such as {@code logLevel("dev.sluice", "DEBUG")}. */
    public Builder logLevel(String logger, String level) {
      logLevels.put(Objects.requireNonNull(logger, "logger"), Objects.requireNonNull(level));
      return this;
    }

    /**
     * Directories to create under the work directory before the agent starts (Flume's {@code
     * file_roll} sink does not create its own).
     */
    public Builder directories(String... relative) {
      for (String r : relative) {
        directories.add(AgentFiles.checkRelativeDirectory(r));
      }
      return this;
    }

    /** How long {@link #start} waits for the components to run; 2 minutes unless set. */
    public Builder startupTimeout(Duration timeout) {
      this.startup = AgentFiles.checkStartupTimeout(timeout);
      return this;
    }

    /**
     * Builds the agent in {@code children.workDir(workName)}, starts it (the extension stops it
     * after the test) and waits until every component runs.
     */
    public PluginAgent start(ChildProcessesExtension children, String workName) {
      return start(children, children.workDir(workName));
    }

    /**
     * As {@link #start(ChildProcessesExtension, String)} in a work directory the test already made
     * (with {@code children.workDir}) because its configuration names paths inside it.
     */
    public PluginAgent start(ChildProcessesExtension children, Path workDir) {
      return startWithoutWaiting(children, workDir).awaitStarted();
    }

    /**
     * Starts the agent and returns once the JVM runs: for a test that expects the agent to refuse
     * its configuration or to exit.
     */
    public PluginAgent startWithoutWaiting(ChildProcessesExtension children, String workName) {
      return startWithoutWaiting(children, children.workDir(workName));
    }

    /** As {@link #startWithoutWaiting(ChildProcessesExtension, String)} in a given directory. */
    public PluginAgent startWithoutWaiting(ChildProcessesExtension children, Path workDir) {
      PluginAgent agent = build(workDir);
      children.start(agent.agent);
      return agent;
    }

    /** Builds the agent in {@code workDir} without starting it (the caller tracks the process). */
    public PluginAgent build(Path workDir) {
      if (config == null && properties.isEmpty()) {
        throw new IllegalStateException("agent " + name + " has no configuration");
      }
      AgentFiles.createDirectories(workDir, directories);
      FlumeAgent.Builder b =
          FlumeAgent.builder(name).workDir(workDir).config(text()).plugin(plugin);
      plugins.forEach(b::plugin);
      libext.forEach((dir, jars) -> b.libext(dir, jars.toArray(new Path[0])));
      b.jvmArgs(jvmArgs.toArray(new String[0]));
      systemProperties.forEach(b::systemProperty);
      logLevels.forEach(b::logLevel);
      return new PluginAgent(b.build(), startup);
    }

    /** The configuration as properties text. */
    String text() {
      if (config != null) {
        return config;
      }
      StringBuilder sb = new StringBuilder();
      properties.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
      return sb.toString();
    }
  }
}
