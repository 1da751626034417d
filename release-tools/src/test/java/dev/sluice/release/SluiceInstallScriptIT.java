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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.PluginTarball;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/sluice-install's promises without an agent: it refuses to replace another version unless told
 * to (changing nothing), reports a second Guava or Jackson, installs nothing proprietary without
 * the licence accepted, and works from a plugin tarball alone, with the copy of itself the tarball
 * carries.
 */
class SluiceInstallScriptIT {
  private static final Path SINK_TARBALL =
      PluginTarball.of(InstallCommand.ROOT.resolve("header-filename-sink"));
  private static final Path SOURCE_TARBALL =
      PluginTarball.of(InstallCommand.ROOT.resolve("amps-source"));

  @TempDir Path work;

  private Path emptyFlumeHome() throws IOException {
    Path home = work.resolve("flume-home");
    Files.createDirectories(home.resolve("lib"));
    return home;
  }

  @Test
  void refusesToReplaceAnotherVersionWithoutUpgrade() throws Exception {
    Path home = emptyFlumeHome();
    Path newer = fakePlugin("sluice-header-filename-sink", "9.9.9", Map.of());
    InstallCommand.Result first =
        InstallCommand.run(work, SINK_TARBALL.toString(), "--flume-home", home.toString());
    assertEquals(0, first.exit, first.toString());
    Path lib = home.resolve("plugins.d/sluice-header-filename-sink/lib");
    List<String> before = names(lib);

    InstallCommand.Result refused =
        InstallCommand.run(work, newer.toString(), "--flume-home", home.toString());
    assertEquals(3, refused.exit, refused.toString());
    assertTrue(
        refused.output.contains("without --upgrade (nothing was changed)"), refused.toString());
    assertEquals(before, names(lib), "the installed plugin is untouched");

    InstallCommand.Result upgraded =
        InstallCommand.run(work, newer.toString(), "--flume-home", home.toString(), "--upgrade");
    assertEquals(0, upgraded.exit, upgraded.toString());
    assertTrue(upgraded.output.contains("upgraded "), upgraded.toString());
    assertEquals(List.of("sluice-header-filename-sink-9.9.9.jar"), names(lib));
  }

  @Test
  void reportsASecondGuavaAndJacksonAgainstFlumesLib() throws Exception {
    Path home = emptyFlumeHome();
    Files.write(home.resolve("lib/guava-18.0.jar"), jar("com.google.guava", "guava", "18.0"));
    Files.write(
        home.resolve("lib/jackson-core-2.13.2.jar"),
        jar("com.fasterxml.jackson.core", "jackson-core", "2.13.2"));
    Path plugin =
        fakePlugin(
            "sluice-widget",
            "1.0.0",
            Map.of(
                "guava-31.1-jre.jar", jar("com.google.guava", "guava", "31.1-jre"),
                "jackson-core-2.15.0.jar",
                    jar("com.fasterxml.jackson.core", "jackson-core", "2.15.0"),
                "caffeine-3.1.8.jar", jar("com.github.ben-manes.caffeine", "caffeine", "3.1.8")));
    InstallCommand.Result result =
        InstallCommand.run(work, plugin.toString(), "--flume-home", home.toString());
    assertEquals(0, result.exit, "conflicts are reported, not fatal: " + result);
    assertTrue(
        result.output.contains("CONFLICT: guava in more than one version"), result.toString());
    assertTrue(result.output.contains("18.0  lib/guava-18.0.jar"), result.toString());
    assertTrue(
        result.output.contains("31.1-jre  plugins.d/sluice-widget/libext/guava-31.1-jre.jar"),
        result.toString());
    assertTrue(
        result.output.contains("CONFLICT: jackson-core in more than one version"),
        result.toString());
    assertFalse(result.output.contains("CONFLICT: caffeine"), result.toString());
  }

  @Test
  void installsNoAmpsClientWithoutTheLicenceAccepted() throws Exception {
    Path home = emptyFlumeHome();
    InstallCommand.Result result =
        InstallCommand.run(work, SOURCE_TARBALL.toString(), "--flume-home", home.toString());
    assertEquals(0, result.exit, result.toString());
    assertTrue(
        result.output.contains("amps-client: NOT installed: the plugin cannot start without it"),
        result.toString());
    assertFalse(
        names(home.resolve("plugins.d/sluice-amps-source/libext")).stream()
            .anyMatch(name -> name.startsWith("amps-client")),
        result.toString());
  }

  @Test
  void installsAGivenAmpsClientJarAndKeepsItOnReinstall() throws Exception {
    Path home = emptyFlumeHome();
    Path client = work.resolve("amps-client-5.3.5.3.jar");
    Files.write(client, jar("com.crankuptheamps", "amps-client", "5.3.5.3"));
    InstallCommand.Result first =
        InstallCommand.run(
            work,
            SOURCE_TARBALL.toString(),
            "--flume-home",
            home.toString(),
            "--amps-client-jar",
            client.toString());
    assertEquals(0, first.exit, first.toString());
    assertTrue(
        first.output.contains("amps-client: installed amps-client-5.3.5.3.jar"), first.toString());
    Path libext = home.resolve("plugins.d/sluice-amps-source/libext");
    assertTrue(names(libext).contains("amps-client-5.3.5.3.jar"), names(libext).toString());

    InstallCommand.Result again =
        InstallCommand.run(work, SOURCE_TARBALL.toString(), "--flume-home", home.toString());
    assertEquals(0, again.exit, again.toString());
    assertTrue(again.output.contains("reinstalled into"), again.toString());
    assertTrue(
        again.output.contains("amps-client: kept amps-client-5.3.5.3.jar"), again.toString());
    assertTrue(names(libext).contains("amps-client-5.3.5.3.jar"), names(libext).toString());
  }

  @Test
  void worksFromAPluginTarballAloneWithTheCopyItCarries() throws Exception {
    Path elsewhere = Files.createDirectories(work.resolve("downloads"));
    Path tarball = Files.copy(SINK_TARBALL, elsewhere.resolve(SINK_TARBALL.getFileName()));
    run(
        elsewhere,
        "tar",
        "-xzf",
        tarball.getFileName().toString(),
        "sluice-header-filename-sink/bin/sluice-install");
    Path script = elsewhere.resolve("sluice-header-filename-sink/bin/sluice-install");
    assertTrue(Files.isExecutable(script), "the tarball carries an executable sluice-install");
    Path home = emptyFlumeHome();

    InstallCommand.Result result =
        InstallCommand.runScript(
            script, elsewhere, work, "header-filename-sink", "--flume-home", home.toString());
    assertEquals(0, result.exit, "finds the tarball in the current directory: " + result);
    assertTrue(
        Files.isDirectory(home.resolve("plugins.d/sluice-header-filename-sink/libext")),
        result.toString());
    assertTrue(
        result.output.contains("a1.sinks.k1.type = dev.sluice.flume.sink.file.HeaderFilenameSink"),
        result.toString());
  }

  @Test
  void namesWhatIsMissingWhenNoTarballIsFound() throws Exception {
    Path home = emptyFlumeHome();
    InstallCommand.Result result =
        InstallCommand.run(
            work, "no-such-module", "--from", work.toString(), "--flume-home", home.toString());
    assertEquals(2, result.exit, result.toString());
    assertTrue(
        result.output.contains("no plugin tarball sluice-no-such-module-<version>-plugin.tar.gz"),
        result.toString());
  }

  /** A plugin tarball of one empty jar in lib/ and the given jars in libext/. */
  private Path fakePlugin(String name, String version, Map<String, byte[]> libext)
      throws Exception {
    Path root = Files.createDirectories(work.resolve("fake-" + name + "-" + version));
    Path lib = Files.createDirectories(root.resolve(name + "/lib"));
    Files.write(lib.resolve(name + "-" + version + ".jar"), jar("dev.sluice", name, version));
    Path ext = Files.createDirectories(root.resolve(name + "/libext"));
    for (Map.Entry<String, byte[]> jar : libext.entrySet()) {
      Files.write(ext.resolve(jar.getKey()), jar.getValue());
    }
    Path tarball = work.resolve(name + "-" + version + "-plugin.tar.gz");
    run(root, "tar", "-czf", tarball.toString(), name);
    return tarball;
  }

  /** A jar holding only Maven's pom.properties for the given coordinates. */
  private static byte[] jar(String group, String artifact, String version) throws IOException {
    return BundleFixture.zip(
        Map.of(
            "META-INF/maven/" + group + "/" + artifact + "/pom.properties",
            "groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n"));
  }

  private static void run(Path dir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
    assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
  }

  private static List<String> names(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .sorted()
          .collect(java.util.stream.Collectors.toList());
    }
  }
}
