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
package dev.sluice.flume.hbase.serializer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FieldSplitterTest {
  private static String[] split(FieldSplitter s, String line) throws BadEvent {
    return s.split(line).clone();
  }

  @Test
  void keepsEmptyAndTrailingEmptyFields() throws BadEvent {
    FieldSplitter s = new FieldSplitter(",", null, (char) 0, false, 3);
    assertArrayEquals(new String[] {"a", "", ""}, split(s, "a,,"));
  }

  @Test
  void splitsOnAMultiCharacterLiteral() throws BadEvent {
    FieldSplitter s = new FieldSplitter("||", null, (char) 0, false, 3);
    assertArrayEquals(new String[] {"a", "b|c", "d"}, split(s, "a||b|c||d"));
  }

  @Test
  void splitsOnARegexAndTrims() throws BadEvent {
    FieldSplitter s = new FieldSplitter(null, Pattern.compile("\\t+"), (char) 0, true, 3);
    assertArrayEquals(new String[] {"a", "b", "c"}, split(s, " a\t\tb \tc"));
  }

  @Test
  void readsQuotedFieldsWithDelimitersAndDoubledQuotes() throws BadEvent {
    FieldSplitter s = new FieldSplitter(",", null, '"', false, 4);
    assertArrayEquals(
        new String[] {"a,b", "say \"hi\"", "", "x\"y"},
        split(s, "\"a,b\",\"say \"\"hi\"\"\",\"\",x\"y"));
  }

  @Test
  void tooFewTooManyAndBrokenQuotesAreBadEvents() {
    FieldSplitter s = new FieldSplitter(",", null, '"', false, 2);
    assertEquals(
        BadEventReason.TOO_FEW_FIELDS, assertThrows(BadEvent.class, () -> s.split("a")).reason());
    assertEquals(
        BadEventReason.TOO_MANY_FIELDS,
        assertThrows(BadEvent.class, () -> s.split("a,b,c")).reason());
    assertEquals(
        BadEventReason.BAD_QUOTING, assertThrows(BadEvent.class, () -> s.split("\"a,b")).reason());
    assertEquals(
        BadEventReason.BAD_QUOTING,
        assertThrows(BadEvent.class, () -> s.split("\"a\"x,b")).reason());
    FieldSplitter r = new FieldSplitter(null, Pattern.compile(";"), (char) 0, false, 2);
    assertEquals(
        BadEventReason.TOO_MANY_FIELDS,
        assertThrows(BadEvent.class, () -> r.split("a;b;")).reason());
  }
}
