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
package dev.sluice.flume.benchmarks.hbase;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A section of {@code docs/benchmarks.md} that a benchmark writes itself (its {@code --markdown
 * FILE} option), so the page is regenerated, never hand-typed: the section from its {@code ## }
 * heading to the next one is replaced, or appended when the page has none, and the page is created
 * with its header when missing.
 */
public final class ResultsPage {
  static final String PAGE_HEADER =
      "# Benchmarks\n\n"
          + "Every figure quoted anywhere in Sluice (README, module pages, issues) comes from this"
          + " page. Each\nsection is written by the benchmark itself and gives the command, the"
          + " commit, the date, the\nmachine (cores, memory, JDK, load average) and every round,"
          + " then the medians, ranges and ratios.\nThe machine is shared and noisy: compare"
          + " ratios of the same run, not figures across runs.\n";

  private ResultsPage() {}

  /**
   * What was run, where and when: the lines every section opens with. {@code commit} and {@code
   * loadBefore} are taken when the run starts ({@link #commit()}, {@link #loadAverage()}).
   */
  public static String provenance(String command, String commit, String loadBefore) {
    StringBuilder sb = new StringBuilder();
    sb.append("- Command: `").append(command).append("`\n");
    sb.append("- Commit: `").append(commit).append("`\n");
    sb.append("- Date: ")
        .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE))
        .append(' ')
        .append(
            ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HH:mm 'UTC'")))
        .append('\n');
    sb.append("- Machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(memoryGib())
        .append(" GiB memory, ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.version"))
        .append(", ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.arch"))
        .append('\n');
    sb.append("- Load average (1, 5, 15 min) at the start: ")
        .append(loadBefore)
        .append("; at the end: ")
        .append(loadAverage())
        .append(" (other work shares the machine)\n");
    return sb.toString();
  }

  /** {@code /proc/loadavg}'s first three fields. */
  public static String loadAverage() {
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
   * Prints the section under its heading and, when {@code page} is not null, writes it there
   * ({@link #write}).
   */
  public static void publish(Path page, String heading, String section) throws IOException {
    System.out.println();
    System.out.println(heading);
    System.out.println();
    System.out.println(section);
    if (page != null) {
      write(page, heading, section);
      System.out.println("written to " + page);
    }
  }

  /** Replaces (or appends) the section whose first line is {@code heading} in {@code page}. */
  public static void write(Path page, String heading, String body) throws IOException {
    String text =
        Files.exists(page)
            ? new String(Files.readAllBytes(page), StandardCharsets.UTF_8)
            : PAGE_HEADER;
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int start = lines.indexOf(heading);
    String section = heading + "\n\n" + body.strip() + "\n";
    String result;
    if (start < 0) {
      result = text.stripTrailing() + "\n\n" + section;
    } else {
      int end = start + 1;
      while (end < lines.size() && !lines.get(end).startsWith("## ")) {
        end++;
      }
      String before = String.join("\n", lines.subList(0, start));
      String after = end < lines.size() ? String.join("\n", lines.subList(end, lines.size())) : "";
      result = before + "\n" + section + (after.isEmpty() ? "" : "\n" + after);
      result = result.stripTrailing() + "\n";
    }
    Files.createDirectories(page.toAbsolutePath().getParent());
    Files.write(page, result.getBytes(StandardCharsets.UTF_8));
  }

  /** The short commit of HEAD, noting uncommitted changes under {@code benchmarks/}. */
  public static String commit() {
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
      return changes.isBlank() ? out : out + "` with uncommitted changes under `benchmarks/";
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
