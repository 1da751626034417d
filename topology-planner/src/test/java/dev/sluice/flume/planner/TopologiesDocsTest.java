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
package dev.sluice.flume.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.MarkdownDoc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/topologies.md against the code: the field table, the examples it names, the README. */
class TopologiesDocsTest {
  private static final Path DOC = Paths.get("..", "docs", "topologies.md");

  @Test
  void everyFieldTheReaderAsksForIsDocumentedAndNoOther() throws IOException {
    Set<String> asked = new TreeSet<>();
    // seed001.yaml has every section (tiers, routing, monitor): the reader asks for every field.
    DescriptionReader.read(SizingTest.description("seed001"), asked);
    Set<String> documented = MarkdownDoc.read(DOC).firstNamePerRow("### Fields");
    assertEquals(asked, documented);
  }

  @Test
  void theDocumentedExampleDescriptionsExistAndPlan() throws IOException {
    String doc = Files.readString(DOC);
    try (Stream<Path> files = Files.list(Paths.get("descriptions"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        assertTrue(doc.contains("`" + f.getFileName() + "`"), f + " is not described in the doc");
        PlannedTopology.of(Files.readString(f));
      }
    }
  }

  @Test
  void readmeListsTheModule() throws IOException {
    String readme = Files.readString(Paths.get("..", "README.md"));
    assertTrue(readme.contains("| `topology-planner` |"), "README's module table");
  }
}
