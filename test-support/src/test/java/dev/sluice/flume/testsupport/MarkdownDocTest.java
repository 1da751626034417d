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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownDocTest {
  @TempDir Path tmp;

  private MarkdownDoc doc() throws Exception {
    Path f = tmp.resolve("x.md");
    Files.write(
        f,
        List.of(
            "# Title",
            "## Keys",
            "| Key | Default |",
            "|-----|---------|",
            "| `uri` / `uri1`..`uriN` | required |",
            "| `maxBatch` | `1000` |",
            "### Detail",
            "| `nested` | a section of its own |",
            "## Counters",
            "| `Sent` | x |"),
        StandardCharsets.UTF_8);
    return MarkdownDoc.read(f);
  }

  @Test
  void readsTheCodeNamesOfASectionsFirstCells() throws Exception {
    assertEquals(Set.of("uri", "uri1", "uriN", "maxBatch"), doc().firstCellNames("## Keys"));
    assertEquals(Set.of("uri", "maxBatch"), doc().firstNamePerRow("## Keys"));
    assertEquals(Set.of("nested"), doc().firstNamePerRow("### Detail"), "a sub-section is its own");
    assertEquals(Set.of("Sent"), doc().firstNamePerRow("## Counters"));
  }

  @Test
  void readsEachKeysDefaultCell() throws Exception {
    assertEquals(Map.of("uri", "required", "maxBatch", "`1000`"), doc().keyDefaults("## Keys"));
    assertEquals(Map.of("nested", "a section of its own"), doc().keyDefaults("### Detail"));
    assertEquals(
        java.util.List.of("`a`", "x | y", "z"), MarkdownDoc.cells("| `a` | x \\| y | z |"));
  }

  @Test
  void aMissingSectionIsAnError() throws Exception {
    MarkdownDoc d = doc();
    assertThrows(IllegalArgumentException.class, () -> d.section("## Nope"));
  }

  @Test
  void recordingContextRemembersKeysAndPrefixes() {
    RecordingContext c = new RecordingContext(Map.of("a", "1", "s.x", "2"));
    c.getString("a");
    c.getString("b", "d");
    c.getSubProperties("s.");
    assertEquals(Set.of("a", "b", "s.*"), c.asked());
  }
}
