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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterTest {
  private static final String DOC =
      "{\"qty\":10,\"px\":2.5,\"sym\":\"IBM\",\"on\":true,\"nil\":null,"
          + "\"o\":{\"p\":{\"q\":\"deep\"}},\"tags\":[\"a\",\"b\"],\"num\":\"42\"}";

  private static Boolean eval(String filter) throws Exception {
    return FilterParser.parse(filter).eval(Json.parse(DOC));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "UNKNOWN",
      value = {
        "/qty = 10 | true",
        "/qty == 10 | true",
        "/qty = 10.0 | true",
        "/qty != 10 | false",
        "/qty <> 11 | true",
        "/qty < 10 | false",
        "/qty <= 10 | true",
        "/qty > 9.5 | true",
        "/qty >= 11 | false",
        "/px = 2.5 | true",
        "/sym = 'IBM' | true",
        "/sym = \"IBM\" | true",
        "/sym > 'A' | true",
        "/num = 42 | true",
        "/num > 41 | true",
        "/sym = 42 | false",
        "/on = TRUE | true",
        "/on = false | false",
        "/on | true",
        "/on AND /qty = 10 | true",
        "/o/p/q = 'deep' | true",
        "/o/p = 'deep' | UNKNOWN",
        "/tags = 'b' | true",
        "/tags IN ('z', 'a') | true",
        "/sym IN ('A', 'IBM') | true",
        "/sym NOT IN ('A', 'IBM') | false",
        "/qty IN (1, 2) | false",
        "/missing IN (1, 2) | UNKNOWN",
        "/qty BETWEEN 10 AND 20 | true",
        "/qty BETWEEN 11 AND 20 | false",
        "/qty NOT BETWEEN 11 AND 20 | true",
        "/sym LIKE 'B' | true",
        "/sym LIKE '^B' | false",
        "/sym NOT LIKE '^I' | false",
        "/nil IS NULL | true",
        "/missing IS NULL | true",
        "/qty IS NULL | false",
        "/qty IS NOT NULL | true",
        "/nil = NULL | UNKNOWN",
        "/missing = 1 | UNKNOWN",
        "NOT /missing = 1 | UNKNOWN",
        "/missing = 1 OR /qty = 10 | true",
        "/missing = 1 AND /qty = 11 | false",
        "/missing = 1 AND /qty = 10 | UNKNOWN",
        "NOT (/qty = 10 OR /qty = 11) | false",
        "not /qty = 11 and /sym = 'IBM' | true",
        "/qty = 1 OR /qty = 10 AND /sym = 'X' | false",
        "(/qty = 1 OR /qty = 10) AND /sym = 'IBM' | true",
        "/sym = 'it''s' | false",
        "/qty = -3 | false",
        "/px < 1e3 | true",
      })
  void evaluates(String filter, Boolean expected) throws Exception {
    assertEquals(expected, eval(filter));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/qty =",
        "= 1",
        "qty = 1",
        "/qty = 1 AND",
        "(/qty = 1",
        "/qty = 1)",
        "/a IN 1",
        "/a IN (1,",
        "/a BETWEEN 1 OR 2",
        "/a LIKE 1",
        "/a LIKE '('",
        "/a IS 1",
        "/a NOT = 1",
        "/a = 'open",
        "1",
        "'text'",
        "/a = 12abc",
        "/ = 1",
        "/a// = 1",
        "/a = 1 2",
      })
  void refusesWhatDoesNotParse(String filter) {
    FilterParser.BadFilterException e =
        assertThrows(FilterParser.BadFilterException.class, () -> FilterParser.parse(filter));
    assertTrue(e.getMessage().contains("in filter: " + filter), e.getMessage());
  }

  @Test
  void blankMeansNoFilter() throws Exception {
    assertNull(FilterParser.parse(null));
    assertNull(FilterParser.parse("   "));
  }

  @Test
  void aBodyThatIsNotAnObjectMatchesNothing() throws Exception {
    Filter f = FilterParser.parse("/a = 1");
    assertEquals(null, f.eval(Json.parse("[1,2]")));
    assertEquals(false, f.matches(Json.parse("\"x\"")));
  }
}
