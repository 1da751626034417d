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
package dev.sluice.flume.examples.demo;

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
 * Reads every output file and counts each order once: what was written, what is missing, what came
 * twice, and whether each order sits in the file of its own symbol. The demo prints it; the demo's
 * benchmark fails a run with {@link #requireComplete}.
 */
public final class OutputAudit {
  private static final Pattern ORDER_KEY = Pattern.compile("\"order_key\"\\s*:\\s*(\\d+)");
  private static final Pattern SYMBOL = Pattern.compile("\"symbol\"\\s*:\\s*\"([^\"]+)\"");

  long lines;
  long unique;
  long duplicates;
  long missing;
  long misplaced;
  long unparseable;
  long files;
  long inUseFiles;
  final List<Long> firstMissing = new ArrayList<>();

  /**
   * Reads every file under each directory's {@code orders} (missing directories hold nothing).
   *
   * @param outputDirs the aggregators' output directories
   * @param published orders 1..published were published and acknowledged: each must be written
   */
  public static OutputAudit of(List<Path> outputDirs, long published) {
    OutputAudit a = new OutputAudit();
    BitSet seen = new BitSet();
    for (Path dir : outputDirs) {
      Path orders = dir.resolve("orders");
      if (!Files.isDirectory(orders)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(orders)) {
        for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
          a.files++;
          if (!f.getFileName().toString().endsWith(".jsonl")) {
            a.inUseFiles++;
          }
          a.read(f, seen);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (long k = 1; k <= published; k++) {
      if (!seen.get((int) k)) {
        a.missing++;
        if (a.firstMissing.size() < 10) {
          a.firstMissing.add(k);
        }
      }
    }
    a.unique = seen.cardinality();
    a.duplicates = a.lines - a.unparseable - a.unique;
    return a;
  }

  private void read(Path file, BitSet seen) throws IOException {
    String symbolDir = file.getParent().getFileName().toString();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          continue;
        }
        lines++;
        Matcher k = ORDER_KEY.matcher(line);
        if (!k.find()) {
          unparseable++;
          continue;
        }
        seen.set(Integer.parseInt(k.group(1)));
        Matcher s = SYMBOL.matcher(line);
        if (!s.find() || !s.group(1).equals(symbolDir)) {
          misplaced++;
        }
      }
    }
  }

  /** Lines written, unparseable ones included. */
  public long lines() {
    return lines;
  }

  /** Lines beyond one per order (at-least-once delivery allows them). */
  public long duplicates() {
    return duplicates;
  }

  /**
   * This audit, unless an acknowledged order is missing or a line holds no {@code order_key}.
   *
   * @throws IllegalStateException naming {@code run}, the first missing orders and the counts
   */
  public OutputAudit requireComplete(String run) {
    if (missing > 0 || unparseable > 0) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "%s: %,d orders missing from the output (first: %s), %,d lines without an order_key;"
                  + " %,d lines written, %,d unique",
              run,
              missing,
              firstMissing,
              unparseable,
              lines,
              unique));
    }
    return this;
  }
}
