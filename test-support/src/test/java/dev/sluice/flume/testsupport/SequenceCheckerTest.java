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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceCheckerTest {

  @Test
  void aFullRangeReceivedOnceIsExactlyOnce() {
    SequenceReport report =
        SequenceChecker.expecting(0, 1000).addAll(LongStream.range(0, 1000)).report();

    assertTrue(report.isExactlyOnce(), report::toString);
    assertEquals(1000, report.total());
    assertEquals(1000, report.distinct());
    assertEquals(0, report.missing());
  }

  @Test
  void countsMissingDuplicatesAndOutOfRange() {
    SequenceReport report =
        SequenceChecker.expecting(10, 20)
            .addAll(List.of(10L, 11L, 11L, 11L, 13L, 25L, 9L, 19L))
            .report();

    assertEquals(8, report.total());
    assertEquals(4, report.distinct());
    assertEquals(6, report.missing());
    assertEquals(List.of(12L, 14L, 15L, 16L, 17L, 18L), report.firstMissing());
    assertEquals(2, report.duplicates());
    assertEquals(List.of(11L, 11L), report.firstDuplicates());
    assertEquals(2, report.outOfRange());
    assertEquals(List.of(25L, 9L), report.firstOutOfRange());
    assertFalse(report.isComplete());
  }

  @Test
  void duplicatesKeepDeliveryCompleteButNotExactlyOnce() {
    SequenceReport report =
        SequenceChecker.expecting(0, 3).addAll(List.of(0L, 1L, 2L, 1L)).report();

    assertTrue(report.isComplete());
    assertFalse(report.isExactlyOnce());
  }

  @Test
  void listsOnlyTheFirstTenMissingButCountsAll() {
    SequenceReport report = SequenceChecker.expecting(0, 1_000_000).add(5).report();

    assertEquals(999_999, report.missing());
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L, 10L), report.firstMissing());
    assertTrue(report.toString().contains("missing 999999 (first: [0, 1, 2"), report::toString);
  }

  @Test
  void parsesLinesAndCountsUnparseableOnes() {
    SequenceReport report =
        SequenceChecker.expecting(0, 3).addLines(Stream.of(" 0", "1 ", "two", "", "2")).report();

    assertEquals(3, report.distinct());
    assertEquals(2, report.unparseable());
    assertEquals(List.of("two", ""), report.firstUnparseable());
    assertFalse(report.isComplete());
  }

  @Test
  void extractsTheNumberWithAPattern() {
    SequenceReport report =
        SequenceChecker.expecting(0, 2, Pattern.compile("seq=(\\d+)"))
            .addLines(Stream.of("host=a seq=0 body", "seq=1", "no number here"))
            .report();

    assertEquals(2, report.distinct());
    assertEquals(1, report.unparseable());
  }

  @Test
  void ignoresTheCutLastLineOfAFileWrittenByAKilledProcess(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("a"), "0\n1\n2\n".getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("b"), "3\n4\n5".getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("empty"), new byte[0]);

    SequenceReport report = SequenceChecker.expecting(0, 6).addFiles(dir).report();

    assertEquals(5, report.total());
    assertEquals(1, report.partialLines());
    assertEquals(List.of(5L), report.firstMissing());
  }

  @Test
  void rejectsRangesItCannotHold() {
    assertThrows(IllegalArgumentException.class, () -> SequenceChecker.expecting(5, 4));
    assertThrows(IllegalArgumentException.class, () -> SequenceChecker.expecting(0, 1L << 32));
    assertThrows(
        IllegalArgumentException.class,
        () -> SequenceChecker.expecting(0, 1, Pattern.compile("\\d+")));
  }

  @Test
  void expectingOnlyCountsTheAcceptedNumbersAndCallsTheRestOutOfRange() {
    SequenceReport report =
        SequenceChecker.expectingOnly(0, 10, n -> n % 2 == 0, null)
            .addAll(List.of(0L, 2L, 2L, 3L, 8L))
            .report();

    assertEquals(5, report.expected());
    assertEquals(3, report.distinct());
    assertEquals(2, report.missing());
    assertEquals(List.of(4L, 6L), report.firstMissing());
    assertEquals(1, report.duplicates());
    assertEquals(1, report.outOfRange());
    assertEquals(List.of(3L), report.firstOutOfRange());
  }

  @Test
  void addTreeReadsSubdirectoriesAndInUseFilesButNotTheSinksLockFile(@TempDir Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("fs/web"));
    Files.writeString(dir.resolve("fs/web/a.log"), "id=1\nid=2\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("fs/b.log.tmp"), "id=3\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(".sluice-header-filename.lock"), "42\n", StandardCharsets.UTF_8);

    SequenceReport report =
        SequenceChecker.expecting(1, 4, Pattern.compile("id=(\\d+)")).addTree(dir).report();

    assertTrue(report.isExactlyOnce(), report::toString);
    assertEquals(3, report.total());
  }
}
