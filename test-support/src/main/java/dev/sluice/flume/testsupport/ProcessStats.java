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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * CPU time and peak resident memory of a running process, from Linux's {@code /proc}: CPU seconds
 * are {@code utime + stime} of {@code /proc/<pid>/stat} divided by the clock tick rate, peak RSS is
 * {@code VmHWM} of {@code /proc/<pid>/status}. Take the sample before the process exits.
 */
public final class ProcessStats {
  private static final long DEFAULT_CLOCK_TICKS = 100;
  private static volatile long clockTicks;

  private final long pid;
  private final double cpuSeconds;
  private final long peakRssBytes;

  private ProcessStats(long pid, double cpuSeconds, long peakRssBytes) {
    this.pid = pid;
    this.cpuSeconds = cpuSeconds;
    this.peakRssBytes = peakRssBytes;
  }

  /** Samples the process {@code pid}. */
  public static ProcessStats of(long pid) {
    String stat;
    String status;
    try {
      stat = read("/proc/" + pid + "/stat");
      status = read("/proc/" + pid + "/status");
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "process " + pid + " is not running (or this is not Linux): " + e.getFile(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc of process " + pid, e);
    }
    return parse(pid, stat, status, clockTicks());
  }

  /** Samples a child process of the test. */
  public static ProcessStats of(ChildProcess process) {
    return of(process.pid());
  }

  public long pid() {
    return pid;
  }

  /** User plus system CPU time the process has used, in seconds. */
  public double cpuSeconds() {
    return cpuSeconds;
  }

  /** The largest resident set size the process has had, in bytes. */
  public long peakRssBytes() {
    return peakRssBytes;
  }

  @Override
  public String toString() {
    return String.format(
        "pid %d: cpu %.2f s, peak RSS %.1f MiB", pid, cpuSeconds, peakRssBytes / 1048576.0);
  }

  static ProcessStats parse(long pid, String stat, String status, long ticksPerSecond) {
    // The command name (field 2) is in parentheses and may contain spaces or ')'.
    int end = stat.lastIndexOf(')');
    if (end < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
    }
    String[] fields = stat.substring(end + 1).trim().split("\\s+");
    // fields[0] is field 3 (state), so utime (field 14) is fields[11] and stime (15) fields[12].
    if (fields.length < 13) {
      throw new IllegalArgumentException("too few fields in /proc/<pid>/stat: " + stat);
    }
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return new ProcessStats(pid, ticks / (double) ticksPerSecond, peakRss(status));
  }

  private static long peakRss(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmHWM:")) {
        String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
        long value = Long.parseLong(parts[0]);
        if (parts.length < 2 || !parts[1].equalsIgnoreCase("kB")) {
          throw new IllegalArgumentException("unexpected VmHWM unit: " + line);
        }
        return value * 1024;
      }
    }
    throw new IllegalArgumentException("no VmHWM line in /proc/<pid>/status (a kernel thread?)");
  }

  private static String read(String path) throws IOException {
    return new String(Files.readAllBytes(Paths.get(path)), StandardCharsets.UTF_8);
  }

  /** {@code getconf CLK_TCK}, asked once; 100 (the Linux default) if that fails. */
  static long clockTicks() {
    long ticks = clockTicks;
    if (ticks == 0) {
      ticks = askClockTicks();
      clockTicks = ticks;
    }
    return ticks;
  }

  private static long askClockTicks() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      if (!getconf.waitFor(10, TimeUnit.SECONDS)) {
        getconf.destroyForcibly();
        return DEFAULT_CLOCK_TICKS;
      }
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return getconf.exitValue() == 0 ? Long.parseLong(out.trim()) : DEFAULT_CLOCK_TICKS;
    } catch (IOException | NumberFormatException e) {
      return DEFAULT_CLOCK_TICKS;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DEFAULT_CLOCK_TICKS;
    }
  }
}
