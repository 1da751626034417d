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
package dev.sluice.flume.amps.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

/** docs/amps-sink.md documents exactly the keys the sink reads and the counters it keeps. */
class DocsTest {
  private static final Pattern FIRST_CELL = Pattern.compile("^\\|\\s*`([A-Za-z0-9]+)`");

  private static String docs() throws IOException {
    Path p = Paths.get(System.getProperty("user.dir")).resolve("../docs/amps-sink.md").normalize();
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  /** The names in the first column of the table under a {@code ## heading}. */
  private static Set<String> tableNames(String docs, String heading) {
    int start = docs.indexOf("\n## " + heading + "\n");
    assertTrue(start >= 0, "no section ## " + heading);
    int end = docs.indexOf("\n## ", start + 4);
    Set<String> names = new TreeSet<>();
    for (String line : docs.substring(start, end < 0 ? docs.length() : end).split("\n")) {
      Matcher m = FIRST_CELL.matcher(line);
      if (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** A context that records every key the configuration reads. */
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
  }

  @Test
  void theKeyTableListsExactlyTheKeysTheSinkReads() throws IOException {
    Map<String, String> params = new HashMap<>();
    params.put("clientName", "c");
    params.put("uri", "tcp://h:1/amps/json");
    RecordingContext ctx = new RecordingContext(params);
    AmpsSinkConfig.parse("k1", ctx);
    Set<String> documented = tableNames(docs(), "Keys");
    assertEquals(ctx.read, documented, "documented keys vs keys read");
    assertTrue(documented.size() > 25, documented::toString);
  }

  @Test
  void theCounterTableListsExactlyTheSinksOwnCounters() throws IOException {
    Set<String> expected = new TreeSet<>(AmpsSinkCounters.COUNTERS);
    expected.addAll(AmpsSinkCounters.GAUGES);
    assertEquals(expected, tableNames(docs(), "Counters"));
  }

  @Test
  void everyCounterTheSinkDeclaresCanBeRead() {
    AmpsSinkCounters counters = new AmpsSinkCounters("k1");
    for (String name : List.copyOf(tableNamesUnchecked())) {
      assertEquals(0L, counters.get(name), name);
    }
  }

  private static Set<String> tableNamesUnchecked() {
    try {
      return tableNames(docs(), "Counters");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
