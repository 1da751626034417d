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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

  @Test
  void returnsTheLastLines(@TempDir Path dir) throws IOException {
    Path log = Files.write(dir.resolve("a.log"), "1\n2\n3\n4\n".getBytes(StandardCharsets.UTF_8));

    assertEquals(List.of("3", "4"), LogTail.lastLines(log, 2));
    assertEquals(List.of("1", "2", "3", "4"), LogTail.lastLines(log, 10));
  }

  @Test
  void saysWhyThereIsNothingToShow(@TempDir Path dir) throws IOException {
    Path empty = Files.write(dir.resolve("empty.log"), new byte[0]);

    assertTrue(LogTail.lastLines(dir.resolve("absent.log"), 5).get(0).contains("no log file"));
    assertTrue(LogTail.lastLines(empty, 5).get(0).contains("is empty"));
    assertTrue(LogTail.describe(empty, 5).startsWith("---- last 5 lines of " + empty));
  }

  @Test
  void shortensAHugeLineSuchAsAJavaCommandLine() {
    String classpath = "x".repeat(5000);

    String shown = LogTail.shorten("java -cp " + classpath);

    assertTrue(shown.length() < 1100, shown);
    assertTrue(shown.endsWith("(4009 more characters)"), shown);
    assertEquals("short", LogTail.shorten("short"));
  }
}
