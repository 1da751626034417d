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
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Lays out Flume's {@code plugins.d}: unpacks plugin tarballs ({@code sluice-<module>/lib} and
 * {@code libext}), copies plugin directories, and drops extra jars (such as the proprietary
 * amps-client) into a plugin's {@code libext}.
 */
final class PluginsDirectory {
  private static final long TAR_TIMEOUT_SECONDS = 120;

  private PluginsDirectory() {}

  /** Replaces {@code pluginsDir} with the given plugins and extra libext jars. */
  static void layOut(Path pluginsDir, List<Path> plugins, Map<String, List<Path>> extraLibext) {
    try {
      deleteRecursively(pluginsDir);
      Files.createDirectories(pluginsDir);
      for (Path plugin : plugins) {
        add(pluginsDir, plugin);
      }
      for (Map.Entry<String, List<Path>> entry : extraLibext.entrySet()) {
        Path plugin = pluginsDir.resolve(entry.getKey());
        if (!Files.isDirectory(plugin)) {
          throw new IllegalArgumentException(
              "cannot add libext jars to plugin '"
                  + entry.getKey()
                  + "': plugins.d holds only "
                  + pluginNames(pluginsDir));
        }
        Path libext = Files.createDirectories(plugin.resolve("libext"));
        for (Path jar : entry.getValue()) {
          requireFile(jar, "extra libext jar");
          Files.copy(jar, libext.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lay out " + pluginsDir, e);
    }
  }

  private static void add(Path pluginsDir, Path plugin) throws IOException {
    String fileName = plugin.getFileName().toString().toLowerCase(Locale.ROOT);
    if (Files.isDirectory(plugin)) {
      if (!Files.isDirectory(plugin.resolve("lib"))
          && !Files.isDirectory(plugin.resolve("libext"))) {
        throw new IllegalArgumentException(
            "plugin directory " + plugin + " has neither lib/ nor libext/");
      }
      copyRecursively(plugin, pluginsDir.resolve(plugin.getFileName()));
    } else if (fileName.endsWith(".tar.gz") || fileName.endsWith(".tgz")) {
      requireFile(plugin, "plugin tarball");
      untar(plugin, pluginsDir);
    } else {
      requireFile(plugin, "plugin");
      throw new IllegalArgumentException(
          "plugin " + plugin + " is neither a .tar.gz tarball nor a directory");
    }
  }

  private static void untar(Path tarball, Path into) throws IOException {
    Path output = Files.createTempFile("tar-", ".out");
    try {
      Process tar =
          new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", into.toString())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!tar.waitFor(TAR_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        tar.destroyForcibly();
        throw new IllegalStateException("tar did not unpack " + tarball + " in time");
      }
      if (tar.exitValue() != 0) {
        throw new IllegalStateException(
            "tar could not unpack "
                + tarball
                + " (exit "
                + tar.exitValue()
                + "): "
                + new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while unpacking " + tarball, e);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static void requireFile(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          what
              + " "
              + file.toAbsolutePath()
              + " does not exist; a plugin module builds its tarball in the package phase"
              + " (run the integration test through ./mvnw verify)");
    }
  }

  private static String pluginNames(Path pluginsDir) throws IOException {
    try (Stream<Path> children = Files.list(pluginsDir)) {
      return children
          .map(path -> path.getFileName().toString())
          .sorted()
          .collect(Collectors.joining(", ", "[", "]"));
    }
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<Path>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.REPLACE_EXISTING);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<Path>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path visited, IOException e)
              throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(visited);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
