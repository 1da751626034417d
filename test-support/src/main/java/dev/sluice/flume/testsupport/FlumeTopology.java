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
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network of real Flume 1.11 agents on loopback, each a {@link FlumeAgent} (a child JVM with
 * {@code plugins.d}) in its own directory: started together, waited for until every component of
 * every agent runs, and then SIGKILLed, restarted, fed and counted by name.
 *
 * <pre>{@code
 * FlumeTopology net = FlumeTopology.builder(children)
 *     .plugin(PluginTarball.of(root.resolve("header-filename-sink")))
 *     .agent("final-1", conf.resolve("final.properties"), Map.of("PORT", "${FINAL_1_PORT}"))
 *     .nextWave()                                 // clients start once final-1 runs
 *     .agent("client-1", conf.resolve("client.properties"), Map.of("PORT", "${CLIENT_1_PORT}"))
 *     .start();                                   // every component of every agent runs
 * try (AvroSender in = net.sender("CLIENT_1_PORT")) {
 *   in.send(events);
 * }
 * net.kill("final-1");                            // SIGKILL
 * net.restart("final-1");                         // same directory, same ports, durable state kept
 * SequenceReport r = net.count(SequenceChecker.expecting(0, n, ID), "out", "final-1").report();
 * }</pre>
 *
 * <p>Configurations are Flume properties text with {@code ${NAME}} placeholders (see {@link
 * Placeholders}), filled in per agent from, in this order of precedence: the agent's own values,
 * {@code ${AGENT_DIR}} (the agent's directory, absolute) and {@code ${AGENT_NAME}} (its name in the
 * topology), the topology's {@link Builder#value values}, and for every other placeholder whose
 * name ends in {@code PORT}, a free loopback port allocated once for the whole topology, so the
 * sink that names {@code ${FINAL_1_PORT}} reaches the source that listens on it. An agent's own
 * value may itself name topology placeholders ({@code PORT = ${FINAL_1_PORT}}), which lets one role
 * file serve several agents as it would several hosts.
 *
 * <p>The Flume agent name ({@code -n}) is the one the configuration declares ({@code
 * <name>.sources}, {@code .channels} or {@code .sinks}); a file must declare exactly one. Several
 * agents of the topology may share it, as several hosts running one role file do.
 */
public final class FlumeTopology {
  /** How long {@link #start} and {@link #restart} wait for an agent's components by default. */
  public static final Duration DEFAULT_STARTUP = Duration.ofMinutes(3);

  private static final Pattern PORT_NAME = Pattern.compile("[A-Z0-9_]*PORT");
  private static final Pattern DECLARATION =
      Pattern.compile("([A-Za-z0-9_-]+)\\.(sources|channels|sinks)");

  private final Map<String, Member> members;
  private final List<List<Member>> waves;
  private final Map<String, String> values;
  private final Duration startup;

  private FlumeTopology(
      Map<String, Member> members,
      List<List<Member>> waves,
      Map<String, String> values,
      Duration startup) {
    this.members = Collections.unmodifiableMap(members);
    this.waves = waves;
    this.values = Collections.unmodifiableMap(values);
    this.startup = startup;
  }

  /** A topology whose agents the extension tracks (and stops after the test). */
  public static Builder builder(ChildProcessesExtension children) {
    return new Builder(children);
  }

  /**
   * Starts the agents wave by wave ({@link Builder#nextWave}): every JVM of a wave at once, then
   * waits until each one's components all run before the next wave starts. Agents already running
   * are left alone.
   *
   * @throws IllegalStateException naming the first agent that exited, refused its configuration or
   *     did not start in time, with the tail of its log
   */
  public FlumeTopology start() {
    for (List<Member> wave : waves) {
      for (Member m : wave) {
        if (!m.agent.isAlive()) {
          m.agent.start();
        }
      }
      wave.forEach(m -> m.agent.awaitStarted(startup));
    }
    return this;
  }

  /** The agents' names wave by wave, in the order they start. */
  List<List<String>> waves() {
    List<List<String>> names = new ArrayList<>();
    for (List<Member> wave : waves) {
      List<String> waveNames = new ArrayList<>();
      members.forEach(
          (name, m) -> {
            if (wave.contains(m)) {
              waveNames.add(name);
            }
          });
      names.add(waveNames);
    }
    return names;
  }

  /** The agents' names in the topology, in the order they were added. */
  public List<String> names() {
    return List.copyOf(members.keySet());
  }

  /** The agent named {@code name} in the topology. */
  public FlumeAgent agent(String name) {
    return member(name).agent;
  }

  /** The agent's own directory ({@code ${AGENT_DIR}}): conf/, plugins.d/, logs/, its data. */
  public Path dir(String name) {
    return member(name).dir;
  }

  /** The configuration the agent runs, placeholders filled in. */
  public String config(String name) {
    return member(name).config;
  }

  /** The Flume agent name ({@code -n}) the agent runs as. */
  public String flumeName(String name) {
    return member(name).flumeName;
  }

  /** The port allocated or given for the placeholder {@code ${placeholder}}. */
  public int port(String placeholder) {
    String value = value(placeholder);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "placeholder " + placeholder + " is not a port: " + value, e);
    }
  }

  /** The topology-wide value of {@code ${placeholder}} (a given one or an allocated port). */
  public String value(String placeholder) {
    String value = values.get(placeholder);
    if (value == null) {
      throw new IllegalArgumentException(
          "the topology has no value for " + placeholder + "; it has " + values.keySet());
    }
    return value;
  }

  /** SIGKILLs the agent and waits for its exit; its directory and durable channels stay. */
  public void kill(String name) {
    member(name).agent.kill();
  }

  /**
   * Starts the agent again (stopping it first if it runs) with the same directory, ports and
   * configuration, and waits until its components run.
   */
  public FlumeAgent restart(String name) {
    FlumeAgent agent = member(name).agent;
    if (agent.isAlive()) {
      agent.stop(ServerProcess.DEFAULT_STOP_TIMEOUT);
    }
    agent.start();
    agent.awaitStarted(startup);
    return agent;
  }

  /** One counter of a running agent, such as {@code counter("splitter-1", "SOURCE.in", ...)}. */
  public long counter(String name, String component, String counterName) {
    return member(name).agent.counter(component, counterName);
  }

  /**
   * A sender to the Avro source listening on the port of {@code ${portPlaceholder}}; close it when
   * done.
   */
  public AvroSender sender(String portPlaceholder) {
    return AvroSender.to(port(portPlaceholder));
  }

  /**
   * Adds to {@code checker} every file under {@code <agent dir>/<relative>} of each named agent
   * ({@link SequenceChecker#addTree}); an agent that has not written the directory yet adds
   * nothing.
   */
  public SequenceChecker count(SequenceChecker checker, String relative, String... names) {
    for (String name : names) {
      Path dir = dir(name).resolve(relative);
      if (Files.isDirectory(dir)) {
        checker.addTree(dir);
      }
    }
    return checker;
  }

  private Member member(String name) {
    Member m = members.get(name);
    if (m == null) {
      throw new IllegalArgumentException(
          "the topology has no agent " + name + "; it has " + members.keySet());
    }
    return m;
  }

  @Override
  public String toString() {
    return "FlumeTopology" + members.keySet();
  }

  /** The Flume agent name {@code config} declares, {@code what} naming it in errors. */
  static String declaredAgent(String config, String what) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(config));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not a properties file", e);
    }
    Set<String> names = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      Matcher m = DECLARATION.matcher(key);
      if (m.matches()) {
        names.add(m.group(1));
      }
    }
    if (names.size() != 1) {
      throw new IllegalArgumentException(
          what
              + " must declare exactly one agent (<name>.sources, .channels or .sinks), declares "
              + names);
    }
    return names.iterator().next();
  }

  private static final class Member {
    final FlumeAgent agent;
    final Path dir;
    final String flumeName;
    final String config;

    Member(FlumeAgent agent, Path dir, String flumeName, String config) {
      this.agent = agent;
      this.dir = dir;
      this.flumeName = flumeName;
      this.config = config;
    }
  }

  /** An agent as added, before its placeholders are filled in. */
  private static final class Declared {
    final String name;
    final String text;
    final String source;
    final Map<String, String> values;

    Declared(String name, String text, String source, Map<String, String> values) {
      this.name = name;
      this.text = text;
      this.source = source;
      this.values = Map.copyOf(values);
    }
  }

  /** Settings of a {@link FlumeTopology}; each setter checks its argument at once. */
  public static final class Builder {
    private final ChildProcessesExtension children;
    private final Map<String, Declared> declared = new LinkedHashMap<>();

    /** The names of the agents each wave starts, the first wave first. */
    private final List<List<String>> waveNames = new ArrayList<>(List.of(new ArrayList<>()));

    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<Path> plugins = new ArrayList<>();
    private final Map<String, List<Path>> libext = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> directories = new ArrayList<>();
    private String rootName = "topology";
    private Duration startup = DEFAULT_STARTUP;

    private Builder(ChildProcessesExtension children) {
      this.children = Objects.requireNonNull(children, "children");
    }

    /** The name of the test work directory that holds one directory per agent; "topology". */
    public Builder workDirName(String name) {
      if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException("work directory name must be a plain name, was " + name);
      }
      this.rootName = name;
      return this;
    }

    /**
     * Every {@code *.properties} file directly in {@code dir}, in name order, as one agent each,
     * named for the file ({@code splitter-1.properties} is agent {@code splitter-1}).
     */
    public Builder agentsIn(Path dir) {
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, "*.properties")) {
        found.forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
      if (files.isEmpty()) {
        throw new IllegalArgumentException("no *.properties file in " + dir);
      }
      files.sort(null);
      for (Path file : files) {
        String fileName = file.getFileName().toString();
        agent(fileName.substring(0, fileName.length() - ".properties".length()), file, Map.of());
      }
      return this;
    }

    /** An agent running {@code file}, with its own placeholder values. */
    public Builder agent(String name, Path file, Map<String, String> agentValues) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      return add(name, text, file.toString(), agentValues);
    }

    /** An agent running the properties text {@code config}, with its own placeholder values. */
    public Builder agent(String name, String config, Map<String, String> agentValues) {
      return add(
          name,
          Objects.requireNonNull(config, "config"),
          "the configuration of " + name,
          agentValues);
    }

    private Builder add(String name, String text, String source, Map<String, String> agentValues) {
      if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("agent name must match [A-Za-z0-9_-]+, was " + name);
      }
      if (declared.containsKey(name)) {
        throw new IllegalArgumentException("the topology already has an agent " + name);
      }
      declared.put(name, new Declared(name, text, source, Objects.requireNonNull(agentValues)));
      waveNames.get(waveNames.size() - 1).add(name);
      return this;
    }

    /**
     * Agents added after this call start only once every agent added before it runs. Add the
     * destinations first and the agents that send to them in a later wave: a sink whose next hop is
     * not listening yet fails its first polls, and a failover group then sends to its standby until
     * the primary's penalty has passed.
     */
    public Builder nextWave() {
      if (!waveNames.get(waveNames.size() - 1).isEmpty()) {
        waveNames.add(new ArrayList<>());
      }
      return this;
    }

    /** A topology-wide placeholder value, {@code ${name}} in every agent's configuration. */
    public Builder value(String name, String value) {
      if (name == null || !Placeholders.PLACEHOLDER.matcher("${" + name + "}").matches()) {
        throw new IllegalArgumentException("placeholder names are upper case, was " + name);
      }
      values.put(name, Objects.requireNonNull(value, "value of " + name));
      return this;
    }

    /** A plugin (tarball or directory) in every agent's {@code plugins.d}. */
    public Builder plugin(Path tarballOrDirectory) {
      plugins.add(Objects.requireNonNull(tarballOrDirectory, "plugin"));
      return this;
    }

    /** Jars for the {@code libext} of a plugin directory, in every agent. */
    public Builder libext(String pluginDir, Path... jars) {
      libext.computeIfAbsent(pluginDir, k -> new ArrayList<>()).addAll(List.of(jars));
      return this;
    }

    /** JVM options of every agent, after FlumeAgent's defaults, such as {@code -Xmx192m}. */
    public Builder jvmArgs(String... options) {
      jvmArgs.addAll(List.of(options));
      return this;
    }

    /**
     * Directories to create in every agent's directory before it starts (Flume's {@code file_roll}
     * does not create its own).
     */
    public Builder directories(String... relative) {
      for (String r : relative) {
        directories.add(AgentFiles.checkRelativeDirectory(r));
      }
      return this;
    }

    /** How long to wait for an agent's components at start and restart; 3 minutes unless set. */
    public Builder startupTimeout(Duration timeout) {
      this.startup = AgentFiles.checkStartupTimeout(timeout);
      return this;
    }

    /** Builds the topology and starts it ({@link FlumeTopology#start}). */
    public FlumeTopology start() {
      return build().start();
    }

    /**
     * Fills in every configuration, allocates the ports, creates the directories and tracks the
     * agents with the extension, without starting them.
     *
     * @throws IllegalArgumentException if a configuration declares no or several agents, or uses a
     *     placeholder nobody gives a value for
     */
    public FlumeTopology build() {
      if (declared.isEmpty()) {
        throw new IllegalStateException("the topology has no agent");
      }
      Map<String, String> topologyValues = withPorts();
      Path root = children.workDir(rootName);
      Map<String, Member> members = new LinkedHashMap<>();
      for (Declared d : declared.values()) {
        Path dir = root.resolve(d.name).toAbsolutePath();
        String config = Placeholders.fill(d.text, agentValues(d, dir, topologyValues), d.source);
        String flumeName = declaredAgent(config, d.source);
        AgentFiles.createDirectories(dir, directories);
        FlumeAgent.Builder b = FlumeAgent.builder(flumeName).workDir(dir).config(config);
        plugins.forEach(b::plugin);
        libext.forEach((pluginDir, jars) -> b.libext(pluginDir, jars.toArray(new Path[0])));
        b.jvmArgs(jvmArgs.toArray(new String[0]));
        members.put(d.name, new Member(children.track(b.build()), dir, flumeName, config));
      }
      List<List<Member>> waves = new ArrayList<>();
      for (List<String> names : waveNames) {
        if (!names.isEmpty()) {
          List<Member> wave = new ArrayList<>();
          names.forEach(n -> wave.add(members.get(n)));
          waves.add(List.copyOf(wave));
        }
      }
      return new FlumeTopology(members, List.copyOf(waves), topologyValues, startup);
    }

    /** The topology's values plus a free port for each {@code *PORT} placeholder without one. */
    Map<String, String> withPorts() {
      Map<String, String> all = new TreeMap<>(values);
      for (Declared d : declared.values()) {
        Set<String> names = new TreeSet<>(Placeholders.namesIn(d.text));
        d.values.values().forEach(v -> names.addAll(Placeholders.namesIn(v)));
        for (String name : names) {
          if (PORT_NAME.matcher(name).matches()
              && !all.containsKey(name)
              && !d.values.containsKey(name)) {
            all.put(name, Integer.toString(FreePorts.allocate()));
          }
        }
      }
      return all;
    }

    private static Map<String, String> agentValues(
        Declared d, Path dir, Map<String, String> topologyValues) {
      Map<String, String> merged = new LinkedHashMap<>(topologyValues);
      merged.put("AGENT_DIR", dir.toString());
      merged.put("AGENT_NAME", d.name);
      Map<String, String> base = Map.copyOf(merged);
      d.values.forEach(
          (k, v) ->
              merged.put(k, Placeholders.fill(v, base, "value " + k + " of agent " + d.name)));
      return merged;
    }
  }
}
