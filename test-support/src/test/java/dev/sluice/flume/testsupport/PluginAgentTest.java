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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginAgentTest {
  @TempDir Path tmp;

  private PluginAgent.Builder builder() {
    return PluginAgent.of(tmp.resolve("plugin"), "sluice-x");
  }

  @Test
  void propertiesKeepTheirOrderAsTheAgentsConfiguration() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("a1.sources", "r1");
    keys.put("a1.channels", "c1");
    keys.put("a1.sources.r1.channels", "c1");
    assertEquals(
        "a1.sources = r1\na1.channels = c1\na1.sources.r1.channels = c1\n",
        builder().properties(keys).text());
  }

  @Test
  void buildLaysOutTheWorkDirectoryAndKeepsTheSettings() {
    PluginAgent agent =
        builder()
            .name("agent-7")
            .config("agent-7.sources = r1\nagent-7.sources.r1.type = seq\n")
            .directories("out", "spool/in")
            .startupTimeout(Duration.ofSeconds(5))
            .build(tmp.resolve("work"));
    assertEquals("agent-7", agent.name());
    assertEquals(tmp.resolve("work").toAbsolutePath(), agent.workDir());
    assertTrue(Files.isDirectory(agent.path("out")));
    assertTrue(Files.isDirectory(agent.path("spool/in")));
    assertEquals("", agent.log(), "no log before the first start");
  }

  @Test
  void refusesWhatCannotWork() {
    assertThrows(IllegalStateException.class, () -> builder().build(tmp.resolve("w")));
    assertThrows(IllegalStateException.class, () -> builder().config("x").property("a", "b"));
    assertThrows(IllegalStateException.class, () -> builder().property("a", "b").config("x"));
    assertThrows(IllegalArgumentException.class, () -> builder().directories("../escape"));
    assertThrows(IllegalArgumentException.class, () -> builder().directories("/abs"));
    assertThrows(IllegalArgumentException.class, () -> builder().startupTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> PluginAgent.of(tmp, "a/b"));
  }

  @Test
  void ofThisModuleNeedsTheModulesTarball() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> PluginAgent.ofThisModule("test-support"));
    assertTrue(e.getMessage().contains("sluice-test-support-*-plugin.tar.gz"), e::getMessage);
  }
}
