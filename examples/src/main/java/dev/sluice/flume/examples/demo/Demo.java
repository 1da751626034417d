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

import dev.sluice.flume.testsupport.CarbonCacheServer;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.ServerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The tiered pipeline of the demo: the AMPS test server, one client-tier agent (AMPS source, file
 * channel, two Avro sinks draining it) and two aggregators (Avro source, file channel,
 * header-filename sink), each agent with the Graphite monitor. Runs the publisher, shows progress,
 * optionally kills and restarts one aggregator, and audits the output.
 */
final class Demo {

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
  private DemoTopology topology;
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
              topology.ampsUri(),
              DemoTopology.TOPIC,
              OrderPublisher.seedLines(seed),
              options.events,
              options.rate);
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
      OutputAudit audit = OutputAudit.of(topology.outputDirs(), acknowledged);
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

  private String startTopology(Path dir) throws Exception {
    out.println("starting the AMPS test server, two aggregators and the client tier ...");
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
    topology =
        DemoTopology.builder(options.root, dir)
            .testkitHeapMegabytes(DemoTopology.testkitHeapMegabytes(options.events))
            .metricsPort(metricsPort)
            .start();
    toClose.add(topology);
    amps = topology.testkit();
    client = topology.client();
    for (int i = 0; i < 2; i++) {
      aggregators[i] = topology.aggregators().get(i);
    }
    return metricsNote;
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
    victim.awaitStarted(DemoTopology.START_TIMEOUT);
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
    topology.stopAgents();
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
