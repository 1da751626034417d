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
package dev.sluice.flume.monitor.graphite;

import dev.sluice.flume.common.retry.Backoff;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.management.MBeanServer;
import org.apache.flume.Context;
import org.apache.flume.instrumentation.MonitorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every Flume component's counters to Graphite. Enabled the way Flume enables its HTTP and
 * Ganglia monitors:
 *
 * <pre>
 * -Dflume.monitoring.type=dev.sluice.flume.monitor.graphite.GraphiteMonitorService
 * -Dflume.monitoring.host=graphite.example.com
 * </pre>
 *
 * <p>Threads: one poll thread reads JMX every {@code pollInterval} and queues the batch for each
 * destination; one sender thread per destination writes to carbon. Nothing here runs on a Flume
 * thread except {@link #configure}, {@link #start} and {@link #stop}, and {@code stop} returns
 * within {@code shutdownTimeout} whatever carbon does. See {@code docs/graphite-monitor.md}.
 */
public final class GraphiteMonitorService implements MonitorService {
  private static final Logger LOG = LoggerFactory.getLogger(GraphiteMonitorService.class);

  /** How long an interrupted sender gets to unwind after the shutdown deadline. */
  private static final long ABORT_GRACE_MILLIS = 200;

  private final MBeanServer mbeanServer;
  private final Clock clock;
  private final LongSupplier nanoClock;
  private final TransportFactory transports;
  private final AgentEnvironment environment;

  private GraphiteMonitorConfig config;
  private SeriesCatalog catalog;
  private FlumeMBeanReader flumeReader;
  private JvmReader jvmReader;
  private List<DestinationSender> senders = List.of();
  private List<Thread> senderThreads = List.of();
  private MonitorCounters counters;
  private ScheduledExecutorService poller;
  private boolean started;
  private boolean stopped;
  private int lastBatchSize = 64;

  public GraphiteMonitorService() {
    this(
        ManagementFactory.getPlatformMBeanServer(),
        Clock.systemUTC(),
        System::nanoTime,
        TransportFactory.sockets(AddressResolver.DNS),
        AgentEnvironment.system());
  }

  GraphiteMonitorService(
      MBeanServer mbeanServer,
      Clock clock,
      LongSupplier nanoClock,
      TransportFactory transports,
      AgentEnvironment environment) {
    this.mbeanServer = mbeanServer;
    this.clock = clock;
    this.nanoClock = nanoClock;
    this.transports = transports;
    this.environment = environment;
  }

  /**
   * Reads every key; throws {@link dev.sluice.flume.common.config.InvalidConfigurationException}
   * naming each bad key, the value given and what is allowed.
   */
  @Override
  public synchronized void configure(Context context) {
    if (started) {
      throw new IllegalStateException("configure() after start(): Flume makes a new monitor");
    }
    config = GraphiteMonitorConfig.parse(context, environment);
  }

  @Override
  // The poll task logs and survives its failures (pollSafely); stop() shuts the poller down, so
  // the scheduled future has nothing to report.
  @SuppressWarnings("FutureReturnValueIgnored")
  public synchronized void start() {
    if (config == null) {
      throw new IllegalStateException("start() before configure()");
    }
    if (started) {
      return;
    }
    started = true;
    catalog = SeriesCatalog.of(config);
    flumeReader = new FlumeMBeanReader(mbeanServer);
    jvmReader = config.jvmMetrics ? new JvmReader() : null;
    counters = new MonitorCounters(GraphiteMonitorConfig.MONITOR_NAME, this::queuedBatches);
    List<DestinationSender> s = new ArrayList<>();
    List<Thread> t = new ArrayList<>();
    for (Destination d : config.destinations) {
      DestinationSender sender =
          new DestinationSender(
              d,
              transports.create(d, config),
              new BatchQueue(config.maxQueuedBatches),
              new Backoff(config.initialBackoffMillis, config.maxBackoffMillis),
              counters);
      Thread thread = new Thread(sender, "graphite-monitor-sender-" + (s.size() + 1));
      thread.setDaemon(true);
      s.add(sender);
      t.add(thread);
    }
    senders = List.copyOf(s);
    senderThreads = List.copyOf(t);
    counters.start();
    senderThreads.forEach(Thread::start);
    poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread th = new Thread(r, "graphite-monitor-poll");
              th.setDaemon(true);
              return th;
            });
    poller.scheduleAtFixedRate(
        this::pollSafely,
        config.pollIntervalMillis,
        config.pollIntervalMillis,
        TimeUnit.MILLISECONDS);
    LOG.info(
        "Graphite monitor started: {} every {} ms under prefix '{}'",
        config.destinations,
        config.pollIntervalMillis,
        config.prefix);
  }

  /**
   * Stops polling, queues one last poll, gives the senders until {@code shutdownTimeout} to deliver
   * what is queued, then abandons the rest (counted as dropped). Safe to call more than once: Flume
   * 1.11 calls it once when it stops the components and again when it stops the agent.
   */
  @Override
  public void stop() {
    synchronized (this) {
      if (!started || stopped) {
        return;
      }
      stopped = true;
    }
    long deadline =
        nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(config.shutdownTimeoutMillis);
    poller.shutdownNow();
    boolean pollerDone = false;
    try {
      pollerDone = poller.awaitTermination(remainingMillis(deadline), TimeUnit.MILLISECONDS);
      if (pollerDone) {
        pollSafely(); // the final counts, so the last minute of a stopping agent is not lost
      }
      senders.forEach(DestinationSender::close);
      for (Thread t : senderThreads) {
        t.join(Math.max(1, remainingMillis(deadline)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Thread t : senderThreads) {
      if (t.isAlive()) {
        t.interrupt();
      }
    }
    for (Thread t : senderThreads) {
      try {
        t.join(ABORT_GRACE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    counters.stop();
    LOG.info(
        "Graphite monitor stopped: {} batches ({} metrics) sent, {} send failures, {} batches"
            + " dropped, {} reconnects{}",
        counters.value(MonitorCounters.BATCH_SENT),
        counters.value(MonitorCounters.METRIC_SENT),
        counters.value(MonitorCounters.SEND_FAILURE),
        counters.value(MonitorCounters.BATCH_DROPPED),
        counters.value(MonitorCounters.RECONNECT),
        pollerDone ? "" : " (the last poll was still running and was abandoned)");
  }

  private long remainingMillis(long deadlineNanos) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - nanoClock.getAsLong()));
  }

  private void pollSafely() {
    try {
      pollOnce();
    } catch (RuntimeException e) {
      LOG.warn("Graphite monitor: poll failed; trying again next interval", e);
    }
  }

  /** Reads every counter once and queues the batch for every destination. Poll thread only. */
  void pollOnce() {
    long nanos = nanoClock.getAsLong();
    long epochSeconds = Math.floorDiv(clock.millis(), 1000L);
    List<Datapoint> points = new ArrayList<>(lastBatchSize + 16);
    catalog.beginPoll();
    flumeReader.read(catalog, nanos, points);
    if (jvmReader != null) {
      jvmReader.read(catalog, nanos, points);
    }
    catalog.endPoll();
    lastBatchSize = points.size();
    if (points.isEmpty()) {
      return;
    }
    Batch batch = new Batch(epochSeconds, Collections.unmodifiableList(points));
    for (DestinationSender s : senders) {
      s.offer(batch);
    }
  }

  private long queuedBatches() {
    long n = 0;
    for (DestinationSender s : senders) {
      n += s.queued();
    }
    return n;
  }

  /** The monitor's health counters; for tests. */
  MonitorCounters counters() {
    return counters;
  }

  GraphiteMonitorConfig config() {
    return config;
  }
}
