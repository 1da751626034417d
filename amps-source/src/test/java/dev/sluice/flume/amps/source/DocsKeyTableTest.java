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
package dev.sluice.flume.amps.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.amps.client.DeprecatedKey;
import dev.sluice.flume.testsupport.DocumentedDefaults;
import dev.sluice.flume.testsupport.MarkdownDoc;
import dev.sluice.flume.testsupport.RecordingContext;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/amps-source.md documents exactly the keys the source reads: a key documented but never read,
 * or read but not documented, fails here. So do counters missing from the docs.
 */
class DocsKeyTableTest {
  private static final MarkdownDoc DOCS =
      MarkdownDoc.read(Paths.get("..", "docs", "amps-source.md"));

  @Test
  void theKeyTableListsExactlyTheKeysTheConfigurationReads() {
    RecordingContext context =
        new RecordingContext(
            Map.of(
                "clientName", "flume",
                "uri", "tcp://127.0.0.1:9007/amps/json",
                "topic", "orders"));
    AmpsSourceConfig c = AmpsSourceConfig.parse("r1", context);

    // The former names are looked up (to warn when given): the renamed-keys table lists them.
    Set<String> read = new TreeSet<>(context.asked());
    read.removeAll(formerNames());
    assertEquals(read, DOCS.firstNamePerRow("## Configuration"));
    // Defaults both ways: every default the code uses is the documented `literal`, and every
    // documented `literal` default is the code's.
    assertEquals(
        List.of(),
        DocumentedDefaults.mismatches(DOCS.keyDefaults("## Configuration"), c.defaults),
        "defaults in docs/amps-source.md versus the code's");
  }

  @Test
  void theRenamedKeysTableListsExactlyTheFormerNamesAndTheirNewKeys() {
    Map<String, String> documented = new TreeMap<>();
    DOCS.keyDefaults("### Renamed keys").forEach((k, v) -> documented.put(k, v.replace("`", "")));
    Map<String, String> code = new TreeMap<>();
    for (DeprecatedKey k : AmpsSourceConfig.RENAMED_KEYS) {
      code.put(k.oldName, k.newName);
    }
    assertEquals(code, documented);
    for (String newKey : code.values()) {
      assertTrue(DOCS.firstNamePerRow("## Configuration").contains(newKey), newKey);
    }
  }

  private static Set<String> formerNames() {
    Set<String> names = new TreeSet<>();
    for (DeprecatedKey k : AmpsSourceConfig.RENAMED_KEYS) {
      names.add(k.oldName);
    }
    return names;
  }

  @Test
  void everyEventHeaderNameIsDocumented() {
    assertEquals(
        new TreeSet<>(AmpsSourceConfig.EVENT_HEADER_NAMES),
        DOCS.firstNamePerRow("### Event headers"));
  }

  @Test
  void everyCounterAndGaugeIsDocumented() {
    Set<String> documented = DOCS.firstCellNames("## Counters");
    Set<String> ours = new TreeSet<>(AmpsSourceCounters.COUNTERS);
    ours.addAll(AmpsSourceCounters.GAUGES);
    ours.addAll(AmpsSourceCounters.RECEIVE_COUNTS);
    ours.removeAll(documented);
    assertEquals(Set.of(), ours, "counters missing from the docs");
  }
}
