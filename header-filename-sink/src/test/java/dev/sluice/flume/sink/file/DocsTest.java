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
package dev.sluice.flume.sink.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.DocumentedDefaults;
import dev.sluice.flume.testsupport.MarkdownDoc;
import dev.sluice.flume.testsupport.RecordingContext;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

/** docs/header-filename-sink.md documents exactly the keys, reasons and counters the code has. */
class DocsTest {
  private static final MarkdownDoc DOCS =
      MarkdownDoc.read(Paths.get("..", "docs", "header-filename-sink.md"));

  private static Set<String> firstCells(String heading) {
    return DOCS.firstCellNames(heading);
  }

  @Test
  void theKeyTableListsExactlyTheKeysTheConfigurationReads() {
    // A template, so the template keys are read as they would be in use.
    RecordingContext context =
        new RecordingContext(
            Map.of(
                "sink.directory", "/d", "sink.pathTemplate", "%{file}", "sink.serializer.x", "y"));
    HeaderFilenameSinkConfig.parse("k1", context);
    RecordingContext plain = new RecordingContext(Map.of("sink.directory", "/d"));
    HeaderFilenameSinkConfig.parse("k1", plain);
    Set<String> read = new TreeSet<>(context.asked());
    read.addAll(plain.asked());
    assertEquals(read, firstCells("## Configuration"));
  }

  @Test
  void theKeyTableGivesExactlyTheDefaultsTheCodeUses() {
    Map<String, String> code =
        new TreeMap<>(
            HeaderFilenameSinkConfig.defaults(new Context(Map.of("sink.directory", "/d"))));
    // The header's default applies only without a path template, so the configuration applies it.
    code.put(HeaderFilenameSinkConfig.HEADER, HeaderFilenameSinkConfig.DEFAULT_HEADER);
    assertTrue(code.size() > 15, code::toString);
    assertEquals(
        List.of(),
        DocumentedDefaults.mismatches(DOCS.keyDefaults("## Configuration"), code, Set.of()),
        "defaults in docs/header-filename-sink.md versus the code's");
  }

  @Test
  void everyRefusalReasonIsDocumented() {
    Set<String> labels = new TreeSet<>();
    for (RefusalReason r : RefusalReason.values()) {
      labels.add(r.label());
    }
    assertEquals(labels, firstCells("## Path rules"));
  }

  @Test
  void theCounterTableListsExactlyTheSinksOwnCounters() {
    Set<String> ours = new TreeSet<>(FileSinkCounters.monotonicNames());
    ours.add(FileSinkCounters.OPEN_FILES);
    assertEquals(ours, firstCells("## Counters"));
  }
}
