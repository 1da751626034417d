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
package dev.sluice.flume.amps.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

/**
 * docs/amps-source.md documents exactly the keys the source reads: a key documented but never read,
 * or read but not documented, fails here. So do counters missing from the docs.
 */
class DocsKeyTableTest {
  private static final Path DOCS = Paths.get("..", "docs", "amps-source.md");
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([A-Za-z0-9]+)`");

  /** A Context that remembers every key read from it. */
  private static final class RecordingContext extends Context {
    final Set<String> read = new TreeSet<>();

    @Override
    public String getString(String key) {
      read.add(key);
      return super.getString(key);
    }
  }

  private static List<String> section(String heading) throws IOException {
    List<String> lines = Files.readAllLines(DOCS, StandardCharsets.UTF_8);
    int start = lines.indexOf(heading);
    assertTrue(start >= 0, "docs/amps-source.md has a section " + heading);
    List<String> out = new ArrayList<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ") || line.startsWith("### ")) {
        break;
      }
      out.add(line);
    }
    return out;
  }

  private static Set<String> firstColumn(List<String> lines) {
    Set<String> keys = new TreeSet<>();
    for (String line : lines) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        keys.add(m.group(1));
      }
    }
    return keys;
  }

  @Test
  void theKeyTableListsExactlyTheKeysTheConfigurationReads() throws IOException {
    RecordingContext context = new RecordingContext();
    context.put("clientName", "flume");
    context.put("uri", "tcp://127.0.0.1:9007/amps/json");
    context.put("topic", "orders");
    AmpsSourceConfig.parse("r1", context);

    Set<String> documented = firstColumn(section("## Configuration"));
    assertEquals(context.read, documented);
  }

  @Test
  void everyEventHeaderNameIsDocumented() throws IOException {
    assertEquals(
        new TreeSet<>(AmpsSourceConfig.EVENT_HEADER_NAMES),
        firstColumn(section("### Event headers")));
  }

  @Test
  void everyCounterAndGaugeIsDocumented() throws IOException {
    Set<String> documented = new TreeSet<>();
    for (String line : section("## Counters")) {
      Matcher m =
          Pattern.compile("`([A-Za-z]+)`")
              .matcher(line.split("\\|").length > 1 ? line.split("\\|")[1] : "");
      while (m.find()) {
        documented.add(m.group(1));
      }
    }
    Set<String> ours = new TreeSet<>(AmpsSourceCounters.COUNTERS);
    ours.addAll(AmpsSourceCounters.GAUGES);
    ours.addAll(AmpsSourceCounters.RECEIVE_COUNTS);
    ours.removeAll(documented);
    assertEquals(Set.of(), ours, "counters missing from the docs");
  }
}
