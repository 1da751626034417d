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

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlumeClasspathTest {

  @Test
  void flumeLibHoldsTheAgentLoggingAndFileChannelButNoTestJars() {
    List<String> jars =
        FlumeClasspath.flumeLib().stream()
            .map(jar -> jar.getFileName().toString())
            .collect(Collectors.toList());

    for (String expected :
        List.of(
            "flume-ng-node-1.11.0.jar",
            "flume-ng-core-1.11.0.jar",
            "flume-ng-sdk-1.11.0.jar",
            "flume-ng-configuration-1.11.0.jar",
            "flume-file-channel-1.11.0.jar",
            "log4j-core-2.18.0.jar",
            "log4j-api-2.18.0.jar",
            "log4j-slf4j-impl-2.18.0.jar",
            "log4j-1.2-api-2.18.0.jar",
            "slf4j-api-1.7.32.jar",
            "guava-18.0.jar")) {
      assertTrue(jars.contains(expected), expected + " missing from " + jars);
    }
    for (String jar : jars) {
      assertTrue(
          !jar.startsWith("junit")
              && !jar.startsWith("opentest4j")
              && !jar.startsWith("awaitility"),
          "test jar on the agent classpath: " + jar);
    }
  }

  @Test
  void parsesThePathSeparatedList() {
    String text = "/a/x.jar" + File.pathSeparator + " /b/y.jar " + File.pathSeparator + "\n";

    assertEquals(List.of(Paths.get("/a/x.jar"), Paths.get("/b/y.jar")), FlumeClasspath.parse(text));
    assertThrows(IllegalStateException.class, () -> FlumeClasspath.parse("  \n"));
  }

  @Test
  void pluginJarsFollowFlumeNgOrderLibsBeforeLibexts(@TempDir Path pluginsDir) throws IOException {
    Path bLib = touch(pluginsDir.resolve("sluice-b/lib/b.jar"));
    Path bExt = touch(pluginsDir.resolve("sluice-b/libext/dep.jar"));
    Path aLib = touch(pluginsDir.resolve("sluice-a/lib/a.jar"));
    Path aExt2 = touch(pluginsDir.resolve("sluice-a/libext/z.jar"));
    Path aExt1 = touch(pluginsDir.resolve("sluice-a/libext/amps-client.JAR"));
    touch(pluginsDir.resolve("sluice-a/libext/README.txt"));
    touch(pluginsDir.resolve("stray-file.jar"));

    assertEquals(List.of(aLib, bLib, aExt1, aExt2, bExt), FlumeClasspath.plugins(pluginsDir));
  }

  @Test
  void findsNativeDirectories(@TempDir Path pluginsDir) throws IOException {
    touch(pluginsDir.resolve("sluice-a/lib/a.jar"));
    Path nativeDir = Files.createDirectories(pluginsDir.resolve("sluice-b/native"));

    assertEquals(List.of(nativeDir), FlumeClasspath.nativeDirs(pluginsDir));
    assertEquals(List.of(), FlumeClasspath.plugins(pluginsDir.resolve("absent")));
  }

  private static Path touch(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, new byte[0]);
  }
}
