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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the plugin tarball a module's build made, whatever the project's version: the one file
 * {@code <moduleDir>/target/sluice-<module>-*-plugin.tar.gz}. No match, or more than one (a stale
 * build of another version), is an error that names what was found and how to build it.
 *
 * <pre>{@code
 * Path plugin = PluginTarball.ofThisModule("amps-source");        // an IT in amps-source
 * Path other = PluginTarball.of(root.resolve("hbase-serializers")); // from elsewhere
 * }</pre>
 */
public final class PluginTarball {
  private static final Pattern MODULE = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private PluginTarball() {}

  /**
   * The tarball of the module a test runs in (Maven runs tests in the module's directory): {@code
   * target/sluice-<module>-*-plugin.tar.gz}.
   *
   * @param module the module's directory name, such as {@code amps-source}
   */
  public static Path ofThisModule(String module) {
    return find(Paths.get("").toAbsolutePath(), module);
  }

  /** The tarball in {@code moduleDir/target}, the module named by the directory's name. */
  public static Path of(Path moduleDir) {
    Path absolute = moduleDir.toAbsolutePath().normalize();
    return find(absolute, String.valueOf(absolute.getFileName()));
  }

  /**
   * The single {@code <moduleDir>/target/sluice-<module>-*-plugin.tar.gz}.
   *
   * @throws IllegalStateException when none or several match; the message names the directory,
   *     every match and the command that builds the tarball
   */
  static Path find(Path moduleDir, String module) {
    if (module == null || !MODULE.matcher(module).matches()) {
      throw new IllegalArgumentException(
          "module must be a module directory name like amps-source, was " + module);
    }
    Path target = moduleDir.resolve("target");
    String glob = "sluice-" + module + "-*-plugin.tar.gz";
    List<Path> found = new ArrayList<>();
    if (Files.isDirectory(target)) {
      try (DirectoryStream<Path> matches = Files.newDirectoryStream(target, glob)) {
        matches.forEach(found::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + target, e);
      }
    }
    found.sort(null);
    if (found.size() == 1) {
      return found.get(0).toAbsolutePath();
    }
    String build =
        "; `./mvnw -pl "
            + module
            + " package -DskipTests` (or `verify`, which runs before the ITs)"
            + " builds it";
    if (found.isEmpty()) {
      throw new IllegalStateException("no plugin tarball " + glob + " in " + target + build);
    }
    throw new IllegalStateException(
        "more than one plugin tarball "
            + glob
            + " in "
            + target
            + ": "
            + found
            + "; remove the stale ones (`./mvnw -pl "
            + module
            + " clean package -DskipTests`)");
  }
}
