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
package dev.sluice.flume.benchmarks.graphite;

import dev.sluice.flume.monitor.graphite.GraphiteMonitorService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.flume.Context;
import org.apache.flume.instrumentation.ChannelCounter;
import org.apache.flume.instrumentation.MonitoredCounterGroup;
import org.apache.flume.instrumentation.SinkCounter;
import org.apache.flume.instrumentation.SourceCounter;
import org.apache.flume.instrumentation.http.HTTPMetricsServer;

/**
 * The CPU cost of one Graphite poll-and-send against its anchor, Flume's own {@code
 * HTTPMetricsServer} serving the same counters once, in the same JVM and run.
 *
 * <p>100 real Flume counter groups (34 sources, 33 channels, 33 sinks) are registered in the
 * platform MBean server, as an agent registers them. Rounds alternate:
 *
 * <ul>
 *   <li><b>ours</b>: a {@link GraphiteMonitorService} polling every 100 ms, sending plaintext over
 *       TCP to a loopback socket that discards what it reads, for {@value #OPS} polls;
 *   <li><b>anchor</b>: {@value #OPS} sequential {@code GET /metrics} to an {@code
 *       HTTPMetricsServer} on a loopback port, each response read fully.
 * </ul>
 *
 * Cost is the CPU time of every Java thread of the JVM over the round (ThreadMXBean, nanosecond
 * thread clocks), minus the consumer's thread (the socket reader for ours, the HTTP client for the
 * anchor) and the benchmark's own thread, divided by the operations completed. JIT and GC threads
 * are not Java threads and are not counted, for either side. The first {@value #WARMUP_ROUNDS}
 * rounds of each warm up the JIT and are not reported. Medians over the measured rounds.
 *
 * <pre>java -cp ... dev.sluice.flume.benchmarks.graphite.GraphitePollCost [rounds]</pre>
 */
public final class GraphitePollCost {
  static final int COMPONENTS = 100;
  static final int OPS = 50;
  static final int WARMUP_ROUNDS = 6;
  private static final long POLL_INTERVAL_MILLIS = 100;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

  private GraphitePollCost() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    if (!THREADS.isThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure thread CPU time");
    }
    THREADS.setThreadCpuTimeEnabled(true);
    List<MonitoredCounterGroup> groups = registerComponents();
    try (DiscardingServer carbon = new DiscardingServer()) {
      int httpPort = freePort();
      HTTPMetricsServer http = new HTTPMetricsServer();
      Context httpContext = new Context();
      httpContext.put(HTTPMetricsServer.CONFIG_PORT, Integer.toString(httpPort));
      http.configure(httpContext);
      http.start();
      try {
        List<Double> ours = new ArrayList<>();
        List<Double> anchor = new ArrayList<>();
        long[] bytes = new long[2];
        for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
          boolean measured = round >= WARMUP_ROUNDS;
          Measurement a = httpRound(httpPort);
          Measurement o = graphiteRound(carbon);
          if (measured) {
            anchor.add(a.cpuNanosPerOp());
            ours.add(o.cpuNanosPerOp());
            bytes[0] = a.bytesPerOp();
            bytes[1] = o.bytesPerOp();
          }
          System.out.printf(
              "round %d%s: anchor %.1f us/op, ours %.1f us/op (%.0f%% of it polling)%n",
              round + 1,
              measured ? "" : " (warm-up)",
              a.cpuNanosPerOp() / 1e3,
              o.cpuNanosPerOp() / 1e3,
              o.pollShare() * 100);
        }
        double medianAnchor = median(anchor);
        double medianOurs = median(ours);
        System.out.println();
        System.out.printf(
            "== graphite: one poll-and-send of %d components vs HTTPMetricsServer serving them"
                + " once (CPU, median of %d rounds of %d ops)%n",
            COMPONENTS, rounds, OPS);
        System.out.printf("%-44s %14s %14s%n", "", "CPU us/op", "bytes/op");
        System.out.printf(
            "%-44s %14.1f %14d%n",
            "anchor: HTTPMetricsServer GET /metrics", medianAnchor / 1e3, bytes[0]);
        System.out.printf(
            "%-44s %14.1f %14d%n",
            "ours: GraphiteMonitorService poll + TCP send", medianOurs / 1e3, bytes[1]);
        System.out.printf("ours / anchor CPU: %.2fx%n", medianOurs / medianAnchor);
      } finally {
        http.stop();
      }
    } finally {
      for (MonitoredCounterGroup g : groups) {
        g.stop();
      }
    }
  }

  /** 100 counter groups with some traffic on them, registered as Flume registers them. */
  private static List<MonitoredCounterGroup> registerComponents() {
    List<MonitoredCounterGroup> groups = new ArrayList<>();
    for (int i = 0; i < COMPONENTS; i++) {
      switch (i % 3) {
        case 0:
          SourceCounter s = new SourceCounter("source-" + i);
          s.start();
          s.addToEventReceivedCount(1_000_000L + i);
          s.addToEventAcceptedCount(999_000L + i);
          groups.add(s);
          break;
        case 1:
          ChannelCounter c = new ChannelCounter("channel-" + i);
          c.start();
          c.setChannelCapacity(1_000_000);
          c.setChannelSize(37 + i);
          c.addToEventPutSuccessCount(5_000_000L + i);
          groups.add(c);
          break;
        default:
          SinkCounter k = new SinkCounter("sink-" + i);
          k.start();
          k.addToEventDrainSuccessCount(4_000_000L + i);
          k.incrementBatchCompleteCount();
          groups.add(k);
          break;
      }
    }
    return groups;
  }

  private static Measurement httpRound(int port) throws IOException {
    long bytes = 0;
    Map<Long, Long> before = cpuByThread();
    long clientBefore = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < OPS; i++) {
      HttpURLConnection c =
          (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics").openConnection();
      try (InputStream in = c.getInputStream()) {
        bytes += in.transferTo(OutputSink.INSTANCE);
      }
      if (c.getResponseCode() != 200) {
        throw new IllegalStateException("HTTP " + c.getResponseCode());
      }
    }
    long client = THREADS.getCurrentThreadCpuTime() - clientBefore;
    long all = cpuSince(before, Set.of());
    return new Measurement(all - client, OPS, bytes, 0);
  }

  private static Measurement graphiteRound(DiscardingServer carbon) throws Exception {
    GraphiteMonitorService monitor = new GraphiteMonitorService();
    Context c = new Context();
    c.put("host", "127.0.0.1");
    c.put("port", Integer.toString(carbon.port()));
    c.put("pollInterval", Long.toString(POLL_INTERVAL_MILLIS));
    c.put("agentName", "bench");
    monitor.configure(c);
    ObjectName health = new ObjectName("org.apache.flume.other:type=graphite-monitor");
    monitor.start();
    try {
      // Skip the first poll of this monitor: it formats and caches every name once.
      long first = awaitBatches(health, 1);
      Map<Long, Long> before = cpuByThread();
      long bytesBefore = carbon.bytes();
      long sent = awaitBatches(health, first + OPS);
      long all = cpuSince(before, Set.of(carbon.readerThreadId()));
      long poll = cpuOfThreadsNamed("graphite-monitor-poll", before);
      return new Measurement(all, sent - first, carbon.bytes() - bytesBefore, poll);
    } finally {
      monitor.stop();
    }
  }

  /** Waits (sleeping; this thread's CPU is not counted) until the monitor sent n batches. */
  private static long awaitBatches(ObjectName health, long n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (true) {
      long sent = (Long) MBEANS.getAttribute(health, "BatchSentCount");
      if (sent >= n) {
        return sent;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the monitor sent only " + sent + " of " + n + " batches");
      }
      Thread.sleep(5);
    }
  }

  private static Map<Long, Long> cpuByThread() {
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      long t = THREADS.getThreadCpuTime(id);
      if (t >= 0) {
        cpu.put(id, t);
      }
    }
    return cpu;
  }

  /**
   * CPU used since {@code before} by every thread except this one and {@code excluded}; threads
   * born since count from zero.
   */
  private static long cpuSince(Map<Long, Long> before, Set<Long> excluded) {
    long self = Thread.currentThread().getId();
    long total = 0;
    for (long id : THREADS.getAllThreadIds()) {
      if (id == self || excluded.contains(id)) {
        continue;
      }
      long t = THREADS.getThreadCpuTime(id);
      if (t >= 0) {
        total += t - before.getOrDefault(id, 0L);
      }
    }
    return total;
  }

  /** CPU used since {@code before} by the live threads of that name. */
  private static long cpuOfThreadsNamed(String name, Map<Long, Long> before) {
    long total = 0;
    for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && info.getThreadName().equals(name)) {
        long t = THREADS.getThreadCpuTime(info.getThreadId());
        if (t >= 0) {
          total += t - before.getOrDefault(info.getThreadId(), 0L);
        }
      }
    }
    return total;
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static final class Measurement {
    final long cpuNanos;
    final long ops;
    final long bytes;
    final long pollNanos;

    Measurement(long cpuNanos, long ops, long bytes, long pollNanos) {
      this.cpuNanos = cpuNanos;
      this.ops = ops;
      this.bytes = bytes;
      this.pollNanos = pollNanos;
    }

    /** The share of the poll thread (reading JMX, naming, queueing); the rest is sending. */
    double pollShare() {
      return cpuNanos == 0 ? 0 : (double) pollNanos / cpuNanos;
    }

    double cpuNanosPerOp() {
      return (double) cpuNanos / ops;
    }

    long bytesPerOp() {
      return bytes / ops;
    }
  }

  /** Carbon's stand-in: accepts connections and discards what it reads, counting bytes. */
  private static final class DiscardingServer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread reader;
    private final AtomicLong bytes = new AtomicLong();

    DiscardingServer() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      reader = new Thread(this::serve, "discarding-carbon");
      reader.setDaemon(true);
      reader.start();
    }

    int port() {
      return server.getLocalPort();
    }

    long readerThreadId() {
      return reader.getId();
    }

    long bytes() {
      return bytes.get();
    }

    private void serve() {
      byte[] buf = new byte[64 * 1024];
      while (!server.isClosed()) {
        try (Socket s = server.accept();
            InputStream in = s.getInputStream()) {
          for (int n; (n = in.read(buf)) >= 0; ) {
            bytes.addAndGet(n);
          }
        } catch (IOException e) {
          if (!server.isClosed()) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /** Discards bytes. */
  private static final class OutputSink extends java.io.OutputStream {
    static final OutputSink INSTANCE = new OutputSink();

    @Override
    public void write(int b) {
      // discarded
    }

    @Override
    public void write(byte[] b, int off, int len) {
      // discarded
    }
  }
}
