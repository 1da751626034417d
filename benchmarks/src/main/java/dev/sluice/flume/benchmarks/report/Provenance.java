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
package dev.sluice.flume.benchmarks.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Where and when a benchmark ran: commit, date, machine, load average. */
final class Provenance {
  private Provenance() {}

  /** Now, {@code yyyy-MM-dd HH:mm UTC}. */
  static String now() {
    return ZonedDateTime.now(ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT));
  }

  /** What {@link #machine()} puts before the processor's model name. */
  static final String CPU_LABEL = "CPU ";

  /**
   * Cores, memory, JDK, OS and processor model of this machine: two runs of the same code on
   * machines of one kind can differ by the processor alone.
   */
  static String machine() {
    return String.format(
        Locale.ROOT,
        "%d cores, %d GiB memory, %s %s, %s %s, %s%s",
        Runtime.getRuntime().availableProcessors(),
        memoryGib(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        CPU_LABEL,
        cpuModel());
  }

  /**
   * The processor model a {@link #machine()} string names, or an empty string for one written
   * before the page recorded it.
   */
  static String cpuOf(String machine) {
    int at = machine.lastIndexOf(", " + CPU_LABEL);
    return at < 0 ? "" : machine.substring(at + 2 + CPU_LABEL.length());
  }

  /** {@code /proc/cpuinfo}'s first {@code model name}, or {@code unknown}. */
  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim().replaceAll("\\s+", " ");
        }
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }

  /** {@code /proc/loadavg}'s first three fields (1, 5 and 15 minutes). */
  static String loadAverage() {
    try {
      String[] f =
          new String(Files.readAllBytes(Path.of("/proc/loadavg")), StandardCharsets.US_ASCII)
              .trim()
              .split("\\s+");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (IOException e) {
      return String.format(
          Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /**
   * The commit of the code that runs: HEAD when this JVM first asks (bin/bench builds and starts at
   * once), noting uncommitted changes under {@code benchmarks/}. Asked once, so a commit made while
   * a long report runs is not credited with figures measured by the code before it.
   */
  static String commit() {
    return CommitAtStart.COMMIT;
  }

  /** Holds the commit taken on first use. */
  private static final class CommitAtStart {
    static final String COMMIT = askGit();
  }

  private static String askGit() {
    try {
      Process p =
          new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "unknown (" + out + ")";
      }
      Process dirty =
          new ProcessBuilder("git", "status", "--porcelain", "--", "benchmarks")
              .redirectErrorStream(true)
              .start();
      String changes = new String(dirty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      dirty.waitFor(30, TimeUnit.SECONDS);
      return changes.isBlank() ? out : out + " with uncommitted changes under benchmarks/";
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown (interrupted)";
    }
  }

  private static long memoryGib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return Math.round(kib / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
