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
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.DocumentedDefaults;
import dev.sluice.flume.testsupport.MarkdownDoc;
import dev.sluice.flume.testsupport.RecordingContext;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

/**
 * docs/hbase-serializers.md documents exactly the keys each serializer reads, with the defaults the
 * code has, and exactly the reasons and counters.
 */
class DocsTest {
  private static final MarkdownDoc DOCS =
      MarkdownDoc.read(Paths.get("..", "docs", "hbase-serializers.md"));
  private static final String SHARED = "## Keys shared by both serializers";
  private static final String SPLIT = "## Keys of the splitting serializer";
  private static final String JSON = "## Keys of the JSON serializer";

  /** The counter group's default name is made from the serializer kind and a hash. */
  private static final Set<String> COMPUTED = Set.of(SerializerSettings.COUNTER_GROUP);

  private static Set<String> documented(String own) {
    Set<String> keys = new TreeSet<>(DOCS.firstNamePerRow(SHARED));
    keys.addAll(DOCS.firstNamePerRow(own));
    return keys;
  }

  /** Key to default cell (backticks dropped, "\|" unescaped) of the key tables of a section. */
  private static Map<String, String> documentedDefaults(String heading) {
    Map<String, String> out = new TreeMap<>();
    for (String line : DOCS.section(heading)) {
      if (!line.startsWith("| `")) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      for (int i = 1; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
          cell.append('|');
          i++;
        } else if (c == '|') {
          cells.add(cell.toString().trim());
          cell.setLength(0);
        } else {
          cell.append(c);
        }
      }
      out.put(cells.get(0).replace("`", ""), cells.get(1).replace("`", ""));
    }
    return out;
  }

  private static void assertDefaults(Map<String, String> code, String own) {
    Map<String, String> docs = documentedDefaults(SHARED);
    docs.putAll(documentedDefaults(own));
    assertEquals(new TreeSet<>(code.keySet()), new TreeSet<>(docs.keySet()));
    for (Map.Entry<String, String> e : code.entrySet()) {
      Set<String> alternatives = new HashSet<>(Arrays.asList(docs.get(e.getKey()).split(" or ")));
      assertTrue(
          alternatives.contains(e.getValue()),
          e.getKey()
              + ": the code's default '"
              + e.getValue()
              + "', the docs say '"
              + docs.get(e.getKey())
              + "'");
    }
  }

  @Test
  void theSplittingKeyTablesListExactlyTheKeysItReads() {
    RecordingContext context = new RecordingContext(Map.of("columns", "a", "rowKey", "${a}"));
    SplittingSerializerConfig.parse(context);
    assertEquals(context.asked(), documented(SPLIT));
    assertTrue(context.asked().size() > 15, context.asked()::toString);
  }

  @Test
  void theJsonKeyTablesListExactlyTheKeysItReads() {
    RecordingContext context = new RecordingContext(Map.of("columns", "a:/a", "rowKey", "${/a}"));
    JsonSerializerConfig.parse(context);
    assertEquals(context.asked(), documented(JSON));
  }

  @Test
  void theDocumentedDefaultsAreTheCodes() {
    assertDefaults(SplittingSerializerConfig.documentedDefaults(), SPLIT);
    assertDefaults(JsonSerializerConfig.documentedDefaults(), JSON);
  }

  @Test
  void theKeyTablesGiveExactlyTheDefaultsTheParserReads() {
    Map<String, String> split =
        SplittingSerializerConfig.readDefaults(
            new Context(Map.of("columns", "a", "rowKey", "${a}")));
    Map<String, String> json =
        JsonSerializerConfig.readDefaults(
            new Context(Map.of("columns", "a:/a", "rowKey", "${/a}")));
    assertTrue(split.size() > 10, split::toString);
    assertEquals(
        List.of(),
        DocumentedDefaults.mismatches(DOCS.keyDefaults(SHARED, SPLIT), split, COMPUTED),
        "splitting serializer");
    assertEquals(
        List.of(),
        DocumentedDefaults.mismatches(DOCS.keyDefaults(SHARED, JSON), json, COMPUTED),
        "JSON serializer");
  }

  @Test
  void theReasonTableListsExactlyTheReasons() {
    Set<String> labels = new TreeSet<>();
    for (BadEventReason r : BadEventReason.values()) {
      labels.add(r.label());
    }
    assertEquals(labels, DOCS.firstNamePerRow("### Reasons"));
  }

  @Test
  void theCounterTableListsExactlyTheCounters() {
    assertEquals(new TreeSet<>(SerializerCounters.names()), DOCS.firstNamePerRow("## Counters"));
  }

  @Test
  void theFourClassesInTheTableExist() throws Exception {
    Set<String> names = DOCS.firstNamePerRow("# hbase-serializers");
    assertEquals(4, names.size(), names::toString);
    for (String n : names) {
      Class.forName(n);
    }
  }
}
