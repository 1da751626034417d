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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DocumentedDefaultsTest {
  @Test
  void agreeingTablesHaveNoMismatch() {
    Map<String, String> docs =
        Map.of(
            "batchSize", "`100`",
            "pollInterval", "`60s`",
            "serializer", "`TEXT`",
            "port", "`2003` or `2004`",
            "inUsePrefix", "empty",
            "directory", "required",
            "type", "(required)");
    Map<String, String> code =
        Map.of(
            "batchSize", "100",
            "pollInterval", "60000ms",
            "serializer", "text",
            "port", "2004",
            "inUsePrefix", "");
    assertEquals(List.of(), DocumentedDefaults.mismatches(docs, code));
  }

  @Test
  void aWrongDocumentedDefaultIsReportedWithBothValues() {
    List<String> m =
        DocumentedDefaults.mismatches(Map.of("batchSize", "`100`"), Map.of("batchSize", "1000"));
    assertEquals(1, m.size(), m::toString);
    assertTrue(m.get(0).contains("'1000'") && m.get(0).contains("`100`"), m::toString);
  }

  @Test
  void aCodeDefaultMissingFromTheTableIsReported() {
    List<String> m = DocumentedDefaults.mismatches(Map.of(), Map.of("maxBackoff", "60s"));
    assertEquals(List.of("maxBackoff: the code's default is '60s' but the docs table lacks it"), m);
  }

  @Test
  void aDocumentedDefaultTheCodeDoesNotHaveIsReported() {
    List<String> m = DocumentedDefaults.mismatches(Map.of("topic", "`orders`"), Map.of());
    assertEquals(1, m.size(), m::toString);
    assertTrue(m.get(0).contains("without one"), m::toString);
  }

  @Test
  void aDefaultInWordsNeedsTheTestToSaySo() {
    Map<String, String> docs = Map.of("fileSuffix", "empty, `.gz` with `gzip`");
    Map<String, String> code = Map.of("fileSuffix", "");
    assertEquals(1, DocumentedDefaults.mismatches(docs, code).size());
    assertEquals(List.of(), DocumentedDefaults.mismatches(docs, code, Set.of("fileSuffix")));
    assertEquals(
        List.of("fileSuffix: named as explained, but the docs table does not have it"),
        DocumentedDefaults.mismatches(Map.of(), Map.of(), Set.of("fileSuffix")),
        "a stale exception is reported too");
  }

  @Test
  void durationsCompareByLengthAndPlainNumbersAreMillisecondsAgainstAUnit() {
    assertTrue(DocumentedDefaults.same("1m", "60000ms"));
    assertTrue(DocumentedDefaults.same("30", "30"));
    assertTrue(DocumentedDefaults.same("60000", "1m"), "a plain number against a unit is ms");
    assertTrue(!DocumentedDefaults.same("30", "300"));
    assertTrue(!DocumentedDefaults.same("30", "30s"));
    assertTrue(!DocumentedDefaults.same("1s", "1m"));
  }

  @Test
  void literalsAreBacktickedValuesOnly() {
    assertEquals(List.of("a", "b"), DocumentedDefaults.literals("`a` or `b`"));
    assertEquals(List.of("x"), DocumentedDefaults.literals("`x`"));
    assertEquals(List.of("1"), DocumentedDefaults.literals("**`1`**"));
    assertNull(DocumentedDefaults.literals("the JVM's"));
    assertNull(DocumentedDefaults.literals("2003, or 2004 for `pickle`"));
    assertNull(DocumentedDefaults.literals("`enrichment-` and the table"));
  }
}
