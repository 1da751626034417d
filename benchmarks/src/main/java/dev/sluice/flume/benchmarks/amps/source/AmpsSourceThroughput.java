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
package dev.sluice.flume.benchmarks.amps.source;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.fields.Field;
import dev.sluice.flume.benchmarks.agent.Comparison;
import dev.sluice.flume.benchmarks.amps.AmpsBenchEnvironment;
import dev.sluice.flume.testsupport.FlumeAgent;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The AMPS source in a real Flume agent beside the raw amps-client, subscribing to the same server
 * (the testkit, in its own process) while the same publisher publishes the same bodies, in the same
 * run.
 *
 * <ul>
 *   <li><b>ours</b>: an agent with the source (built-in HAClient factory, a plain subscription), a
 *       memory channel whose {@code transactionCapacity} is {@code maxBatch}, and Flume's {@code
 *       null} sink. The figure is the steady rate of events committed to the channel ({@code
 *       EventAcceptedCount}) between 10% and 90% of the run, read over JMX, so agent start-up is
 *       not counted.
 *   <li><b>anchor</b>: an {@code HAClient} in this JVM subscribing to the same topic with a handler
 *       that copies each body (the least any consumer does, since the client reuses its buffers),
 *       timed the same way.
 * </ul>
 *
 * In both, a plain {@code Client} in this JVM publishes small JSON bodies as fast as it can once
 * the subscriber is in place: first a warm-up burst (so neither side is measured while its JIT is
 * cold; the agent is a fresh JVM each run), then the {@code events} that are measured. The two
 * alternate within each round; each ratio is the median of the rounds' ratios. Only ratios are
 * printed: the client's licence does not allow publishing its own figures.
 *
 * <p>On a small machine the agent's extra threads (the polling thread committing to the channel,
 * the sink draining it) compete for the same cores as the server, the publisher and the receive
 * thread, which the raw client does not have to share: that, more than the source's own path, is
 * what the ratio shows there. Run it on a quiet machine.
 *
 * <pre>
 * bin/bench amps-source [events] [rounds] [plugin.tar.gz]
 * </pre>
 */
public final class AmpsSourceThroughput {
  private static final Duration GENEROUS = Duration.ofMinutes(5);
  private static final int[] BATCHES = {100, 1000, 10_000};
  private static final String PAD = "x".repeat(32);

  private final int events;
  private final int warmup;
  private final Path tarball;
  private final Path work;
  private final AmpsBenchEnvironment env;
  private int runNumber;

  private AmpsSourceThroughput(int events, AmpsBenchEnvironment env) {
    this.env = env;
    this.events = events;
    this.warmup = Math.max(100_000, events / 5);
    this.tarball = env.tarball();
    this.work = env.work();
  }

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    try (AmpsBenchEnvironment env =
        AmpsBenchEnvironment.create("amps-source", args.length > 2 ? args[2] : null)) {
      new AmpsSourceThroughput(events, env).run(rounds, System.out);
    }
  }

  private void run(int rounds, PrintStream out) throws Exception {
    out.printf(
        "amps-source benchmark: %d events per run, %d rounds, testkit in its own process, work %s%n",
        events, rounds, work);
    String uri = env.startTestkit("1g");
    rawRun(uri); // warms this JVM's client and publisher before anything is measured
    Map<String, List<Double>> ratios = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (int batch : BATCHES) {
        List<String> order = new ArrayList<>(Arrays.asList("agent", "raw"));
        if (round % 2 == 1) {
          Collections.reverse(order);
        }
        double agentRate = 0;
        double rawRate = 0;
        for (String side : order) {
          if (side.equals("agent")) {
            agentRate = agentRun(uri, batch);
          } else {
            rawRate = rawRun(uri);
          }
        }
        ratios
            .computeIfAbsent("maxBatch " + batch, k -> new ArrayList<>())
            .add(agentRate / rawRate);
      }
      out.printf("round %d of %d done%n", round + 1, rounds);
    }
    Comparison.printRatios(
        out, "amps-source through a real agent vs the raw amps-client (events/s ratio)", ratios);
  }

  // ------------------------------------------------------------------ the testkit and publisher

  /** Publishes {@code count} bodies to the topic as fast as the client goes. */
  private static void publish(String uri, String topic, int count) throws Exception {
    Client publisher = new Client("bench-publisher-" + topic);
    try {
      publisher.connect(uri);
      publisher.logon();
      byte[] t = topic.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < count; i++) {
        byte[] body =
            ("{\"seq\":" + i + ",\"pad\":\"" + PAD + "\"}").getBytes(StandardCharsets.UTF_8);
        publisher.publish(t, 0, t.length, body, 0, body.length);
      }
      publisher.publishFlush();
    } finally {
      publisher.close();
    }
  }

  // ------------------------------------------------------------------ ours: a real agent

  private double agentRun(String uri, int batch) throws Exception {
    int n = ++runNumber;
    String topic = "bench-" + n;
    Path dir = Files.createDirectories(work.resolve("agent-" + n));
    List<String> config =
        List.of(
            "a1.sources = amps",
            "a1.channels = ch",
            "a1.sinks = k1",
            "a1.sources.amps.type = dev.sluice.flume.amps.source.AmpsSource",
            "a1.sources.amps.channels = ch",
            "a1.sources.amps.clientName = bench-agent-" + n,
            "a1.sources.amps.uri = " + uri,
            "a1.sources.amps.topic = " + topic,
            "a1.sources.amps.maxBatch = " + batch,
            "a1.channels.ch.type = memory",
            "a1.channels.ch.capacity = " + Math.max(100_000, 20 * batch),
            "a1.channels.ch.transactionCapacity = " + batch,
            "a1.sinks.k1.type = null",
            "a1.sinks.k1.batchSize = " + batch,
            "a1.sinks.k1.channel = ch");
    FlumeAgent agent =
        FlumeAgent.builder("a1")
            .workDir(dir)
            .config(String.join("\n", config))
            .plugin(tarball)
            .libext("sluice-amps-source", AmpsBenchEnvironment.ampsClientJar())
            .jvmArgs("-Xmx1g")
            .logLevel("dev.sluice", "WARN")
            .build();
    agent.start();
    try {
      awaitSubscribed(agent); // Flume's null sink has no counters, so awaitStarted cannot tell
      publish(uri, topic, warmup);
      long base = awaitCount(() -> agent.counter("SOURCE.amps", "EventAcceptedCount"), warmup);
      Thread publisher = publisherThread(uri, topic);
      double rate = steadyRate(agent, base);
      publisher.join();
      return rate;
    } finally {
      agent.stop(Duration.ofSeconds(60));
    }
  }

  private static void awaitSubscribed(FlumeAgent agent) throws Exception {
    long deadline = System.nanoTime() + GENEROUS.toNanos();
    while (true) {
      try {
        if (agent.counter("SOURCE.amps", "Subscribed") == 1) {
          return;
        }
      } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
        // JMX or the source's counters are not up yet
      }
      if (!agent.isAlive() || System.nanoTime() > deadline) {
        throw new TimeoutException("the agent did not subscribe within " + GENEROUS);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  private Thread publisherThread(String uri, String topic) {
    Thread t =
        new Thread(
            () -> {
              try {
                publish(uri, topic, events);
              } catch (Exception e) {
                throw new IllegalStateException("publishing failed", e);
              }
            },
            "bench-publisher");
    t.start();
    return t;
  }

  /** Events committed to the channel per second between 10% and 90% of the run after base. */
  private double steadyRate(FlumeAgent agent, long base) throws Exception {
    long low = base + events / 10;
    long high = base + events - events / 10;
    long deadline = System.nanoTime() + GENEROUS.toNanos();
    long t0 = 0;
    long c0 = 0;
    while (true) {
      long now = System.nanoTime();
      long c = agent.counter("SOURCE.amps", "EventAcceptedCount");
      if (t0 == 0 && c >= low) {
        t0 = now;
        c0 = c;
      } else if (t0 != 0 && c >= high) {
        return (c - c0) / ((now - t0) / 1e9);
      }
      if (now > deadline) {
        throw new TimeoutException("only " + c + " of " + events + " events in " + GENEROUS);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  /** Waits until a count reaches {@code at least}; returns it. */
  private static long awaitCount(LongSupplier count, long atLeast) throws Exception {
    long deadline = System.nanoTime() + GENEROUS.toNanos();
    long c;
    while ((c = count.getAsLong()) < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("only " + c + " of " + atLeast + " warm-up events arrived");
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return c;
  }

  // ------------------------------------------------------------------ the anchor: the raw client

  /** Events per second the raw client receives, between 10% and 90% of the run. */
  private double rawRun(String uri) throws Exception {
    int n = ++runNumber;
    String topic = "bench-" + n;
    HAClient client = new HAClient("bench-raw-" + n);
    try {
      DefaultServerChooser chooser = new DefaultServerChooser();
      chooser.add(uri);
      client.setServerChooser(chooser);
      client.connectAndLogon();
      long low = (long) warmup + events / 10;
      long high = (long) warmup + events - events / 10;
      long[] times = new long[2];
      AtomicLong counts = new AtomicLong();
      long[] bytes = new long[1]; // what the handler copied, so that the copy is not optimised away
      CountDownLatch done = new CountDownLatch(1);
      client.executeAsync(
          new Command("subscribe").setTopic(topic),
          (Message m) -> {
            Field data = m.getDataRaw();
            byte[] body =
                Arrays.copyOfRange(data.buffer, data.position, data.position + data.length);
            bytes[0] += body.length;
            long c = counts.get() + 1;
            counts.lazySet(c);
            if (c == low) {
              times[0] = System.nanoTime();
            } else if (c == high) {
              times[1] = System.nanoTime();
              done.countDown();
            }
          });
      publish(uri, topic, warmup);
      awaitCount(counts::get, warmup);
      Thread publisher = publisherThread(uri, topic);
      if (!done.await(GENEROUS.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new TimeoutException("the raw client got only " + counts.get() + " of " + events);
      }
      publisher.join();
      if (bytes[0] == 0) {
        throw new IllegalStateException("the raw client received empty bodies");
      }
      return (high - low) / ((times[1] - times[0]) / 1e9);
    } finally {
      client.close();
    }
  }
}
