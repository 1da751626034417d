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
package dev.sluice.flume.amps.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BookmarkTest {
  @Test
  void formatsPublisherAndSequenceAsTheClientParsesThem() {
    assertEquals("12|34|", Bookmark.format(12, 34));
    ByteSink s = new ByteSink(4);
    Bookmark.append(s, 12, 34);
    assertEquals("12|34|", new String(s.toByteArray(), java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void publisherIdsArePositiveAndDifferByName() {
    long a = Bookmark.publisherId("pub-a");
    assertTrue(a > 0);
    assertEquals(a, Bookmark.publisherId("pub-a"));
    assertNotEquals(a, Bookmark.publisherId("pub-b"));
  }

  @Test
  void parsesSpecialPoints() throws Exception {
    assertEquals(Bookmark.Point.Kind.EPOCH, Bookmark.parse("0").get(0).kind);
    assertEquals(Bookmark.Point.Kind.EPOCH, Bookmark.parse("recent").get(0).kind);
    assertEquals(Bookmark.Point.Kind.NOW, Bookmark.parse("0|1|").get(0).kind);
    Bookmark.Point m = Bookmark.parse("7|9|").get(0);
    assertEquals(Bookmark.Point.Kind.MESSAGE, m.kind);
    assertEquals(7, m.publisherId);
    assertEquals(9, m.sequence);
  }

  @Test
  void parsesListsAndUnsignedValues() throws Exception {
    List<Bookmark.Point> points = Bookmark.parse("1|5|,18446744073709551615|6|, 0");
    assertEquals(3, points.size());
    assertEquals(-1L, points.get(1).publisherId);
    assertEquals(Bookmark.Point.Kind.EPOCH, points.get(2).kind);
  }

  @Test
  void parsesAmpsTimestamps() throws Exception {
    long millis = Bookmark.parse("20260102T030405.678Z").get(0).timestampMillis;
    assertEquals(java.time.Instant.parse("2026-01-02T03:04:05.678Z").toEpochMilli(), millis);
    assertEquals("20260102T030405.678000Z", Bookmark.timestamp(millis));
    assertEquals(millis - 678, Bookmark.parse("20260102T030405").get(0).timestampMillis);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "1|y|", "|", "20261399T000000", "[0:1]", ",", "1"})
  void refusesWhatIsNotABookmark(String text) {
    assertThrows(Bookmark.InvalidBookmarkException.class, () -> Bookmark.parse(text));
  }
}
