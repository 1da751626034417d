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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class FlumeAgentTest {
  private static final Path WORK = Paths.get("/tmp/never-created");
  private static final String CONFIG =
      "a1.sources = s1 s2\na1.channels = c\na1.sinks = k1\nother.sources = x\n";

  @Test
  void awaitsEverySourceChannelAndSinkOfTheNamedAgent() {
    assertEquals(
        List.of("SOURCE.s1", "SOURCE.s2", "CHANNEL.c", "SINK.k1"),
        AgentFiles.componentsOf("a1", CONFIG));
  }

  @Test
  void rejectsAConfigurationWrittenForAnotherAgentName() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> FlumeAgent.builder("a2").workDir(WORK).config(CONFIG).build());

    assertTrue(error.getMessage().contains("a2.sources"), error.getMessage());
  }

  @Test
  void acceptsPropertiesAsWellAsText() {
    Properties properties = new Properties();
    properties.setProperty("a1.channels", "mem");

    FlumeAgent agent = FlumeAgent.builder("a1").workDir(WORK).config(properties).build();

    assertEquals("a1", agent.name());
    assertEquals(WORK.resolve("logs/flume.log"), agent.logFile());
    assertEquals(
        List.of(WORK.resolve("logs/flume.log"), WORK.resolve("logs/console.log")),
        agent.logFiles());
  }

  @Test
  void runsHttpMetricsUnlessTheTestChoosesAMonitor() {
    FlumeAgent http = FlumeAgent.builder("a1").workDir(WORK).config(CONFIG).build();
    FlumeAgent graphite =
        FlumeAgent.builder("a1")
            .workDir(WORK)
            .config(CONFIG)
            .systemProperty(
                "flume.monitoring.type", "dev.sluice.flume.graphite.GraphiteMonitorService")
            .build();

    assertTrue(http.httpMetricsPort().isPresent());
    assertFalse(graphite.httpMetricsPort().isPresent());
    assertTrue(graphite.jmxPort() > 0);
    assertTrue(http.jmxPort() != graphite.jmxPort());
  }

  @Test
  void writesALog4jConfigurationWithTheLogFileAndLevels() {
    String xml =
        FlumeAgent.builder("a1")
            .workDir(Paths.get("/tmp/a&b"))
            .config(CONFIG)
            .logLevel("dev.sluice", "debug")
            .build()
            .log4jConfig();

    assertTrue(xml.contains("fileName=\"/tmp/a&amp;b/logs/flume.log\""), xml);
    assertTrue(xml.contains("<Logger name=\"dev.sluice\" level=\"DEBUG\"/>"), xml);
    assertTrue(xml.contains("<Root level=\"INFO\">"), xml);
  }

  @Test
  void checksEverySettingAtOnce() {
    assertThrows(IllegalArgumentException.class, () -> FlumeAgent.builder("a 1"));
    FlumeAgent.Builder builder = FlumeAgent.builder("a1");
    assertThrows(IllegalArgumentException.class, () -> builder.logLevel("x", "LOUD"));
    assertThrows(IllegalArgumentException.class, () -> builder.libext("a/b", Paths.get("x.jar")));
    assertThrows(IllegalArgumentException.class, () -> builder.systemProperty("", "v"));
    assertThrows(IllegalStateException.class, () -> builder.config(CONFIG).build());
    assertThrows(IllegalStateException.class, () -> FlumeAgent.builder("a1").workDir(WORK).build());
  }

  @Test
  void aNeverStartedAgentHasNoPidAndNothingToKill() {
    FlumeAgent agent = FlumeAgent.builder("a1").workDir(WORK).config(CONFIG).build();

    assertFalse(agent.isAlive());
    assertThrows(IllegalStateException.class, agent::pid);
    agent.kill();
    assertThrows(IllegalStateException.class, agent::metrics);
  }
}
