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
package dev.sluice.flume.amps.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The server is our own Apache-2.0 code: only the command-line tools may use the AMPS client. */
class ServerIndependenceTest {
  @Test
  void onlyTheCliPackageReferencesTheAmpsClient() throws IOException {
    Path main = Paths.get("src/main/java/dev/sluice/flume/amps/testkit");
    try (Stream<Path> files = Files.walk(main)) {
      List<Path> offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.startsWith(main.resolve("cli")))
              .filter(
                  p -> {
                    try {
                      return Files.readString(p).contains("com.crankuptheamps");
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .collect(Collectors.toList());
      assertEquals(List.of(), offenders);
    }
  }
}
