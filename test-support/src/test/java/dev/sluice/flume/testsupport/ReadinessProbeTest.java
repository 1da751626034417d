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

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessProbeTest {

  @Test
  void logLineMatchesOnlyWhatThisRunWrote(@TempDir Path dir) throws IOException {
    Path log = dir.resolve("server.log");
    append(log, "previous run: Server ready\n");
    ReadinessProbe.Check check = ReadinessProbe.logLine("Server ready").begin(log, Files.size(log));

    assertFalse(check.ready());
    append(log, "starting\n");
    assertFalse(check.ready());
    append(log, "Server rea");
    assertFalse(check.ready(), "half a line must not match");
    append(log, "dy on port 5\n");
    assertTrue(check.ready());
  }

  @Test
  void logLineWaitsForAFileThatDoesNotExistYet(@TempDir Path dir) throws IOException {
    ReadinessProbe.Check check = ReadinessProbe.logLine("up").begin(dir.resolve("absent.log"), 0);

    assertFalse(check.ready());
  }

  @Test
  void conditionAsksTheSupplier(@TempDir Path dir) throws IOException {
    AtomicBoolean up = new AtomicBoolean();
    ReadinessProbe probe = ReadinessProbe.condition("table exists", up::get);
    ReadinessProbe.Check check = probe.begin(dir.resolve("x.log"), 0);

    assertFalse(check.ready());
    up.set(true);
    assertTrue(check.ready());
    assertTrue(probe.toString().contains("table exists"));
  }

  private static void append(Path file, String text) throws IOException {
    Files.write(
        file,
        text.getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
