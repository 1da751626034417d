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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /** What {@link #machine()} puts before the reference workload's time. */
  static final String REFERENCE_LABEL = "reference workload ";

  private static final Pattern MACHINE_TAIL =
      Pattern.compile(
          ", "
              + Pattern.quote(CPU_LABEL)
              + "(.+?)(?:, "
              + Pattern.quote(REFERENCE_LABEL)
              + "(\\d+) ms)?$");

  /** Bytes the reference workload hashes per pass. */
  private static final int REFERENCE_BYTES = 32 << 20;

  /** The reference workload's last digest byte, kept so that the JIT cannot drop the work. */
  @SuppressWarnings("unused")
  private static volatile byte referenceDigest;

  /** Passes of the reference workload; the fastest counts. */
  private static final int REFERENCE_PASSES = 5;

  /**
   * Cores, memory, JDK, OS and processor model of this machine, and the time of a fixed
   * single-thread reference workload ({@link #referenceMillis()}): two machines of one kind, with
   * the same model name, can differ in speed, and a ratio measured on several processes sharing 2
   * cores moves with it.
   */
  static String machine() {
    return String.format(
        Locale.ROOT,
        "%d cores, %d GiB memory, %s %s, %s %s, %s%s, %s%d ms",
        Runtime.getRuntime().availableProcessors(),
        memoryGib(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        CPU_LABEL,
        cpuModel(),
        REFERENCE_LABEL,
        referenceMillis());
  }

  /**
   * The processor model a {@link #machine()} string names, or an empty string for one written
   * before the page recorded it.
   */
  static String cpuOf(String machine) {
    Matcher m = MACHINE_TAIL.matcher(machine);
    return m.find() ? m.group(1) : "";
  }

  /**
   * The reference workload's milliseconds a {@link #machine()} string gives, or -1 for one written
   * before the page recorded it.
   */
  static long referenceOf(String machine) {
    Matcher m = MACHINE_TAIL.matcher(machine);
    return m.find() && m.group(2) != null ? Long.parseLong(m.group(2)) : -1;
  }

  /**
   * Milliseconds this machine takes to SHA-256 a fixed 32 MiB buffer on one thread, the fastest of
   * {@value #REFERENCE_PASSES} passes (the first ones warm the JIT up); taken when a section
   * starts. Only comparisons between runs mean anything: the page's ratios are measured within one
   * run.
   */
  static long referenceMillis() {
    byte[] data = new byte[REFERENCE_BYTES];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + (i >>> 8));
    }
    long best = Long.MAX_VALUE;
    try {
      for (int pass = 0; pass < REFERENCE_PASSES; pass++) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long t0 = System.nanoTime();
        sha.update(data);
        byte[] digest = sha.digest();
        best = Math.min(best, System.nanoTime() - t0);
        referenceDigest = digest[0];
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    return Math.round(best / 1e6);
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
