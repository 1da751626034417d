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

import java.util.List;

/** The outcome of a {@link SequenceChecker}: counts, plus the first few of each problem. */
public final class SequenceReport {
  private final long first;
  private final long endExclusive;
  private final long expected;
  private final long total;
  private final long distinct;
  private final long missing;
  private final long duplicates;
  private final long outOfRange;
  private final long unparseable;
  private final long partialLines;
  private final List<Long> firstMissing;
  private final List<Long> firstDuplicates;
  private final List<Long> firstOutOfRange;
  private final List<String> firstUnparseable;

  SequenceReport(
      long first,
      long endExclusive,
      long expected,
      long total,
      long distinct,
      long missing,
      long duplicates,
      long outOfRange,
      long unparseable,
      long partialLines,
      List<Long> firstMissing,
      List<Long> firstDuplicates,
      List<Long> firstOutOfRange,
      List<String> firstUnparseable) {
    this.first = first;
    this.endExclusive = endExclusive;
    this.expected = expected;
    this.total = total;
    this.distinct = distinct;
    this.missing = missing;
    this.duplicates = duplicates;
    this.outOfRange = outOfRange;
    this.unparseable = unparseable;
    this.partialLines = partialLines;
    this.firstMissing = List.copyOf(firstMissing);
    this.firstDuplicates = List.copyOf(firstDuplicates);
    this.firstOutOfRange = List.copyOf(firstOutOfRange);
    this.firstUnparseable = List.copyOf(firstUnparseable);
  }

  /**
   * How many numbers were expected: the whole range, or those an {@code expectingOnly} accepted.
   */
  public long expected() {
    return expected;
  }

  /** Numbers received, counting duplicates and out-of-range ones. */
  public long total() {
    return total;
  }

  /** Distinct numbers received within the range. */
  public long distinct() {
    return distinct;
  }

  /** Numbers of the range never received. */
  public long missing() {
    return missing;
  }

  /** Receipts beyond the first of a number (a number seen three times counts two). */
  public long duplicates() {
    return duplicates;
  }

  /** Numbers received outside the range, or inside it but not expected ({@code expectingOnly}). */
  public long outOfRange() {
    return outOfRange;
  }

  /** Lines in which no number was found. */
  public long unparseable() {
    return unparseable;
  }

  /** Files whose last line had no line break (a writer killed mid-line); not parsed. */
  public long partialLines() {
    return partialLines;
  }

  /** The smallest missing numbers, at most 10. */
  public List<Long> firstMissing() {
    return firstMissing;
  }

  /** The first duplicates received, at most 10. */
  public List<Long> firstDuplicates() {
    return firstDuplicates;
  }

  /** The first out-of-range numbers received, at most 10. */
  public List<Long> firstOutOfRange() {
    return firstOutOfRange;
  }

  /** The first unparseable lines, at most 10. */
  public List<String> firstUnparseable() {
    return firstUnparseable;
  }

  /** Nothing missing, nothing unexpected: at-least-once delivery held. */
  public boolean isComplete() {
    return missing == 0 && outOfRange == 0 && unparseable == 0;
  }

  /** Complete and without duplicates. */
  public boolean isExactlyOnce() {
    return isComplete() && duplicates == 0;
  }

  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder()
            .append("expected ")
            .append(expected())
            .append(" [")
            .append(first)
            .append(", ")
            .append(endExclusive)
            .append("): received ")
            .append(total)
            .append(", distinct ")
            .append(distinct)
            .append(", missing ")
            .append(missing);
    appendSamples(text, firstMissing, missing);
    text.append(", duplicates ").append(duplicates);
    appendSamples(text, firstDuplicates, duplicates);
    text.append(", out of range ").append(outOfRange);
    appendSamples(text, firstOutOfRange, outOfRange);
    text.append(", unparseable ").append(unparseable);
    appendSamples(text, firstUnparseable, unparseable);
    return text.append(", partial lines ").append(partialLines).toString();
  }

  private static void appendSamples(StringBuilder text, List<?> samples, long count) {
    if (count > 0) {
      text.append(" (first: ").append(samples).append(count > samples.size() ? "...)" : ")");
    }
  }
}
