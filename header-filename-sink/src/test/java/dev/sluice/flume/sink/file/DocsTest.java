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
package dev.sluice.flume.sink.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

/** docs/header-filename-sink.md documents exactly the keys, reasons and counters the code has. */
class DocsTest {
  private static final Path DOCS = Paths.get("..", "docs", "header-filename-sink.md");
  private static final Pattern FIRST_CELL = Pattern.compile("^\\|\\s*([^|]+)\\|");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  /** A Context that remembers every key and prefix read from it. */
  private static final class RecordingContext extends Context {
    final Set<String> read = new TreeSet<>();

    RecordingContext(Map<String, String> params) {
      super(params);
    }

    @Override
    public String getString(String key) {
      read.add(key);
      return super.getString(key);
    }

    @Override
    public Map<String, String> getSubProperties(String prefix) {
      read.add(prefix + "*");
      return super.getSubProperties(prefix);
    }
  }

  private static List<String> section(String heading) throws IOException {
    List<String> lines = Files.readAllLines(DOCS, StandardCharsets.UTF_8);
    int start = lines.indexOf(heading);
    assertTrue(start >= 0, DOCS + " has a section " + heading);
    List<String> out = new ArrayList<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      out.add(line);
    }
    return out;
  }

  /** Every `code` name in the first cell of each table row of a section. */
  private static Set<String> firstCells(String heading) throws IOException {
    Set<String> names = new TreeSet<>();
    for (String line : section(heading)) {
      Matcher row = FIRST_CELL.matcher(line);
      if (row.find()) {
        Matcher code = CODE.matcher(row.group(1));
        while (code.find()) {
          names.add(code.group(1));
        }
      }
    }
    return names;
  }

  @Test
  void theKeyTableListsExactlyTheKeysTheConfigurationReads() throws IOException {
    // A template, so the template keys are read as they would be in use.
    RecordingContext context =
        new RecordingContext(
            Map.of(
                "sink.directory", "/d", "sink.pathTemplate", "%{file}", "sink.serializer.x", "y"));
    HeaderFilenameSinkConfig.parse("k1", context);
    RecordingContext plain = new RecordingContext(Map.of("sink.directory", "/d"));
    HeaderFilenameSinkConfig.parse("k1", plain);
    context.read.addAll(plain.read);
    assertEquals(context.read, firstCells("## Configuration"));
  }

  @Test
  void everyRefusalReasonIsDocumented() throws IOException {
    Set<String> labels = new TreeSet<>();
    for (RefusalReason r : RefusalReason.values()) {
      labels.add(r.label());
    }
    assertEquals(labels, firstCells("## Path rules"));
  }

  @Test
  void theCounterTableListsExactlyTheSinksOwnCounters() throws IOException {
    Set<String> ours = new TreeSet<>(FileSinkCounters.monotonicNames());
    ours.add(FileSinkCounters.OPEN_FILES);
    assertEquals(ours, firstCells("## Counters"));
  }
}
