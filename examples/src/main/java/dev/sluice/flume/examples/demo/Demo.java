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
import dev.sluice.flume.testsupport.CarbonCacheServer;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.PluginTarball;
import dev.sluice.flume.testsupport.ReadinessProbe;
import dev.sluice.flume.testsupport.ServerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The tiered pipeline of the demo: the AMPS test server, one client-tier agent (AMPS source, file
 * channel, two Avro sinks load-balanced) and two aggregators (Avro source, file channel,
 * header-filename sink), each agent with the Graphite monitor. Runs the publisher, shows progress,
 * optionally kills and restarts one aggregator, and audits the output.
 */
final class Demo {
  private static final String TOPIC = "orders";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  /** How long the publisher may take to finish once the wait for delivery ended. */
  private static final Duration PUBLISHER_JOIN = Duration.ofSeconds(90);

  /** How often the written count is read: the resolution of the "end to end" time. */
  static final long POLL_MILLIS = 100;

  /** A progress line every this many polls (once a second). */
  private static final int POLLS_PER_LINE = 10;

  private final DemoOptions options;
  private final PrintStream out;
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private ServerProcess amps;
  private FlumeAgent client;
  private final FlumeAgent[] aggregators = new FlumeAgent[2];
  private long drainedBeforeRestart;
  private String killNote;
  private int ampsPortValue;
  private MetricsListener metricsListener;
  private CarbonCacheServer carbon;

  Demo(DemoOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  DemoSummary run() throws Exception {
    Path dir = options.dir;
    deleteRecursively(dir);
    Files.createDirectories(dir);
    try {
      String metrics = startTopology(dir);
      Path seed = options.root.resolve("examples/data/orders.json");
      OrderPublisher publisher =
          new OrderPublisher(
              ampsUri(), TOPIC, OrderPublisher.seedLines(seed), options.events, options.rate);
      long total = publisher.total();
      out.printf(
          Locale.ROOT,
          "publishing %,d orders (15 seed + %,d generated) at %s%n",
          total,
          options.events,
          options.rate == 0 ? "full speed" : options.rate + "/s");
      long started = System.nanoTime();
      Thread t = new Thread(publisher, "demo-publisher");
      t.setDaemon(true); // a publisher blocked on a dead server must not keep the JVM up
      t.start();
      long delivered = waitForDelivery(publisher, total);
      double seconds = (delivered - started) / 1e9;
      t.join(PUBLISHER_JOIN.toMillis());
      if (t.isAlive()) {
        throw new IllegalStateException(
            "the publisher is still publishing "
                + PUBLISHER_JOIN.toSeconds()
                + " s after the pipeline stopped making progress ("
                + publisher.published()
                + " of "
                + total
                + " orders sent); is the AMPS test server alive? See its log in "
                + dir.resolve("logs/amps-testkit.log"));
      }
      if (publisher.failure() != null) {
        throw new IllegalStateException(
            amps.isAlive()
                ? "the publisher failed: " + publisher.failure()
                : "the AMPS test server exited while orders were published ("
                    + serverEnd()
                    + "); its log is "
                    + amps.logFile(),
            publisher.failure());
      }
      stopAgents();
      long acknowledged = publisher.acknowledged();
      OutputAudit audit = OutputAudit.of(outputDirs(), acknowledged);
      return new DemoSummary(
          total,
          acknowledged,
          audit,
          seconds,
          dir.resolve("output"),
          dir.resolve("logs"),
          metrics,
          killNote);
    } finally {
      closeAll();
    }
  }

  /** The AMPS test server's last log line that says why it ended, if its log has one. */
  private String serverEnd() {
    try (Stream<String> lines = Files.lines(amps.logFile(), StandardCharsets.UTF_8)) {
      return lines
          .filter(l -> l.startsWith("Terminating due to") || l.contains("Error"))
          .reduce((a, b) -> b)
          .orElse("no reason in its log");
    } catch (IOException | UncheckedIOException e) {
      return "its log cannot be read: " + e.getMessage();
    }
  }

  // ------------------------------------------------------------------ topology

  /**
   * The AMPS testkit's heap for a run of {@code events} generated orders: it keeps every message of
   * a logged topic in memory (its transaction log, for replay) and the SOW holds one record per
   * order key, which came to about 1.2 KB of heap per order of the demo (372 MB in use after
   * 300,015); 2 KB per order leaves room for garbage. Never less than 512 MB.
   */
  static long testkitHeapMegabytes(long events) {
    return Math.max(512, 256 + (events * 2048 + (1 << 20) - 1) / (1 << 20));
  }

  private String startTopology(Path dir) throws Exception {
    int ampsPort = FreePorts.allocate();
    out.println("starting the AMPS test server, two aggregators and the client tier ...");
    amps =
        ServerProcess.jvm("amps-testkit", "dev.sluice.flume.amps.testkit.AmpsTestServerMain")
            .testClasspath()
            // ServerProcess adds -XX:+ExitOnOutOfMemoryError: a server out of heap exits, and the
            // run fails and says so (serverEnd) instead of waiting on it for ever.
            .jvmArgs("-Xmx" + testkitHeapMegabytes(options.events) + "m")
            .args(
                "--port",
                Integer.toString(ampsPort),
                "--sow",
                TOPIC + "=/order_key",
                "--log-dir",
                dir.resolve("amps/txlog").toString())
            .workDir(dir.resolve("amps"))
            .logFile(dir.resolve("logs/amps-testkit.log"))
            .readiness(ReadinessProbe.tcpPort(ampsPort), START_TIMEOUT)
            .build();
    toClose.add(amps::kill);
    amps.start();
    ampsPortValue = ampsPort;

    int metricsPort;
    String metricsNote;
    if (CarbonCacheServer.isInstalled()) {
      carbon = CarbonCacheServer.create(dir.resolve("carbon"));
      toClose.add(carbon.process()::kill);
      carbon.process().start();
      metricsPort = carbon.linePort();
      metricsNote =
          "graphite-monitor on every agent -> carbon-cache on 127.0.0.1:"
              + metricsPort
              + ", whisper files in "
              + dir.resolve("carbon/storage/whisper");
    } else {
      metricsListener = new MetricsListener();
      toClose.add(metricsListener);
      metricsPort = metricsListener.port();
      metricsNote =
          "graphite-monitor on every agent -> plaintext listener on 127.0.0.1:"
              + metricsPort
              + " (carbon-cache is not installed)";
    }

    int[] aggPorts = {FreePorts.allocate(), FreePorts.allocate()};
    for (int i = 0; i < 2; i++) {
      String name = "agg" + (i + 1);
      Path aggDir = dir.resolve(name);
      String config =
          substitute(
              read("examples/conf/aggregator.properties"),
              Map.of(
                  "AGG_PORT", Integer.toString(aggPorts[i]),
                  "AGG_DIR", aggDir.toString(),
                  "OUTPUT_DIR", dir.resolve("output").resolve(name).toString()));
      aggregators[i] =
          agent("aggregator", aggDir, config, metricsPort, "sluice-header-filename-sink");
    }
    Path clientDir = dir.resolve("client");
    String clientConfig =
        substitute(
            read("examples/conf/client-tier.properties"),
            Map.of(
                "AMPS_URI", ampsUri(),
                "DEMO_DIR", dir.toString(),
                "AGG1_PORT", Integer.toString(aggPorts[0]),
                "AGG2_PORT", Integer.toString(aggPorts[1])));
    client = agent("client", clientDir, clientConfig, metricsPort, "sluice-amps-source");
    // Aggregators first: the client tier's Avro sinks connect at start, and a sink that finds no
    // listener is backed off by the load balancer for up to its maxTimeOut.
    for (FlumeAgent a : aggregators) {
      a.start();
    }
    for (FlumeAgent a : aggregators) {
      a.awaitStarted(START_TIMEOUT);
    }
    client.start();
    client.awaitStarted(START_TIMEOUT);
    return metricsNote;
  }

  private String ampsUri() {
    return "tcp://127.0.0.1:" + ampsPortValue + "/amps/json";
  }

  private FlumeAgent agent(
      String agentName, Path workDir, String config, int metricsPort, String mainPlugin)
      throws IOException {
    FlumeAgent.Builder b =
        FlumeAgent.builder(agentName)
            .workDir(workDir)
            .config(config)
            .plugin(tarball(mainPlugin))
            .plugin(tarball("sluice-graphite-monitor"))
            .systemProperty(
                "flume.monitoring.type", "dev.sluice.flume.monitor.graphite.GraphiteMonitorService")
            .systemProperty("flume.monitoring.host", "127.0.0.1")
            .systemProperty("flume.monitoring.port", Integer.toString(metricsPort))
            .systemProperty("flume.monitoring.pollInterval", "2s")
            .systemProperty("flume.monitoring.agentName", workDir.getFileName().toString());
    if (mainPlugin.equals("sluice-amps-source")) {
      b.libext(mainPlugin, ampsClientJar());
    }
    FlumeAgent a = b.build();
    toClose.add(a::kill);
    return a;
  }

  /**
   * The plugin tarball a module built, e.g. amps-source/target/sluice-amps-source-*-plugin.tar.gz.
   */
  private Path tarball(String artifact) {
    return PluginTarball.of(options.root.resolve(artifact.substring("sluice-".length())));
  }

  /** The AMPS client jar this JVM uses: added to the source plugin's libext, never packed. */
  private static Path ampsClientJar() {
    try {
      return Paths.get(Client.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ progress

  /**
   * Shows progress once a second until every order is delivered and the channels stay empty, or
   * nothing is written for the stall timeout. Returns the {@link System#nanoTime()} of the first
   * poll (every {@value #POLL_MILLIS} ms) that saw every order written, or of the return when none
   * did: the end of the "end to end" time, which the seconds of waiting for the channels to stay
   * empty do not stretch.
   */
  private long waitForDelivery(OrderPublisher publisher, long total) throws Exception {
    long lastProgress = System.nanoTime();
    long lastWritten = -1;
    long delivered = -1;
    boolean killed = false;
    int quietPolls = 0;
    long stallNanos = Duration.ofSeconds(options.stallTimeoutSeconds).toNanos();
    for (long poll = 0; ; poll++) {
      long written = written();
      if (delivered < 0 && written >= total) {
        delivered = System.nanoTime();
      }
      if (poll % POLLS_PER_LINE != 0) {
        Thread.sleep(POLL_MILLIS);
        continue;
      }
      long inChannels = inChannels();
      out.printf(
          Locale.ROOT,
          "  published %,10d   in channels %,9d   written %,10d%n",
          publisher.published(),
          inChannels,
          written);
      if (publisher.failure() != null) {
        return delivered < 0 ? System.nanoTime() : delivered;
      }
      if (options.killAggregator && !killed && written >= total / 5) {
        killAndRestartAggregator();
        killed = true;
      }
      // Done when the source took in every order and nothing has been left in any channel for
      // three lines in a row (a batch in flight between tiers is out of its channel for a moment).
      // The counters only steer the wait; the audit of the files decides what arrived.
      boolean drained =
          publisher.isDone()
              && counterOrZero(client, "SOURCE.amps", "EventAcceptedCount") >= total
              && inChannels == 0;
      quietPolls = drained ? quietPolls + 1 : 0;
      if (quietPolls >= 3) {
        return delivered < 0 ? System.nanoTime() : delivered;
      }
      if (written != lastWritten) {
        lastWritten = written;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > stallNanos) {
        out.println(
            "no progress for "
                + options.stallTimeoutSeconds
                + " s: auditing what arrived (channel sizes: client "
                + counterOrZero(client, "CHANNEL.ch", "ChannelSize")
                + ", agg1 "
                + counterOrZero(aggregators[0], "CHANNEL.ch", "ChannelSize")
                + ", agg2 "
                + counterOrZero(aggregators[1], "CHANNEL.ch", "ChannelSize")
                + ")");
        return delivered < 0 ? System.nanoTime() : delivered;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private void killAndRestartAggregator() {
    FlumeAgent victim = aggregators[0];
    long before = victim.counter("SINK.files", "EventDrainSuccessCount");
    out.println("  >>> SIGKILL aggregator agg1 (pid " + victim.pid() + ")");
    victim.kill();
    drainedBeforeRestart += before;
    out.println("  >>> restarting agg1; the client tier sends to agg2 meanwhile");
    victim.restart();
    victim.awaitStarted(START_TIMEOUT);
    killNote = "agg1 killed with SIGKILL after " + before + " events written, and restarted";
  }

  /** Events the aggregators' sinks committed (counters restart with a killed agent). */
  private long written() {
    long n = drainedBeforeRestart;
    for (FlumeAgent a : aggregators) {
      n += counterOrZero(a, "SINK.files", "EventDrainSuccessCount");
    }
    return n;
  }

  private long inChannels() {
    long n = counterOrZero(client, "CHANNEL.ch", "ChannelSize");
    for (FlumeAgent a : aggregators) {
      n += counterOrZero(a, "CHANNEL.ch", "ChannelSize");
    }
    return n;
  }

  private static long counterOrZero(FlumeAgent a, String component, String name) {
    try {
      return a.counter(component, name);
    } catch (RuntimeException e) {
      return 0; // restarting
    }
  }

  // ------------------------------------------------------------------ shutdown and files

  private void stopAgents() {
    client.stop(Duration.ofSeconds(60));
    for (FlumeAgent a : aggregators) {
      a.stop(Duration.ofSeconds(60));
    }
    if (carbon != null) {
      out.printf(Locale.ROOT, "agents stopped; carbon holds %d series%n", carbon.metrics().size());
    } else {
      out.printf(
          Locale.ROOT,
          "agents stopped; the metrics listener received %,d datapoints of %d series%n",
          metricsListener.datapoints(),
          metricsListener.series());
    }
  }

  private List<Path> outputDirs() {
    return List.of(
        options.dir.resolve("output").resolve("agg1"),
        options.dir.resolve("output").resolve("agg2"));
  }

  private void closeAll() {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        // best effort: the watchdog ends children whose parent is gone anyway
      }
    }
    linkLogs();
  }

  /** Puts every agent's log under logs/ so one directory has them all. */
  private void linkLogs() {
    try {
      Files.createDirectories(options.dir.resolve("logs"));
      for (String name : List.of("client", "agg1", "agg2")) {
        Path log = options.dir.resolve(name).resolve("logs/flume.log");
        Path link = options.dir.resolve("logs").resolve(name + "-flume.log");
        if (Files.exists(log) && !Files.exists(link)) {
          Files.createSymbolicLink(link, log);
        }
      }
    } catch (IOException e) {
      out.println("could not link logs: " + e);
    }
  }

  private String read(String relative) throws IOException {
    return new String(Files.readAllBytes(options.root.resolve(relative)), StandardCharsets.UTF_8);
  }

  /** Fills ${NAME} placeholders the way Flume's EnvVarResolverProperties would from the env. */
  static String substitute(String text, Map<String, String> values) {
    String s = text;
    for (Map.Entry<String, String> e : values.entrySet()) {
      s = s.replace("${" + e.getKey() + "}", e.getValue());
    }
    int left = s.indexOf("${");
    while (left >= 0 && s.lastIndexOf('#', left) > s.lastIndexOf('\n', left)) {
      left = s.indexOf("${", left + 2); // placeholders in comments are fine
    }
    if (left >= 0) {
      throw new IllegalStateException(
          "unfilled placeholder " + s.substring(left, s.indexOf('}', left) + 1));
    }
    return s;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
