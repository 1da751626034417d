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
package dev.sluice.flume.monitor.graphite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.DocumentedDefaults;
import dev.sluice.flume.testsupport.MarkdownDoc;
import dev.sluice.flume.testsupport.RecordingContext;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

/** The key table of docs/graphite-monitor.md against the keys the configuration reads. */
class DocumentedKeysTest {
  private static final Path DOC = Paths.get("..", "docs", "graphite-monitor.md");

  private static Set<String> documentedKeys() {
    return MarkdownDoc.read(DOC).firstCellNames("## Keys");
  }

  @Test
  void everyKeyReadIsDocumentedAndEveryDocumentedKeyIsRead() throws Exception {
    RecordingContext context = new RecordingContext(Map.of("host", "graphite"));
    GraphiteMonitorConfig.parse(context, TestEnvironment.standard());

    Set<String> read = context.asked();
    Set<String> documented = documentedKeys();
    assertTrue(documented.remove("type"), "the table documents type, which Flume reads");
    assertEquals(read, documented, "keys in " + DOC + " versus keys the monitor reads");
  }

  @Test
  void theKeyTableGivesExactlyTheDefaultsTheCodeUses() throws Exception {
    Map<String, String> code =
        new TreeMap<>(
            GraphiteMonitorConfig.defaults(
                new Context(Map.of("host", "graphite")), TestEnvironment.standard()));
    // A regex key has no default in ConfigReader; the configuration applies this one itself.
    code.put(GraphiteMonitorConfig.RATE_ATTRIBUTES, GraphiteMonitorConfig.DEFAULT_RATE_ATTRIBUTES);
    assertTrue(code.size() >= 15, code::toString);
    assertEquals(
        List.of(),
        DocumentedDefaults.mismatches(MarkdownDoc.read(DOC).keyDefaults("## Keys"), code, Set.of()),
        "defaults in " + DOC + " versus the code's");
  }

  @Test
  void numberedDestinationKeysAreTheDocumentedOnesWithAnIndex() throws Exception {
    RecordingContext context =
        new RecordingContext(Map.of("host1", "g1", "host2", "g2", "strictConfig", "true"));
    GraphiteMonitorConfig.parse(context, TestEnvironment.standard());
    Set<String> documented = documentedKeys();
    for (String key : context.asked()) {
      String base = key.replaceAll("[1-9][0-9]*$", "");
      assertTrue(documented.contains(base), key + " is read but " + base + " is not documented");
    }
    assertTrue(context.asked().contains("port2") && context.asked().contains("protocol2"));
  }
}
