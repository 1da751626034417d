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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Counts what arrived end to end against an expected range of sequence numbers: how many are
 * missing, duplicated or out of range, with the first few of each. Feed it numbers, lines or whole
 * output files, then read its {@link #report()}. Not thread-safe.
 *
 * <pre>{@code
 * SequenceReport report = SequenceChecker.expecting(0, 100_000).addFiles(outputDir).report();
 * assertEquals(0, report.missing(), report::toString);
 * }</pre>
 */
public final class SequenceChecker {
  static final int SAMPLES = 10;
  private static final String LOCK_FILE = ".sluice-header-filename.lock";

  private final long first;
  private final long endExclusive;
  private final BitSet seen;
  private final Pattern extractor;

  /** The numbers of the range that are expected; null when all are. */
  private final BitSet expectedOnly;

  private long total;
  private long duplicates;
  private long outOfRange;
  private long unparseable;
  private long partialLines;
  private final List<Long> duplicateSamples = new ArrayList<>();
  private final List<Long> outOfRangeSamples = new ArrayList<>();
  private final List<String> unparseableSamples = new ArrayList<>();

  private SequenceChecker(long first, long endExclusive, Pattern extractor, BitSet expectedOnly) {
    this.first = first;
    this.endExclusive = endExclusive;
    this.seen = new BitSet((int) (endExclusive - first));
    this.extractor = extractor;
    this.expectedOnly = expectedOnly;
  }

  /**
   * Expects every number in {@code [first, endExclusive)} exactly once. Lines are parsed as a
   * decimal number (surrounding blanks ignored).
   */
  public static SequenceChecker expecting(long first, long endExclusive) {
    return expecting(first, endExclusive, null);
  }

  /**
   * Like {@link #expecting(long, long)}, but a line's number is group 1 of the first match of
   * {@code extractor} in it, for lines such as {@code seq=42 payload=...}.
   */
  public static SequenceChecker expecting(long first, long endExclusive, Pattern extractor) {
    checkRange(first, endExclusive, extractor);
    return new SequenceChecker(first, endExclusive, extractor, null);
  }

  /**
   * Like {@link #expecting(long, long, Pattern)}, but only the numbers of the range that {@code
   * expected} accepts are expected, such as the ids a router sent to one destination. A number of
   * the range that it rejects counts as out of range: it should not have arrived here.
   */
  public static SequenceChecker expectingOnly(
      long first, long endExclusive, LongPredicate expected, Pattern extractor) {
    Objects.requireNonNull(expected, "expected");
    checkRange(first, endExclusive, extractor);
    BitSet only = new BitSet((int) (endExclusive - first));
    for (long n = first; n < endExclusive; n++) {
      if (expected.test(n)) {
        only.set((int) (n - first));
      }
    }
    return new SequenceChecker(first, endExclusive, extractor, only);
  }

  private static void checkRange(long first, long endExclusive, Pattern extractor) {
    if (endExclusive < first) {
      throw new IllegalArgumentException(
          "range end " + endExclusive + " is before its start " + first);
    }
    if (endExclusive - first > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "range [" + first + ", " + endExclusive + ") holds more than 2^31-1 numbers");
    }
    if (extractor != null && extractor.matcher("").groupCount() < 1) {
      throw new IllegalArgumentException("extractor /" + extractor + "/ has no capturing group");
    }
  }

  /** Counts one received sequence number. */
  public SequenceChecker add(long sequence) {
    total++;
    if (sequence < first
        || sequence >= endExclusive
        || (expectedOnly != null && !expectedOnly.get((int) (sequence - first)))) {
      outOfRange++;
      sample(outOfRangeSamples, sequence);
      return this;
    }
    int index = (int) (sequence - first);
    if (seen.get(index)) {
      duplicates++;
      sample(duplicateSamples, sequence);
    } else {
      seen.set(index);
    }
    return this;
  }

  /** Counts every number of {@code sequences}. */
  public SequenceChecker addAll(LongStream sequences) {
    sequences.forEachOrdered(this::add);
    return this;
  }

  /** Counts every number of {@code sequences}. */
  public SequenceChecker addAll(Iterable<Long> sequences) {
    for (Long sequence : sequences) {
      add(Objects.requireNonNull(sequence, "sequence"));
    }
    return this;
  }

  /** Parses and counts one line; a line without a number counts as unparseable. */
  public SequenceChecker addLine(String line) {
    String number = line.trim();
    if (extractor != null) {
      Matcher matcher = extractor.matcher(line);
      number = matcher.find() ? matcher.group(1) : null;
    }
    if (number != null) {
      try {
        return add(Long.parseLong(number));
      } catch (NumberFormatException e) {
        // counted below
      }
    }
    unparseable++;
    if (unparseableSamples.size() < SAMPLES) {
      unparseableSamples.add(line);
    }
    return this;
  }

  /** Parses and counts every line. */
  public SequenceChecker addLines(Stream<String> lines) {
    lines.forEachOrdered(this::addLine);
    return this;
  }

  /**
   * Parses and counts every complete line of a UTF-8 file. A last line without its line break was
   * cut short by a killed writer: it is counted as a partial line, not parsed.
   */
  public SequenceChecker addFile(Path file) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      boolean terminated = endsWithNewline(file);
      String line = reader.readLine();
      while (line != null) {
        String next = reader.readLine();
        if (next == null && !terminated) {
          partialLines++;
        } else {
          addLine(line);
        }
        line = next;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return this;
  }

  /** {@link #addFile Adds} every regular file directly in {@code dir}, in name order. */
  public SequenceChecker addFiles(Path dir) {
    List<Path> files;
    try (Stream<Path> children = Files.list(dir)) {
      files = children.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    files.forEach(this::addFile);
    return this;
  }

  /**
   * {@link #addFile Adds} every regular file under {@code dir}, sub-directories included, in path
   * order; the header-filename sink's lock file ({@code .sluice-header-filename.lock}) is skipped.
   * In-use files are read too: what a sink flushed before committing is in them.
   */
  public SequenceChecker addTree(Path dir) {
    List<Path> files;
    try (Stream<Path> all = Files.walk(dir)) {
      files =
          all.filter(Files::isRegularFile)
              .filter(f -> !LOCK_FILE.equals(String.valueOf(f.getFileName())))
              .sorted()
              .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk " + dir, e);
    }
    files.forEach(this::addFile);
    return this;
  }

  /** What has been counted so far. */
  public SequenceReport report() {
    int size = (int) (endExclusive - first);
    BitSet expectedSet = expectedOnly;
    if (expectedSet == null) {
      expectedSet = new BitSet(size);
      expectedSet.set(0, size);
    }
    BitSet missing = (BitSet) expectedSet.clone();
    missing.andNot(seen);
    List<Long> missingSamples = new ArrayList<>();
    for (int index = missing.nextSetBit(0);
        index >= 0 && missingSamples.size() < SAMPLES;
        index = missing.nextSetBit(index + 1)) {
      missingSamples.add(first + index);
    }
    return new SequenceReport(
        first,
        endExclusive,
        expectedSet.cardinality(),
        total,
        seen.cardinality(),
        missing.cardinality(),
        duplicates,
        outOfRange,
        unparseable,
        partialLines,
        missingSamples,
        duplicateSamples,
        outOfRangeSamples,
        unparseableSamples);
  }

  private static void sample(List<Long> samples, long sequence) {
    if (samples.size() < SAMPLES) {
      samples.add(sequence);
    }
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      if (in.length() == 0) {
        return true;
      }
      in.seek(in.length() - 1);
      return in.read() == '\n';
    }
  }
}
