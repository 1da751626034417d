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

import dev.sluice.flume.benchmarks.BenchArgs;
import dev.sluice.flume.benchmarks.report.Goal;
import dev.sluice.flume.benchmarks.report.Section;
import dev.sluice.flume.benchmarks.report.Series;
import dev.sluice.flume.benchmarks.report.Workload;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
 * platform MBean server, as an agent registers them. Each round measures both, in alternating order
 * (anchor first in odd rounds, ours first in even ones):
 *
 * <ul>
 *   <li><b>ours</b>: a {@link GraphiteMonitorService} polling every {@value #POLL_INTERVAL_MILLIS}
 *       ms, sending plaintext over TCP to a loopback socket that discards what it reads, for {@code
 *       ops} polls;
 *   <li><b>anchor</b>: {@code ops} {@code GET /metrics} to an {@code HTTPMetricsServer} on a
 *       loopback port, one every {@value #POLL_INTERVAL_MILLIS} ms (a scraper at the same
 *       interval), each response read fully.
 * </ul>
 *
 * One observer for both: the CPU time of every Java thread of the JVM over the round (ThreadMXBean,
 * nanosecond thread clocks), except the consumer's thread (the socket reader for ours; for the
 * anchor the HTTP client, which is this benchmark's own thread) and this benchmark's thread,
 * divided by the operations completed. Both rounds last about as long, so the idle threads of the
 * JVM weigh the same on both. JIT and GC threads are not Java threads and are not counted, for
 * either side. The first {@code warmup} rounds of each warm up the JIT and are not reported.
 *
 * <pre>bin/bench graphite [--rounds R] [--ops N] [--warmup W] [--quick]</pre>
 */
public final class GraphitePollCost {
  static final int COMPONENTS = 100;
  private static final long POLL_INTERVAL_MILLIS = 100;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

  private final int ops;

  private GraphitePollCost(int ops) {
    this.ops = ops;
  }

  public static Section run(String[] args) throws Exception {
    BenchArgs a =
        BenchArgs.parse(
            "graphite",
            args,
            List.of("--rounds", "--ops", "--warmup"),
            List.of("--quick"),
            "[--rounds R] [--ops N] [--warmup W] [--quick]");
    boolean quick = a.flag("--quick");
    int rounds = a.positive("--rounds", quick ? 2 : 9);
    int ops = a.positive("--ops", quick ? 20 : 50);
    int warmupRounds = a.positive("--warmup", quick ? 2 : 6);
    if (!THREADS.isThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure thread CPU time");
    }
    THREADS.setThreadCpuTimeEnabled(true);
    Section.Recorder section = Section.begin("graphite", "Graphite monitor", a.command());
    GraphitePollCost bench = new GraphitePollCost(ops);
    List<MonitoredCounterGroup> groups = registerComponents();
    Series ours = new Series();
    Series anchor = new Series();
    Series oursBytes = new Series();
    Series anchorBytes = new Series();
    try (DiscardingServer carbon = new DiscardingServer()) {
      int httpPort = freePort();
      HTTPMetricsServer http = new HTTPMetricsServer();
      Context httpContext = new Context();
      httpContext.put(HTTPMetricsServer.CONFIG_PORT, Integer.toString(httpPort));
      http.configure(httpContext);
      http.start();
      try {
        for (int round = 0; round < warmupRounds + rounds; round++) {
          boolean measured = round >= warmupRounds;
          Measurement m;
          Measurement o;
          if (round % 2 == 0) {
            m = bench.httpRound(httpPort);
            o = bench.graphiteRound(carbon);
          } else {
            o = bench.graphiteRound(carbon);
            m = bench.httpRound(httpPort);
          }
          if (measured) {
            anchor.add(m.cpuNanosPerOp() / 1e3);
            ours.add(o.cpuNanosPerOp() / 1e3);
            anchorBytes.add(m.bytesPerOp());
            oursBytes.add(o.bytesPerOp());
          }
          System.out.printf(
              Locale.ROOT,
              "round %d%s (%s first): anchor %.1f us/op, ours %.1f us/op (%.0f%% of it polling)%n",
              round + 1,
              measured ? "" : " (warm-up)",
              round % 2 == 0 ? "anchor" : "ours",
              m.cpuNanosPerOp() / 1e3,
              o.cpuNanosPerOp() / 1e3,
              o.pollShare() * 100);
        }
      } finally {
        http.stop();
      }
    } finally {
      for (MonitoredCounterGroup g : groups) {
        g.stop();
      }
    }
    section.description(
        String.format(
            Locale.ROOT,
            "Issue 7's goal, measured as issue 17 asks: the CPU of one Graphite poll-and-send of"
                + " %d components (34 sources, 33 channels, 33 sinks: real Flume counter groups in"
                + " the platform MBean server) against the anchor, Flume's own `HTTPMetricsServer`"
                + " serving the same counters to one `GET /metrics`, in the same JVM. Ours: a"
                + " `GraphiteMonitorService` (plaintext over TCP to a loopback socket that discards"
                + " what it reads), `pollInterval = %d`, %d polls per round. Anchor: %d `GET"
                + " /metrics`, one every %d ms, each response read fully. One observer: the CPU of"
                + " every Java thread of the JVM over the round (`ThreadMXBean`), less the"
                + " consumer's (the discarding reader; the HTTP client, which is the benchmark's own"
                + " thread) and the benchmark's thread, per operation. Rounds alternate (anchor"
                + " first in odd rounds, ours first in even ones); %d warm-up rounds of each first."
                + " Payload per operation (median): ours %,.0f bytes, the anchor %,.0f bytes.",
            COMPONENTS,
            POLL_INTERVAL_MILLIS,
            ops,
            ops,
            POLL_INTERVAL_MILLIS,
            warmupRounds,
            oursBytes.median(),
            anchorBytes.median()));
    section.add(
        Workload.of("poll + send of " + COMPONENTS + " components", "CPU µs per operation")
            .lowerIsBetter()
            .anchor("HTTPMetricsServer GET /metrics", anchor)
            .ours("GraphiteMonitorService poll + TCP send", ours)
            .goal(Goal.ratioAtMost(1.0))
            .build());
    return section.end();
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

  /**
   * {@code ops} scrapes, one per poll interval. The HTTP client runs on this thread, which {@link
   * #cpuSince} leaves out: what remains is the server's side.
   */
  private Measurement httpRound(int port) throws IOException, InterruptedException {
    long bytes = 0;
    Map<Long, Long> before = cpuByThread();
    long next = System.nanoTime();
    for (int i = 0; i < ops; i++) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      next += TimeUnit.MILLISECONDS.toNanos(POLL_INTERVAL_MILLIS);
      HttpURLConnection c =
          (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics").openConnection();
      try (InputStream in = c.getInputStream()) {
        bytes += in.transferTo(OutputSink.INSTANCE);
      }
      if (c.getResponseCode() != 200) {
        throw new IllegalStateException("HTTP " + c.getResponseCode());
      }
    }
    return new Measurement(cpuSince(before, Set.of()), ops, bytes, 0);
  }

  private Measurement graphiteRound(DiscardingServer carbon) throws Exception {
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
      long sent = awaitBatches(health, first + ops);
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
      Thread.sleep(20);
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

    double bytesPerOp() {
      return (double) bytes / ops;
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
