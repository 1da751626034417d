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
package dev.sluice.flume.benchmarks.demo;

import dev.sluice.flume.benchmarks.amps.AmpsBenchEnvironment;
import dev.sluice.flume.benchmarks.amps.JmxCount;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.Placeholders;
import dev.sluice.flume.testsupport.PluginTarball;
import dev.sluice.flume.testsupport.ReadinessProbe;
import dev.sluice.flume.testsupport.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run's copy of the demo's topology, started the way {@code ./sluice-demo} starts it: the AMPS
 * testkit (its own JVM, SOW on {@code /order_key}, transaction log on disk), two aggregator agents
 * ({@code examples/conf/aggregator.properties}) and the client-tier agent ({@code
 * client-tier.properties}), aggregators first; each agent with the header-filename sink or the AMPS
 * source plugin and the Graphite monitor every 2 s, here sending to a listener that reads and
 * discards (the demo's own listener does no more). Only the channels differ, per {@link
 * DemoConfigs.Variant}.
 */
final class DemoTopology implements AutoCloseable {
  static final String TOPIC = "orders";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final String SINK_MBEAN = "org.apache.flume.sink:type=files";

  private final Path dir;
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private ServerProcess testkit;
  private String ampsUri;
  private FlumeAgent client;
  private final List<FlumeAgent> aggregators = new ArrayList<>();
  private final List<JmxCount> written = new ArrayList<>();

  private DemoTopology(Path dir) {
    this.dir = dir;
  }

  /**
   * Starts the topology in the empty directory {@code dir}, reading the demo's configurations under
   * {@code root} (the repository).
   */
  static DemoTopology start(Path root, Path dir, DemoConfigs.Variant variant) throws Exception {
    DemoTopology t = new DemoTopology(dir);
    try {
      t.startAll(root, variant);
    } catch (Exception | Error e) {
      t.close();
      throw e;
    }
    return t;
  }

  private void startAll(Path root, DemoConfigs.Variant variant) throws Exception {
    int ampsPort = FreePorts.allocate();
    testkit =
        ServerProcess.jvm("amps-testkit", "dev.sluice.flume.amps.testkit.AmpsTestServerMain")
            .testClasspath()
            .jvmArgs("-Xmx512m")
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
    ampsUri = "tcp://127.0.0.1:" + ampsPort + "/amps/json";

    DiscardingListener metrics = new DiscardingListener();
    toClose.add(metrics);

    String aggregatorText = read(root.resolve("examples/conf/aggregator.properties"));
    int[] aggPorts = {FreePorts.allocate(), FreePorts.allocate()};
    for (int i = 0; i < 2; i++) {
      String name = "agg" + (i + 1);
      Path aggDir = dir.resolve(name);
      String config =
          variant.aggregator(
              Placeholders.fill(
                  aggregatorText,
                  Map.of(
                      "AGG_PORT", Integer.toString(aggPorts[i]),
                      "AGG_DIR", aggDir.toString(),
                      "OUTPUT_DIR", outputDirs().get(i).toString()),
                  "aggregator.properties"));
      aggregators.add(
          agent(
              "aggregator",
              aggDir,
              config,
              metrics.port(),
              PluginTarball.of(root.resolve("header-filename-sink")),
              root));
    }
    String clientConfig =
        variant.client(
            Placeholders.fill(
                read(root.resolve("examples/conf/client-tier.properties")),
                Map.of(
                    "AMPS_URI", ampsUri,
                    "DEMO_DIR", dir.toString(),
                    "AGG1_PORT", Integer.toString(aggPorts[0]),
                    "AGG2_PORT", Integer.toString(aggPorts[1])),
                "client-tier.properties"));
    client =
        agent(
            "client",
            dir.resolve("client"),
            clientConfig,
            metrics.port(),
            PluginTarball.of(root.resolve("amps-source")),
            root);
    // Aggregators first, as the demo does: the client's Avro sinks connect at start.
    for (FlumeAgent a : aggregators) {
      a.start();
    }
    for (FlumeAgent a : aggregators) {
      a.awaitStarted(START_TIMEOUT);
      JmxCount c = new JmxCount(a.jmxPort(), SINK_MBEAN, "EventDrainSuccessCount");
      toClose.add(c);
      written.add(c);
    }
    client.start();
    client.awaitStarted(START_TIMEOUT);
  }

  private FlumeAgent agent(
      String agentName, Path workDir, String config, int metricsPort, Path plugin, Path root)
      throws IOException {
    FlumeAgent.Builder b =
        FlumeAgent.builder(agentName)
            .workDir(workDir)
            .config(config)
            .plugin(plugin)
            .plugin(PluginTarball.of(root.resolve("graphite-monitor")))
            .systemProperty(
                "flume.monitoring.type", "dev.sluice.flume.monitor.graphite.GraphiteMonitorService")
            .systemProperty("flume.monitoring.host", "127.0.0.1")
            .systemProperty("flume.monitoring.port", Integer.toString(metricsPort))
            .systemProperty("flume.monitoring.pollInterval", "2s")
            .systemProperty("flume.monitoring.agentName", workDir.getFileName().toString());
    if (agentName.equals("client")) {
      b.libext("sluice-amps-source", AmpsBenchEnvironment.ampsClientJar());
    }
    FlumeAgent a = b.build();
    toClose.add(a::kill);
    return a;
  }

  String ampsUri() {
    return ampsUri;
  }

  FlumeAgent client() {
    return client;
  }

  List<FlumeAgent> aggregators() {
    return List.copyOf(aggregators);
  }

  /** The agents by the names the page gives them: client, agg1, agg2. */
  Map<String, FlumeAgent> agents() {
    return Map.of("client", client, "agg1", aggregators.get(0), "agg2", aggregators.get(1));
  }

  /** The aggregators' output directories. */
  List<Path> outputDirs() {
    return List.of(dir.resolve("output/agg1"), dir.resolve("output/agg2"));
  }

  /**
   * Events the aggregators' header-filename sinks committed: their {@code EventDrainSuccessCount}
   * over JMX, summed; -1 while either cannot be read.
   */
  long written() {
    long n = 0;
    for (JmxCount c : written) {
      long v = c.get();
      if (v < 0) {
        return -1;
      }
      n += v;
    }
    return n;
  }

  boolean agentsAlive() {
    return client.isAlive() && aggregators.stream().allMatch(FlumeAgent::isAlive);
  }

  /** Stops the agents in order, client first, so the sinks close (and rename) their files. */
  void stopAgents() {
    client.stop(Duration.ofSeconds(60));
    for (FlumeAgent a : aggregators) {
      a.stop(Duration.ofSeconds(60));
    }
  }

  @Override
  public void close() {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        System.err.println("demo bench cleanup: " + e);
      }
    }
    toClose.clear();
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  /** A plaintext Graphite listener on loopback that reads every connection and discards it. */
  private static final class DiscardingListener implements AutoCloseable {
    private final ServerSocket server;

    DiscardingListener() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread accept = new Thread(this::accept, "demo-bench-graphite-listener");
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          Thread t = new Thread(() -> drain(s), "demo-bench-graphite-connection");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    private static void drain(Socket s) {
      byte[] buf = new byte[8192];
      try (Socket socket = s;
          InputStream in = socket.getInputStream()) {
        while (in.read(buf) >= 0) {
          // discard
        }
      } catch (IOException e) {
        // the agent went away
      }
    }

    @Override
    public void close() {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
