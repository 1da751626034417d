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

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The classpath of a Flume agent JVM, built the way Flume's {@code bin/flume-ng} builds it: Flume's
 * {@code lib/*}, then every {@code plugins.d/<plugin>/lib/*}, then every {@code
 * plugins.d/<plugin>/libext/*}.
 *
 * <p>Flume's lib is the list of jars the build resolved for test-support's provided-scope
 * dependencies (see the module's pom.xml), stored as the resource {@value #RESOURCE}.
 */
final class FlumeClasspath {
  static final String RESOURCE = "flume-classpath.txt";

  private FlumeClasspath() {}

  /** The jars of Flume 1.11's lib directory, as resolved at build time. */
  static List<Path> flumeLib() {
    String text;
    try (InputStream in = FlumeClasspath.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource "
                + RESOURCE
                + " is missing next to "
                + FlumeClasspath.class.getName()
                + "; build test-support with Maven (generate-resources writes it)");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    List<Path> jars = parse(text);
    for (Path jar : jars) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            "Flume classpath entry "
                + jar
                + " does not exist; rebuild test-support so that Maven resolves it again");
      }
    }
    return jars;
  }

  /** Splits the build-classpath output (entries joined by the platform path separator). */
  static List<Path> parse(String text) {
    List<Path> jars = new ArrayList<>();
    for (String entry : text.trim().split(Pattern.quote(File.pathSeparator))) {
      String trimmed = entry.trim();
      if (!trimmed.isEmpty()) {
        jars.add(Paths.get(trimmed));
      }
    }
    if (jars.isEmpty()) {
      throw new IllegalStateException(RESOURCE + " lists no jars");
    }
    return jars;
  }

  /**
   * The jars of a {@code plugins.d} directory in flume-ng order: all plugins' {@code lib} jars
   * (plugins sorted by name), then all their {@code libext} jars.
   */
  static List<Path> plugins(Path pluginsDir) {
    List<Path> lib = new ArrayList<>();
    List<Path> libext = new ArrayList<>();
    for (Path plugin : sortedChildren(pluginsDir)) {
      if (Files.isDirectory(plugin)) {
        lib.addAll(jars(plugin.resolve("lib")));
        libext.addAll(jars(plugin.resolve("libext")));
      }
    }
    lib.addAll(libext);
    return lib;
  }

  /** The {@code native} directories of a {@code plugins.d} directory, for java.library.path. */
  static List<Path> nativeDirs(Path pluginsDir) {
    return sortedChildren(pluginsDir).stream()
        .map(plugin -> plugin.resolve("native"))
        .filter(Files::isDirectory)
        .collect(Collectors.toList());
  }

  static String join(List<Path> entries) {
    return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  private static List<Path> jars(Path dir) {
    return sortedChildren(dir).stream()
        .filter(Files::isRegularFile)
        .filter(file -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
        .collect(Collectors.toList());
  }

  private static List<Path> sortedChildren(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
