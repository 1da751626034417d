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
package dev.sluice.flume.monitor.graphite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

/** The key table of docs/graphite-monitor.md against the keys the configuration reads. */
class DocumentedKeysTest {
  private static final Path DOC = Paths.get("..", "docs", "graphite-monitor.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z]+)` \\|");

  /** A context that remembers every key asked for. */
  private static final class RecordingContext extends Context {
    final Set<String> asked = new TreeSet<>();

    RecordingContext(Map<String, String> parameters) {
      super(parameters);
    }

    @Override
    public String getString(String key) {
      asked.add(key);
      return super.getString(key);
    }

    @Override
    public String getString(String key, String defaultValue) {
      asked.add(key);
      return super.getString(key, defaultValue);
    }
  }

  private static Set<String> documentedKeys() throws Exception {
    Set<String> keys = new TreeSet<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
      if (line.startsWith("## ")) {
        inTable = line.equals("## Keys");
        continue;
      }
      Matcher m = ROW.matcher(line);
      if (inTable && m.find()) {
        keys.add(m.group(1));
      }
    }
    return keys;
  }

  @Test
  void everyKeyReadIsDocumentedAndEveryDocumentedKeyIsRead() throws Exception {
    RecordingContext context = new RecordingContext(Map.of("host", "graphite"));
    GraphiteMonitorConfig.parse(context, TestEnvironment.standard());

    Set<String> read = new TreeSet<>(context.asked);
    Set<String> documented = documentedKeys();
    assertTrue(documented.remove("type"), "the table documents type, which Flume reads");
    assertEquals(read, documented, "keys in " + DOC + " versus keys the monitor reads");
  }

  @Test
  void numberedDestinationKeysAreTheDocumentedOnesWithAnIndex() throws Exception {
    RecordingContext context =
        new RecordingContext(Map.of("host1", "g1", "host2", "g2", "strictConfig", "true"));
    GraphiteMonitorConfig.parse(context, TestEnvironment.standard());
    Set<String> documented = documentedKeys();
    for (String key : context.asked) {
      String base = key.replaceAll("[1-9][0-9]*$", "");
      assertTrue(documented.contains(base), key + " is read but " + base + " is not documented");
    }
    assertTrue(context.asked.contains("port2") && context.asked.contains("protocol2"));
  }
}
