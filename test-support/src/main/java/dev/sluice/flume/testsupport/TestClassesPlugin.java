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
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A plugins.d directory whose {@code lib/} holds one jar made of test classes (a test sink or
 * factory the agent loads like any plugin), for {@link PluginAgent.Builder#plugin}.
 */
public final class TestClassesPlugin {
  private TestClassesPlugin() {}

  /** Writes {@code dir/lib/test-classes.jar} holding {@code classes}; returns {@code dir}. */
  public static Path write(Path dir, Class<?>... classes) {
    Path lib = dir.resolve("lib");
    try {
      Files.createDirectories(lib);
      try (OutputStream out = Files.newOutputStream(lib.resolve("test-classes.jar"));
          JarOutputStream jar = new JarOutputStream(out)) {
        for (Class<?> c : classes) {
          String name = c.getName().replace('.', '/') + ".class";
          jar.putNextEntry(new JarEntry(name));
          try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
              throw new IllegalArgumentException("no class file for " + c.getName());
            }
            in.transferTo(jar);
          }
          jar.closeEntry();
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the test plugin in " + dir, e);
    }
  }
}
