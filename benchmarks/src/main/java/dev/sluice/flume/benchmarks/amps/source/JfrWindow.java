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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.ParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import jdk.jfr.Configuration;
import jdk.management.jfr.FlightRecorderMXBean;

/**
 * A profile of a child JVM that covers only the measured window of a run: from the poll whose count
 * first reaches the low mark to the one that first reaches the high mark, the same marks {@link
 * dev.sluice.flume.benchmarks.amps.SteadyRate} times between, so start-up, class loading and the
 * warm-up stay out of it. Three views:
 *
 * <ul>
 *   <li>a JFR recording (settings {@code profile}) driven over the child's JMX port through the
 *       JDK's {@code FlightRecorderMXBean} on a thread of its own, so that the observer's polls are
 *       not delayed, and written to {@code file} by the child (JFR needs a moment to start, so the
 *       first few hundred milliseconds of the window may be missing);
 *   <li>every thread's CPU time (user + system, from {@code /proc/<pid>/task/<tid>/stat}) at both
 *       marks: exact per-thread CPU of the window, GC and JIT threads included, which JFR's
 *       execution samples leave out. Printed as CPU microseconds per event, per thread name (digits
 *       folded).
 *   <li>the whole machine's CPU time at both marks ({@code /proc/stat}): the share of all cores
 *       that was busy over the window and the busy CPU per event, every process included (the side,
 *       the testkit, the publisher). On a machine whose cores are all busy, the events/s of a side
 *       are the busy CPU divided by the whole machine's CPU per event.
 * </ul>
 */
final class JfrWindow implements AutoCloseable {
  private static final String MBEAN = "jdk.management.jfr:type=FlightRecorder";
  private static final String SETTINGS = System.getProperty("bench.jfr.settings", "profile");

  private final JMXServiceURL url;
  private final Path file;
  private final String label;
  private final long pid;
  private Map<String, Long> ticksAtLow;
  private Map<String, Long> ticksAtHigh;
  private Map<String, long[]> switchesAtLow;
  private Map<String, long[]> switchesAtHigh;
  private long countAtLow;
  private long countAtHigh;
  private long[] machineAtLow;
  private long[] machineAtHigh;
  private final ExecutorService worker;
  private JMXConnector connector;
  private long recording = -1;
  private Future<?> started;
  private Future<?> stopped;
  private boolean opened;
  private Map<String, Double> microsPerEvent = Map.of();
  private double machineBusy = Double.NaN;
  private double machineMicrosPerEvent = Double.NaN;

  /**
   * @param file where the child writes the recording, or null for the threads' CPU only
   */
  JfrWindow(long pid, int jmxPort, Path file, String label) {
    this.pid = pid;
    this.label = label;
    try {
      this.url =
          new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
    } catch (IOException e) {
      throw new IllegalArgumentException("bad JMX port " + jmxPort, e);
    }
    this.file = file;
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "bench-jfr-window");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * The count, watched: the recording starts at the first read at or above {@code low} and stops at
   * the first at or above {@code high}.
   */
  LongSupplier watching(LongSupplier count, long low, long high) {
    return () -> {
      long c = count.getAsLong();
      if (!opened && c >= low) {
        ticksAtLow = threadTicks(pid);
        switchesAtLow = threadSwitches(pid);
        machineAtLow = machineTicks();
        countAtLow = c;
        started = file == null ? null : worker.submit(() -> call(this::start));
        opened = true;
      } else if (opened && ticksAtHigh == null && c >= high) {
        ticksAtHigh = threadTicks(pid);
        switchesAtHigh = threadSwitches(pid);
        machineAtHigh = machineTicks();
        countAtHigh = c;
        stopped = file == null ? null : worker.submit(() -> call(this::stop));
      }
      return c;
    };
  }

  /**
   * Each thread's CPU microseconds per event over the window, by folded name ({@code /proc} shows
   * the first 15 characters of a thread's name); empty until {@link #await} saw the window close.
   */
  Map<String, Double> microsPerEvent() {
    return microsPerEvent;
  }

  /**
   * The share of all the machine's CPU time that was busy over the window (every process: the side,
   * the testkit, the publisher, anything else), from {@code /proc/stat}; NaN until {@link #await}
   * saw the window close.
   */
  double machineBusy() {
    return machineBusy;
  }

  /**
   * The machine's busy CPU microseconds (every process) per event counted over the window; NaN
   * until {@link #await} saw the window close.
   */
  double machineMicrosPerEvent() {
    return machineMicrosPerEvent;
  }

  /**
   * Waits for the recording to be written (call before the child stops), keeps the threads' CPU
   * over the window ({@link #microsPerEvent}) and prints it unless {@code out} is null.
   */
  void await(PrintStream out) throws Exception {
    if (stopped != null) {
      stopped.get(2, TimeUnit.MINUTES);
    } else if (started != null) {
      started.get(2, TimeUnit.MINUTES);
    }
    if (ticksAtHigh == null) {
      return;
    }
    long events = countAtHigh - countAtLow;
    double tick = 1e6 / ticksPerSecond(); // microseconds
    Map<String, Long> spent = new TreeMap<>();
    long total = 0;
    for (Map.Entry<String, Long> e : ticksAtHigh.entrySet()) {
      long t = e.getValue() - ticksAtLow.getOrDefault(e.getKey(), 0L);
      if (t > 0) {
        spent.put(e.getKey(), t);
        total += t;
      }
    }
    Map<String, Double> perEvent = new TreeMap<>();
    spent.forEach((name, t) -> perEvent.put(name, t * tick / events));
    microsPerEvent = Collections.unmodifiableMap(perEvent);
    long busy = machineAtHigh[0] - machineAtLow[0];
    long all = machineAtHigh[1] - machineAtLow[1];
    machineBusy = all > 0 ? (double) busy / all : Double.NaN;
    machineMicrosPerEvent = busy * tick / events;
    if (out == null) {
      return;
    }
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "threads %-22s %.3f CPU us/event over %,d events:",
            label,
            total * tick / events,
            events));
    spent.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                b.append(
                    String.format(
                        Locale.ROOT, " [%s] %.3f", e.getKey(), e.getValue() * tick / events)));
    out.println(b);
    out.println(switches(events));
    out.println(
        String.format(
            Locale.ROOT,
            "machine %-22s %.3f of all cores busy, %.3f CPU us/event machine-wide",
            label,
            machineBusy,
            machineMicrosPerEvent));
  }

  /**
   * The threads' context switches over the window per 1,000 events, voluntary (the thread waited: a
   * park, a socket read) and involuntary (the scheduler took the CPU from a runnable thread), for
   * the threads that switched at least once per 1,000 events.
   */
  private String switches(long events) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT, "switches %-21s per 1,000 events, voluntary/involuntary:", label));
    Map<String, long[]> spent = new TreeMap<>();
    for (Map.Entry<String, long[]> e : switchesAtHigh.entrySet()) {
      long[] low = switchesAtLow.getOrDefault(e.getKey(), new long[2]);
      long[] d = {e.getValue()[0] - low[0], e.getValue()[1] - low[1]};
      if ((d[0] + d[1]) * 1000 >= events) {
        spent.put(e.getKey(), d);
      }
    }
    spent.entrySet().stream()
        .sorted(
            (x, y) ->
                Long.compare(y.getValue()[0] + y.getValue()[1], x.getValue()[0] + x.getValue()[1]))
        .forEach(
            e ->
                b.append(
                    String.format(
                        Locale.ROOT,
                        " [%s] %.2f/%.2f",
                        e.getKey(),
                        e.getValue()[0] * 1000.0 / events,
                        e.getValue()[1] * 1000.0 / events)));
    return b.toString();
  }

  /**
   * The machine's busy and total CPU clock ticks, all cores, since boot: the first line of {@code
   * /proc/stat}; busy is everything but idle and iowait.
   */
  static long[] machineTicks() {
    String line;
    try (BufferedReader r =
        Files.newBufferedReader(Paths.get("/proc/stat"), StandardCharsets.UTF_8)) {
      line = r.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/stat", e);
    }
    String[] f = line.trim().split("\\s+"); // cpu user nice system idle iowait irq softirq ...
    long all = 0;
    for (int i = 1; i < f.length; i++) {
      all += Long.parseLong(f[i]);
    }
    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
    return new long[] {all - idle, all};
  }

  /** CPU clock ticks (user + system) of every thread of {@code pid}, summed per folded name. */
  static Map<String, Long> threadTicks(long pid) {
    Map<String, Long> ticks = new HashMap<>();
    eachThread(
        pid,
        "stat",
        stat -> {
          int close = stat.lastIndexOf(')');
          String name = folded(stat.substring(stat.indexOf('(') + 1, close));
          String[] f = stat.substring(close + 1).trim().split("\\s+");
          ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
        });
    return ticks;
  }

  /**
   * Voluntary and involuntary context switches of every thread of {@code pid} (from its {@code
   * status}), summed per folded name.
   */
  static Map<String, long[]> threadSwitches(long pid) {
    Map<String, long[]> switches = new HashMap<>();
    eachThread(
        pid,
        "status",
        status -> {
          String name = null;
          long[] n = new long[2];
          for (String line : status.split("\n")) {
            if (line.startsWith("Name:")) {
              name = folded(line.substring(5).trim());
            } else if (line.startsWith("voluntary_ctxt_switches:")) {
              n[0] = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
              n[1] = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
          if (name != null) {
            switches.merge(name, n, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
          }
        });
    return switches;
  }

  /**
   * Hands {@code /proc/<pid>/task/<tid>/<file>} of every thread of {@code pid} to {@code reader}; a
   * thread that ended meanwhile is skipped.
   */
  private static void eachThread(long pid, String file, Consumer<String> reader) {
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Paths.get("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        String text;
        try {
          text = new String(Files.readAllBytes(task.resolve(file)), StandardCharsets.UTF_8);
        } catch (IOException e) {
          continue; // the thread ended
        }
        reader.accept(text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the threads of process " + pid, e);
    }
  }

  /** A thread name with its digits folded, so that a pool's threads add up under one name. */
  private static String folded(String threadName) {
    return threadName.replaceAll("[0-9]+", "N");
  }

  private static long ticksPerSecond() {
    return 100; // USER_HZ on every Linux this benchmark runs on
  }

  private interface JmxCall {
    void run(MBeanServerConnection c, ObjectName n) throws IOException, JMException;
  }

  // The URL is always the loopback port of a child JVM this benchmark started.
  @SuppressWarnings("BanJNDI")
  private Void call(JmxCall call) throws IOException, JMException {
    if (connector == null) {
      connector = JMXConnectorFactory.connect(url);
    }
    ObjectName name;
    try {
      name = new ObjectName(MBEAN);
    } catch (MalformedObjectNameException e) {
      throw new IllegalStateException(e);
    }
    call.run(connector.getMBeanServerConnection(), name);
    return null;
  }

  private void start(MBeanServerConnection c, ObjectName n) throws IOException, JMException {
    recording = (Long) c.invoke(n, "newRecording", new Object[0], new String[0]);
    // The predefined settings, plus every JIT compilation however short (the window is short and
    // compilations in it are CPU the window pays for).
    Map<String, String> settings;
    try {
      settings = new HashMap<>(Configuration.getConfiguration(SETTINGS).getSettings());
    } catch (ParseException e) {
      throw new IllegalStateException("JFR settings '" + SETTINGS + "' do not parse", e);
    }
    settings.put("jdk.Compilation#threshold", "0 ms");
    settings.put("jdk.Deoptimization#enabled", "true");
    JMX.newMXBeanProxy(c, n, FlightRecorderMXBean.class).setRecordingSettings(recording, settings);
    c.invoke(n, "startRecording", new Object[] {recording}, new String[] {long.class.getName()});
  }

  private void stop(MBeanServerConnection c, ObjectName n) throws IOException, JMException {
    String[] id = {long.class.getName()};
    c.invoke(n, "stopRecording", new Object[] {recording}, id);
    c.invoke(
        n,
        "copyTo",
        new Object[] {recording, file.toString()},
        new String[] {long.class.getName(), String.class.getName()});
    c.invoke(n, "closeRecording", new Object[] {recording}, id);
  }

  @Override
  public void close() {
    worker.shutdownNow();
    if (connector != null) {
      try {
        connector.close();
      } catch (IOException e) {
        // the child is gone
      }
      connector = null;
    }
  }
}
