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
package dev.sluice.flume.interceptor.enrichment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.DocumentedDefaults;
import dev.sluice.flume.testsupport.MarkdownDoc;
import dev.sluice.flume.testsupport.RecordingContext;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/enrichment-interceptor.md documents exactly the keys, defaults and counters of the code. */
class DocsTest {
  private static final MarkdownDoc DOCS =
      MarkdownDoc.read(Paths.get("..", "docs", "enrichment-interceptor.md"));

  /** A key row: `key` | default | meaning. */
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|([^|]*)\\|");

  /** A default cell that is one literal value in backticks. */
  private static final Pattern LITERAL = Pattern.compile("\\s*`([^`]*)`\\s*");

  @Test
  void theKeyTableListsExactlyTheKeysTheInterceptorReads() {
    RecordingContext context = new RecordingContext(Harness.config());
    EnrichmentConfig.parse(context);
    Set<String> documented = DOCS.firstNamePerRow("## Keys");
    assertTrue(documented.remove("type"), "the table documents type, which Flume reads");
    assertEquals(context.asked(), documented, "keys read versus keys documented");
  }

  @Test
  void everyLiteralDefaultInTheTableIsTheDefaultTheCodeUses() {
    Map<String, String> literalDefaults = new LinkedHashMap<>();
    for (String line : DOCS.section("## Keys")) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        Matcher literal = LITERAL.matcher(row.group(2));
        if (literal.matches()) {
          literalDefaults.put(row.group(1), literal.group(1));
        }
      }
    }
    assertTrue(literalDefaults.size() >= 18, "defaults compared: " + literalDefaults.keySet());
    for (Map.Entry<String, String> d : literalDefaults.entrySet()) {
      // Body keys are only accepted when the columns go to the body.
      String[] base =
          d.getKey().startsWith("body") ? new String[] {"addTo", "both"} : new String[0];
      Map<String, String> without = Harness.config(base);
      Map<String, String> with = Harness.config(base);
      with.put(d.getKey(), d.getValue());
      assertEquals(
          Harness.parse(without).settings(),
          Harness.parse(with).settings(),
          d.getKey() + ": setting the documented default '" + d.getValue() + "' changes nothing");
    }
  }

  @Test
  void theKeyTableGivesExactlyTheDefaultsTheCodeUses() {
    Map<String, String> code = Harness.parse(Harness.config()).defaults();
    assertTrue(code.size() > 15, code::toString);
    assertEquals(
        List.of(),
        // counterName's default is made from the table's name.
        DocumentedDefaults.mismatches(DOCS.keyDefaults("## Keys"), code, Set.of("counterName")),
        "defaults in docs/enrichment-interceptor.md versus the code's");
  }

  @Test
  void aWrongDocumentedDefaultWouldBeCaught() {
    Map<String, String> with = Harness.config("cacheTtl", "6m");
    assertTrue(
        !Harness.parse(Harness.config()).settings().equals(Harness.parse(with).settings()),
        "the comparison above can fail");
  }

  @Test
  void theCounterTableListsExactlyTheInterceptorsCounters() {
    Set<String> expected = new TreeSet<>(EnrichmentCounters.COUNTERS);
    expected.addAll(EnrichmentCounters.GAUGES);
    assertEquals(expected, DOCS.firstNamePerRow("## Counters"));
  }

  @Test
  void everyDocumentedCounterCanBeRead() {
    EnrichmentCounters counters = new EnrichmentCounters("docs-test", () -> 0);
    for (String name : DOCS.firstNamePerRow("## Counters")) {
      assertEquals(0L, counters.get(name), name);
    }
  }

  @Test
  void everyStatusTheInterceptorWritesIsDocumented() {
    String section = String.join("\n", DOCS.section("## Keys"));
    for (Status s : Status.values()) {
      if (s != Status.HIT) {
        assertTrue(section.contains("`" + s.label() + "`"), s.label());
      }
    }
  }
}
