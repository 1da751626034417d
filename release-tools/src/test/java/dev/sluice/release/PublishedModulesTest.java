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
package dev.sluice.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.MarkdownDoc;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * sluice-bom is the one list of published modules: docs/release.md's table and CHANGELOG.md say the
 * same, every reactor module is either in it or excluded from the bundle (never both, never
 * neither), and it manages each at the project's own version.
 */
class PublishedModulesTest {
  private static final Path ROOT = InstallCommand.ROOT;

  private static PomFacts bom() throws IOException {
    try (InputStream in = Files.newInputStream(ROOT.resolve("sluice-bom/pom.xml"))) {
      return PomFacts.read(in, "sluice-bom/pom.xml");
    }
  }

  /** sluice-bom and every artifact it manages. */
  private static Set<String> published() throws IOException {
    PomFacts bom = bom();
    Set<String> out = new TreeSet<>();
    out.add(bom.artifactId);
    for (PomFacts.Dependency managed : bom.managedDependencies) {
      assertTrue(managed.key.startsWith("dev.sluice:"), "the BOM manages only Sluice: " + managed);
      out.add(managed.key.substring("dev.sluice:".length()));
    }
    return out;
  }

  private static String rootPom() throws IOException {
    return Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
  }

  private static List<String> all(Pattern pattern, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void theDocsTableListsExactlyWhatTheBomPublishes() throws IOException {
    MarkdownDoc doc = MarkdownDoc.read(ROOT.resolve("docs/release.md"));
    assertEquals(published(), doc.firstNamePerRow("## Published modules"));
  }

  @Test
  void theChangelogSaysWhatEachPublishedModuleOffers() throws IOException {
    String changelog = Files.readString(ROOT.resolve("CHANGELOG.md"), StandardCharsets.UTF_8);
    for (String artifact : published()) {
      assertTrue(
          changelog.contains("- `" + artifact + "`: "),
          "CHANGELOG.md has no entry '- `" + artifact + "`: ...'");
    }
  }

  @Test
  void everyReactorModuleIsPublishedOrExcludedAndNeverBoth() throws IOException {
    String pom = rootPom();
    Set<String> excluded = new TreeSet<>(all(Pattern.compile("<artifact>([^<]+)</artifact>"), pom));
    Set<String> published = published();
    Set<String> both = new TreeSet<>(excluded);
    both.retainAll(published);
    assertEquals(Set.of(), both, "in sluice-bom and in excludeArtifacts");
    Set<String> neither = new TreeSet<>();
    for (String module : all(Pattern.compile("<module>([^<]+)</module>"), pom)) {
      String artifact = artifactIdOf(ROOT.resolve(module).resolve("pom.xml"));
      if (!published.contains(artifact) && !excluded.contains(artifact)) {
        neither.add(artifact);
      }
    }
    assertEquals(
        Set.of(),
        neither,
        "reactor modules neither in sluice-bom (published) nor in excludeArtifacts (not published)");
    assertTrue(excluded.contains("sluice-parent"), "the parent is not published: " + excluded);
  }

  @Test
  void theBomManagesEveryModuleAtTheProjectsVersion() throws IOException {
    PomFacts bom = bom();
    List<String> wrong =
        bom.managedDependencies.stream()
            .filter(managed -> !managed.version.equals(bom.parentVersion))
            .map(Object::toString)
            .collect(Collectors.toList());
    assertEquals(List.of(), wrong, "the project's version is " + bom.parentVersion);
  }

  private static String artifactIdOf(Path pom) throws IOException {
    try (InputStream in = Files.newInputStream(pom)) {
      return PomFacts.read(in, pom.toString()).artifactId;
    }
  }
}
