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
package dev.sluice.flume.benchmarks.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the aggregators wrote in one run: every line of every file under their output directories,
 * each order counted once by its {@code order_key}. A run with an order missing fails.
 */
final class DemoOutput {
  private static final Pattern ORDER_KEY = Pattern.compile("\"order_key\"\\s*:\\s*(\\d+)");

  final long lines;
  final long unique;
  final long missing;
  final List<Long> firstMissing;

  private DemoOutput(long lines, long unique, long missing, List<Long> firstMissing) {
    this.lines = lines;
    this.unique = unique;
    this.missing = missing;
    this.firstMissing = List.copyOf(firstMissing);
  }

  /** Duplicates: lines beyond one per order (at-least-once delivery allows them). */
  long duplicates() {
    return lines - unique;
  }

  /**
   * Reads every regular file under {@code dirs} (missing directories hold nothing) and checks that
   * orders 1..{@code expected} are each there at least once.
   */
  static DemoOutput of(List<Path> dirs, long expected) {
    BitSet seen = new BitSet();
    long lines = 0;
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
          lines += read(f, seen);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the output under " + dir, e);
      }
    }
    long missing = 0;
    List<Long> first = new ArrayList<>();
    for (long k = 1; k <= expected; k++) {
      if (!seen.get((int) k)) {
        missing++;
        if (first.size() < 10) {
          first.add(k);
        }
      }
    }
    return new DemoOutput(lines, seen.cardinality(), missing, first);
  }

  private static long read(Path file, BitSet seen) throws IOException {
    long lines = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          continue;
        }
        lines++;
        Matcher k = ORDER_KEY.matcher(line);
        if (!k.find()) {
          throw new IllegalStateException("a line without an order_key in " + file + ": " + line);
        }
        seen.set(Integer.parseInt(k.group(1)));
      }
    }
    return lines;
  }

  /** Throws, naming the run and the first missing orders, unless every order was written. */
  DemoOutput requireComplete(String run) {
    if (missing > 0) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "%s: %,d orders missing from the output (first: %s); %,d lines written, %,d unique",
              run,
              missing,
              firstMissing,
              lines,
              unique));
    }
    return this;
  }
}
