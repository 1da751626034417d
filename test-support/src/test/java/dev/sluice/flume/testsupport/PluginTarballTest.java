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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginTarballTest {
  @TempDir Path tmp;

  private Path module(String name, String... files) throws Exception {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir.resolve("target"));
    for (String f : files) {
      Files.createFile(dir.resolve("target").resolve(f));
    }
    return dir;
  }

  @Test
  void findsTheTarballWhateverTheVersion() throws Exception {
    Path dir =
        module(
            "amps-sink",
            "sluice-amps-sink-2.3.1-plugin.tar.gz",
            "sluice-amps-sink-2.3.1.jar",
            "sluice-amps-source-0.1.0-SNAPSHOT-plugin.tar.gz");
    assertEquals(
        dir.resolve("target/sluice-amps-sink-2.3.1-plugin.tar.gz").toAbsolutePath(),
        PluginTarball.of(dir));
  }

  @Test
  void noTarballSaysWhereItLookedAndHowToBuildIt() throws Exception {
    Path dir = module("header-filename-sink", "sluice-header-filename-sink-1.0.jar");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> PluginTarball.of(dir));
    assertTrue(
        e.getMessage().contains("sluice-header-filename-sink-*-plugin.tar.gz"), e::getMessage);
    assertTrue(e.getMessage().contains(dir.resolve("target").toString()), e::getMessage);
    assertTrue(e.getMessage().contains("package"), e::getMessage);
  }

  @Test
  void aMissingTargetDirectoryIsTheSameClearError() {
    Path dir = tmp.resolve("graphite-monitor");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> PluginTarball.of(dir));
    assertTrue(e.getMessage().startsWith("no plugin tarball"), e::getMessage);
  }

  @Test
  void twoVersionsAreAnErrorNamingBoth() throws Exception {
    Path dir =
        module(
            "amps-source",
            "sluice-amps-source-0.1.0-SNAPSHOT-plugin.tar.gz",
            "sluice-amps-source-0.2.0-plugin.tar.gz");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> PluginTarball.find(dir, "amps-source"));
    assertTrue(e.getMessage().contains("0.1.0-SNAPSHOT-plugin.tar.gz"), e::getMessage);
    assertTrue(e.getMessage().contains("0.2.0-plugin.tar.gz"), e::getMessage);
  }

  @Test
  void refusesAModuleNameThatIsAPattern() {
    assertThrows(IllegalArgumentException.class, () -> PluginTarball.find(tmp, "amps-*"));
  }

  @Test
  void ofThisModuleLooksInTheWorkingDirectorysTarget() {
    // Tests run in test-support, which builds no plugin tarball.
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> PluginTarball.ofThisModule("test-support"));
    assertTrue(e.getMessage().contains("test-support"), e::getMessage);
  }
}
