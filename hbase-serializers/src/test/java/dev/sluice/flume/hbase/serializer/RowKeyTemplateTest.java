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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowKeyTemplateTest {
  private static final BodyFormat.Parsed FIELDS =
      new BodyFormat.Parsed() {
        @Override
        public String text(BodyFormat.FieldRef field) {
          return field.spec().equals("absent") ? null : "F(" + field.spec() + ")";
        }

        @Override
        public long millis(BodyFormat.FieldRef field) {
          return 0;
        }
      };

  private static RowKeyTemplate compile(String source, List<String> problems) {
    return RowKeyTemplate.compile(source, "row key", spec -> () -> spec, SaltPrefix.NONE, problems);
  }

  private static String render(String source, Map<String, String> headers, long ts)
      throws BadEvent {
    List<String> problems = new ArrayList<>();
    RowKeyTemplate t = compile(source, problems);
    assertEquals(List.of(), problems);
    return new String(t.render(headers, FIELDS, ts), StandardCharsets.UTF_8);
  }

  @Test
  void joinsLiteralsHeadersFieldsAndPaddedTimestamps() throws BadEvent {
    assertEquals(
        "p%|A|F(/id)|0000000000000001234|9223372036854774573$x",
        render("p%|%{h}|${/id}|%[ts]|%[reversedTs]$x", Map.of("h", "A"), 1234));
  }

  @Test
  void reversedTimestampsSortNewestFirst() throws BadEvent {
    String older = render("%[reversedTs]", Map.of(), 1_000);
    String newer = render("%[reversedTs]", Map.of(), 2_000);
    assertTrue(newer.compareTo(older) < 0);
  }

  @Test
  void anAbsentOrEmptyPartIsABadEventNeverARandomKey() {
    BadEvent absent = assertThrows(BadEvent.class, () -> render("%{h}", Map.of(), 0));
    assertEquals(BadEventReason.NO_ROW_KEY, absent.reason());
    assertEquals("header 'h' of the row key is absent", absent.detail());
    BadEvent empty = assertThrows(BadEvent.class, () -> render("%{h}", Map.of("h", ""), 0));
    assertEquals("header 'h' of the row key is empty", empty.detail());
    BadEvent field = assertThrows(BadEvent.class, () -> render("x${absent}", Map.of(), 0));
    assertEquals(BadEventReason.NO_ROW_KEY, field.reason());
  }

  @Test
  void aKeyLongerThanHBaseAllowsIsABadEvent() {
    String big = "x".repeat(RowKeyTemplate.MAX_ROW_KEY_BYTES);
    BadEvent e = assertThrows(BadEvent.class, () -> render("%{h}.", Map.of("h", big), 0));
    assertEquals(BadEventReason.NO_ROW_KEY, e.reason());
  }

  @Test
  void reportsTemplateErrors() {
    List<String> problems = new ArrayList<>();
    assertNull(compile("a%{b", problems));
    assertNull(compile("%{}", problems));
    assertNull(compile("%[day]", problems));
    assertNull(compile("constant", problems));
    assertEquals(4, problems.size(), problems::toString);
  }
}
