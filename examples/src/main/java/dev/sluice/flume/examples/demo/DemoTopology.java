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
package dev.sluice.flume.examples.demo;

import com.crankuptheamps.client.Client;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.Placeholders;
import dev.sluice.flume.testsupport.PluginTarball;
import dev.sluice.flume.testsupport.ReadinessProbe;
import dev.sluice.flume.testsupport.ServerProcess;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The demo's topology, started as {@code ./sluice-demo} starts it: the AMPS testkit (its own JVM,
 * SOW on {@code /order_key}, transaction log on disk), two aggregator agents ({@code
 * examples/conf/aggregator.properties}: Avro source, file channel, header-filename sink) and the
 * client-tier agent ({@code client-tier.properties}: AMPS source, file channel, two Avro sinks
 * draining it, each on its own sink runner), aggregators first; every agent with the Graphite
 * monitor every 2 s. The demo and its benchmark both start it; the benchmark swaps channels through
 * {@link Builder#clientConfig}/{@link Builder#aggregatorConfig}.
 */
public final class DemoTopology implements AutoCloseable {
  /** The topic the client tier subscribes to. */
  public static final String TOPIC = "orders";

  /** How long each server and agent may take to start. */
  public static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final Builder settings;
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private ServerProcess testkit;
  private int ampsPort;
  private FlumeAgent client;
  private final List<FlumeAgent> aggregators = new ArrayList<>();

  private DemoTopology(Builder settings) {
    this.settings = settings;
  }

  /**
   * A topology reading the demo's files under {@code root} (the repository) and writing under
   * {@code dir}.
   */
  public static Builder builder(Path root, Path dir) {
    return new Builder(root, dir);
  }

  /** The AMPS URI of the testkit. */
  public String ampsUri() {
    return "tcp://127.0.0.1:" + ampsPort + "/amps/json";
  }

  /** The AMPS testkit's process. */
  public ServerProcess testkit() {
    return testkit;
  }

  /** The client-tier agent. */
  public FlumeAgent client() {
    return client;
  }

  /** The two aggregators, agg1 then agg2. */
  public List<FlumeAgent> aggregators() {
    return List.copyOf(aggregators);
  }

  /** The agents by the names the demo gives them: client, agg1, agg2. */
  public Map<String, FlumeAgent> agents() {
    return Map.of("client", client, "agg1", aggregators.get(0), "agg2", aggregators.get(1));
  }

  /** The aggregators' output directories, agg1 then agg2. */
  public List<Path> outputDirs() {
    return outputDirs(settings.dir);
  }

  /** Whether the three agents are running. */
  public boolean agentsAlive() {
    return client.isAlive() && aggregators.stream().allMatch(FlumeAgent::isAlive);
  }

  /** Stops the agents, client first, so that the sinks close (and rename) their files. */
  public void stopAgents() {
    client.stop(Duration.ofSeconds(60));
    for (FlumeAgent a : aggregators) {
      a.stop(Duration.ofSeconds(60));
    }
  }

  /** Kills whatever still runs: the agents, then the testkit. */
  @Override
  public void close() {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        // best effort: the watchdog ends children whose parent is gone anyway
      }
    }
    toClose.clear();
  }

  static List<Path> outputDirs(Path dir) {
    return List.of(dir.resolve("output/agg1"), dir.resolve("output/agg2"));
  }

  /**
   * The AMPS testkit's heap for a run of {@code events} generated orders: it keeps every message of
   * a logged topic in memory (its transaction log, for replay) and the SOW holds one record per
   * order key, which came to about 0.4 KB of heap per order of the demo (117 MB live after 300,015
   * orders and a full GC); 1 KB per order leaves room for garbage. Never less than 512 MB.
   */
  public static long testkitHeapMegabytes(long events) {
    return Math.max(512, 256 + (events * 1024 + (1 << 20) - 1) / (1 << 20));
  }

  private void startAll() throws IOException {
    Path dir = settings.dir;
    ampsPort = FreePorts.allocate();
    testkit =
        ServerProcess.jvm("amps-testkit", "dev.sluice.flume.amps.testkit.AmpsTestServerMain")
            .testClasspath()
            // ServerProcess adds -XX:+ExitOnOutOfMemoryError: a server out of heap exits, and the
            // run fails and says so instead of waiting on it for ever.
            .jvmArgs("-Xmx" + settings.testkitHeapMegabytes + "m")
            .args(
                "--port",
                Integer.toString(ampsPort),
                "--sow",
                TOPIC + "=/order_key",
                "--log-dir",
                dir.resolve("amps/txlog").toString())
            .workDir(Files.createDirectories(dir.resolve("amps")))
            .logFile(dir.resolve("logs/amps-testkit.log"))
            .readiness(ReadinessProbe.tcpPort(ampsPort), START_TIMEOUT)
            .build();
    toClose.add(testkit::kill);
    testkit.start();

    String aggregatorText = read("examples/conf/aggregator.properties");
    int[] aggPorts = {FreePorts.allocate(), FreePorts.allocate()};
    for (int i = 0; i < 2; i++) {
      Path aggDir = dir.resolve("agg" + (i + 1));
      String config =
          Placeholders.fill(
              aggregatorText,
              Map.of(
                  "AGG_PORT", Integer.toString(aggPorts[i]),
                  "AGG_DIR", aggDir.toString(),
                  "OUTPUT_DIR", outputDirs().get(i).toString()),
              "aggregator.properties");
      aggregators.add(
          agent(
              "aggregator",
              aggDir,
              settings.aggregatorConfig.apply(config),
              "header-filename-sink"));
    }
    String clientConfig =
        Placeholders.fill(
            read("examples/conf/client-tier.properties"),
            Map.of(
                "AMPS_URI", ampsUri(),
                "DEMO_DIR", dir.toString(),
                "AGG1_PORT", Integer.toString(aggPorts[0]),
                "AGG2_PORT", Integer.toString(aggPorts[1])),
            "client-tier.properties");
    client =
        agent(
            "client",
            dir.resolve("client"),
            settings.clientConfig.apply(clientConfig),
            "amps-source");
    // Aggregators first: the client tier's Avro sinks connect at start, and a sink that finds no
    // listener is retried only after its sink runner's back-off (5 s in Flume 1.11).
    for (FlumeAgent a : aggregators) {
      a.start();
    }
    for (FlumeAgent a : aggregators) {
      a.awaitStarted(START_TIMEOUT);
    }
    client.start();
    client.awaitStarted(START_TIMEOUT);
  }

  private FlumeAgent agent(String agentName, Path workDir, String config, String pluginModule)
      throws IOException {
    FlumeAgent.Builder b =
        FlumeAgent.builder(agentName)
            .workDir(workDir)
            .config(config)
            .plugin(PluginTarball.of(settings.root.resolve(pluginModule)))
            .plugin(PluginTarball.of(settings.root.resolve("graphite-monitor")))
            .systemProperty(
                "flume.monitoring.type", "dev.sluice.flume.monitor.graphite.GraphiteMonitorService")
            .systemProperty("flume.monitoring.host", "127.0.0.1")
            .systemProperty("flume.monitoring.port", Integer.toString(settings.metricsPort))
            .systemProperty("flume.monitoring.pollInterval", "2s")
            .systemProperty("flume.monitoring.agentName", workDir.getFileName().toString());
    if (pluginModule.equals("amps-source")) {
      b.libext("sluice-amps-source", ampsClientJar());
    }
    FlumeAgent a = b.build();
    toClose.add(a::kill);
    return a;
  }

  private String read(String relative) throws IOException {
    return new String(Files.readAllBytes(settings.root.resolve(relative)), StandardCharsets.UTF_8);
  }

  /** The AMPS client jar this JVM uses: added to the source plugin's libext, never packed. */
  private static Path ampsClientJar() {
    try {
      return Paths.get(Client.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What differs between the demo and its benchmark. */
  public static final class Builder {
    private final Path root;
    private final Path dir;
    private long testkitHeapMegabytes = 512;
    private int metricsPort = -1;
    private UnaryOperator<String> clientConfig = UnaryOperator.identity();
    private UnaryOperator<String> aggregatorConfig = UnaryOperator.identity();

    private Builder(Path root, Path dir) {
      this.root = Objects.requireNonNull(root, "root");
      this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** The testkit's {@code -Xmx}, in MB; 512 unless set (see {@link #testkitHeapMegabytes}). */
    public Builder testkitHeapMegabytes(long megabytes) {
      if (megabytes < 64) {
        throw new IllegalArgumentException("the testkit needs at least 64 MB, not " + megabytes);
      }
      this.testkitHeapMegabytes = megabytes;
      return this;
    }

    /** Where every agent's Graphite monitor sends (plaintext on 127.0.0.1); required. */
    public Builder metricsPort(int port) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("not a TCP port: " + port);
      }
      this.metricsPort = port;
      return this;
    }

    /** Applied to the client tier's filled-in properties (the demo: none). */
    public Builder clientConfig(UnaryOperator<String> change) {
      this.clientConfig = Objects.requireNonNull(change, "change");
      return this;
    }

    /** Applied to each aggregator's filled-in properties (the demo: none). */
    public Builder aggregatorConfig(UnaryOperator<String> change) {
      this.aggregatorConfig = Objects.requireNonNull(change, "change");
      return this;
    }

    /**
     * Starts the testkit and the three agents and waits until every component reports started; on a
     * failure, kills what it started.
     */
    public DemoTopology start() throws IOException {
      if (metricsPort < 0) {
        throw new IllegalStateException("metricsPort is required");
      }
      DemoTopology t = new DemoTopology(this);
      try {
        t.startAll();
      } catch (IOException | RuntimeException | Error e) {
        t.close();
        throw e;
      }
      return t;
    }
  }
}
