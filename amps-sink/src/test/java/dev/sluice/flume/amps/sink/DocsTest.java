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
package dev.sluice.flume.amps.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.DocumentedDefaults;
import dev.sluice.flume.testsupport.MarkdownDoc;
import dev.sluice.flume.testsupport.RecordingContext;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docs/amps-sink.md documents exactly the keys the sink reads and the counters it keeps. */
class DocsTest {
  private static final MarkdownDoc DOCS = MarkdownDoc.read(Paths.get("..", "docs", "amps-sink.md"));

  @Test
  void theKeyTableListsExactlyTheKeysTheSinkReads() {
    Map<String, String> params = new HashMap<>();
    params.put("clientName", "c");
    params.put("uri", "tcp://h:1/amps/json");
    RecordingContext ctx = new RecordingContext(params);
    AmpsSinkConfig.parse("k1", ctx);
    Set<String> documented = DOCS.firstNamePerRow("## Keys");
    assertEquals(ctx.asked(), documented, "documented keys vs keys read");
    assertTrue(documented.size() > 25, documented::toString);
  }

  @Test
  void theKeyTableGivesExactlyTheDefaultsTheCodeUses() {
    Map<String, String> params = new HashMap<>();
    params.put("clientName", "c");
    params.put("uri", "tcp://h:1/amps/json");
    AmpsSinkConfig c = AmpsSinkConfig.parse("k1", new RecordingContext(params));
    // Both ways: a key the code defaults must show that default as a `literal`, and a `literal`
    // in the default column must be the code's default.
    assertEquals(
        List.of(),
        DocumentedDefaults.mismatches(DOCS.keyDefaults("## Keys"), c.defaults),
        "defaults in docs/amps-sink.md versus the code's");
    assertTrue(c.defaults.size() > 15, c.defaults::toString);
  }

  @Test
  void theCounterTableListsExactlyTheSinksOwnCounters() {
    Set<String> expected = new TreeSet<>(AmpsSinkCounters.COUNTERS);
    expected.addAll(AmpsSinkCounters.GAUGES);
    assertEquals(expected, DOCS.firstNamePerRow("## Counters"));
  }

  @Test
  void everyCounterTheSinkDeclaresCanBeRead() {
    AmpsSinkCounters counters = new AmpsSinkCounters("k1");
    for (String name : DOCS.firstNamePerRow("## Counters")) {
      assertEquals(0L, counters.get(name), name);
    }
  }
}
