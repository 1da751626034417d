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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every way a bundle can fail Central's checks (or ours) is reported; a complete one passes. */
class BundleCheckTest {
  private static final String V = BundleFixture.VERSION;
  private static final String WIDGET = "sluice-widget";

  @TempDir Path dir;
  private BundleFixture bundle;

  @BeforeEach
  void writeBundle() throws IOException {
    bundle = new BundleFixture(dir).write();
  }

  private List<String> problems() throws IOException {
    return new BundleCheck(bundle.bom(), V, BundleFixture.FAKE_SIGNATURES).check(dir);
  }

  private void assertProblem(String expectedFragment) throws IOException {
    List<String> problems = problems();
    assertTrue(
        problems.stream().anyMatch(problem -> problem.contains(expectedFragment)),
        "expected a problem containing '" + expectedFragment + "', got " + problems);
  }

  @Test
  void passesACompleteBundle() throws IOException {
    BundleCheck check = new BundleCheck(bundle.bom(), V, BundleFixture.FAKE_SIGNATURES);
    assertEquals(List.of(), check.check(dir));
    assertEquals(6, check.filesChecked(), "bom pom, widget pom, jar, sources, javadoc, tarball");
    assertEquals(6, check.signaturesVerified());
  }

  @Test
  void refusesAMissingJavadocJar() throws IOException {
    Files.delete(bundle.file(WIDGET, WIDGET + "-" + V + "-javadoc.jar"));
    assertProblem(WIDGET + "-" + V + "-javadoc.jar is missing");
  }

  @Test
  void refusesAnEmptyJavadocJar() throws IOException {
    bundle.writeFile(
        WIDGET,
        WIDGET + "-" + V + "-javadoc.jar",
        BundleFixture.zip(Map.of("META-INF/MANIFEST.MF", "")));
    assertProblem("-javadoc.jar is empty: it holds no HTML page");
  }

  @Test
  void refusesASourcesJarWithoutSources() throws IOException {
    bundle.writeFile(
        WIDGET, WIDGET + "-" + V + "-sources.jar", BundleFixture.zip(Map.of("README", "")));
    assertProblem("-sources.jar holds no Java source");
  }

  @Test
  void refusesAMissingMainJar() throws IOException {
    Files.delete(bundle.file(WIDGET, WIDGET + "-" + V + ".jar"));
    assertProblem(WIDGET + "-" + V + ".jar is missing");
  }

  @Test
  void refusesAChecksumThatDoesNotMatch() throws IOException {
    Files.writeString(
        bundle.file(WIDGET, WIDGET + "-" + V + ".jar.sha1"),
        "0000000000000000000000000000000000000000");
    assertProblem(WIDGET + "-" + V + ".jar.sha1 does not match");
  }

  @Test
  void refusesAFileChangedAfterItWasSummed() throws IOException {
    Files.writeString(
        bundle.file(WIDGET, WIDGET + "-" + V + ".pom.md5"), "d41d8cd98f00b204e9800998ecf8427e");
    assertProblem(".pom.md5 does not match");
  }

  @Test
  void refusesAMissingRequiredChecksum() throws IOException {
    Files.delete(bundle.file(WIDGET, WIDGET + "-" + V + "-sources.jar.md5"));
    assertProblem("has no " + WIDGET + "-" + V + "-sources.jar.md5 (Central requires it)");
  }

  @Test
  void refusesAMissingSignature() throws IOException {
    Files.delete(bundle.file(WIDGET, WIDGET + "-" + V + "-plugin.tar.gz.asc"));
    assertProblem("-plugin.tar.gz has no signature");
  }

  @Test
  void refusesASignatureThatDoesNotVerify() throws IOException {
    Files.writeString(bundle.file(WIDGET, WIDGET + "-" + V + ".jar.asc"), "signed by someone else");
    assertProblem(WIDGET + "-" + V + ".jar.asc does not verify");
  }

  @TestFactory
  Stream<DynamicTest> refusesAPomWithoutARequiredElement() {
    Map<String, String> missing =
        Map.of(
            "name", "name",
            "description", "description",
            "url", "url",
            "licenses", "licenses/license",
            "developers", "developers/developer",
            "scm", "scm/url");
    return missing.entrySet().stream()
        .map(
            entry ->
                DynamicTest.dynamicTest(
                    "without " + entry.getKey(),
                    () -> {
                      bundle.writeFile(
                          WIDGET,
                          WIDGET + "-" + V + ".pom",
                          BundleFixture.pomWith(WIDGET, "jar", "", Map.of(entry.getKey(), "")));
                      assertProblem("has no " + entry.getValue() + " (Central requires it)");
                    }));
  }

  @Test
  void refusesALicenceWithoutTheAmpsClientStatement() throws IOException {
    String apacheOnly =
        "<licenses><license><name>Apache License, Version 2.0</name>"
            + "<url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license></licenses>";
    bundle.writeFile(
        WIDGET,
        WIDGET + "-" + V + ".pom",
        BundleFixture.pomWith(WIDGET, "jar", "", Map.of("licenses", apacheOnly)));
    assertProblem("does not state the amps-client licence situation");
  }

  @Test
  void refusesAPomThatLeansOnAParent() throws IOException {
    String parent =
        "<parent><groupId>dev.sluice</groupId><artifactId>sluice-parent</artifactId>"
            + "<version>"
            + V
            + "</version></parent>";
    bundle.writeFile(
        WIDGET,
        WIDGET + "-" + V + ".pom",
        BundleFixture.pomWith(WIDGET, "jar", "", Map.of("parent", parent)));
    assertProblem("has a parent");
  }

  @Test
  void refusesASnapshotDependency() throws IOException {
    bundle.writeFile(
        WIDGET,
        WIDGET + "-" + V + ".pom",
        BundleFixture.pom(
            WIDGET, "jar", BundleFixture.dependency("dev.sluice:sluice-common:1.1.0-SNAPSHOT")));
    assertProblem("depends on a SNAPSHOT: dev.sluice:sluice-common:1.1.0-SNAPSHOT");
  }

  @Test
  void refusesAnUnresolvedDependencyVersion() throws IOException {
    bundle.writeFile(
        WIDGET,
        WIDGET + "-" + V + ".pom",
        BundleFixture.pom(
            WIDGET, "jar", BundleFixture.dependency("org.example:lib:${lib.version}")));
    assertProblem("has an unresolved version for org.example:lib");
  }

  @Test
  void refusesABundleOfAnotherVersion() throws IOException {
    List<String> problems =
        new BundleCheck(bundle.bom(), "2.0.0", BundleFixture.FAKE_SIGNATURES).check(dir);
    assertTrue(
        problems.stream()
            .anyMatch(
                p ->
                    p.contains(
                        "dev.sluice:sluice-widget is in the bundle at version 1.0.0, not 2.0.0")),
        problems.toString());
    assertTrue(
        problems.stream()
            .anyMatch(p -> p.contains("sluice-bom manages dev.sluice:sluice-widget at 1.0.0")),
        problems.toString());
  }

  @Test
  void refusesAPublishedModuleMissingFromTheBundle() throws IOException {
    BundleCheck.deleteRecursively(bundle.dir(WIDGET).getParent());
    assertProblem(
        "dev.sluice:sluice-widget is published (sluice-bom lists it) but the bundle has no");
  }

  @Test
  void refusesAModuleTheBomDoesNotList() throws IOException {
    bundle.writeFile(
        "sluice-stray", "sluice-stray-" + V + ".pom", BundleFixture.pom("sluice-stray", "pom", ""));
    assertProblem("the bundle holds dev.sluice:sluice-stray, which sluice-bom does not list");
  }

  @Test
  void refusesAPluginTarballThatPacksAmpsClient() throws IOException {
    bundle.writeFile(
        WIDGET,
        WIDGET + "-" + V + "-plugin.tar.gz",
        BundleFixture.tarGz(
            BundleFixture.tarNamesWith("sluice-widget/libext/amps-client-5.3.5.3.jar")));
    assertProblem("packs sluice-widget/libext/amps-client-5.3.5.3.jar: amps-client is proprietary");
  }

  @Test
  void commandLineExitsOneAndListsProblemsForABrokenBundle() throws IOException {
    Files.delete(bundle.file(WIDGET, WIDGET + "-" + V + "-javadoc.jar"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        BundleCheck.run(
            new String[] {
              "--bundle",
              dir.toString(),
              "--bom",
              bundle.file("sluice-bom", "sluice-bom-" + V + ".pom").toString(),
              "--version",
              V,
              "--gpg",
              "/nonexistent/gpg"
            },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, exit);
    String said = err.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("would not pass Central's checks"), said);
    assertTrue(said.contains("-javadoc.jar is missing"), said);
    assertTrue(said.contains("cannot run /nonexistent/gpg"), said);
  }

  @Test
  void commandLineExitsTwoWithoutItsRequiredArguments() throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        BundleCheck.run(
            new String[] {"--bundle", dir.toString()},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, exit);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--bom is required"));
  }
}
