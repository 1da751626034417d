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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {
  private static final String CONFIG =
      "# ${IGNORED} in a comment stays\n"
          + "a.sources.in.port = ${PORT}\n"
          + "a.sinks.k.hostname = ${HOST}:${PORT}\n";

  @Test
  void fillsEveryPlaceholderOutsideComments() {
    String filled = Placeholders.fill(CONFIG, Map.of("PORT", "4141", "HOST", "h"), "test");

    assertEquals(
        "# ${IGNORED} in a comment stays\n"
            + "a.sources.in.port = 4141\n"
            + "a.sinks.k.hostname = h:4141\n",
        filled);
  }

  @Test
  void namesTheMissingPlaceholdersWithTheirLines() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Placeholders.fill(CONFIG, Map.of("PORT", "1"), "splitter.properties"));

    assertTrue(e.getMessage().startsWith("splitter.properties: "), e.getMessage());
    assertTrue(e.getMessage().contains("HOST (line 3)"), e.getMessage());
  }

  @Test
  void listsTheNamesInOrderOfFirstUse() {
    assertEquals(List.of("PORT", "HOST"), List.copyOf(Placeholders.namesIn(CONFIG)));
  }

  @Test
  void aValueWithDollarSignsIsInsertedLiterally() {
    assertEquals("x = $1\\${A}", Placeholders.fill("x = ${V}", Map.of("V", "$1\\${A}"), "t"));
  }
}
