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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How a topology fills in its configurations; nothing is started. */
class FlumeTopologyTest {
  private static final String ROLE =
      "final.sources = in\n"
          + "final.channels = c\n"
          + "final.sources.in.type = avro\n"
          + "final.sources.in.port = ${PORT}\n"
          + "final.sources.in.channels = c\n"
          + "final.channels.c.type = memory\n"
          + "final.channels.c.dataDirs = ${AGENT_DIR}/data\n";

  private static final String CLIENT =
      "client.sources = in\n"
          + "client.sinks = k1 k2\n"
          + "client.sources.in.port = ${CLIENT_PORT}\n"
          + "client.sinks.k1.port = ${FINAL_1_PORT}\n"
          + "client.sinks.k2.port = ${FINAL_2_PORT}\n"
          + "client.sinks.k2.hostname = ${HOST}\n";

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void oneRoleFileServesSeveralAgentsWithTheirOwnPortsAndDirectories() {
    FlumeTopology net =
        FlumeTopology.builder(children)
            .agent("final-1", ROLE, Map.of("PORT", "${FINAL_1_PORT}"))
            .agent("final-2", ROLE, Map.of("PORT", "${FINAL_2_PORT}"))
            .nextWave()
            .agent("client", CLIENT, Map.of())
            .value("HOST", "127.0.0.1")
            .build();

    int final1 = net.port("FINAL_1_PORT");
    int final2 = net.port("FINAL_2_PORT");
    assertNotEquals(final1, final2);
    assertTrue(net.config("final-1").contains("final.sources.in.port = " + final1));
    assertTrue(net.config("final-2").contains("final.sources.in.port = " + final2));
    assertTrue(net.config("client").contains("client.sinks.k1.port = " + final1));
    assertTrue(net.config("client").contains("client.sinks.k2.port = " + final2));
    assertTrue(net.config("client").contains("client.sinks.k2.hostname = 127.0.0.1"));
    assertTrue(
        net.config("final-2").contains("dataDirs = " + net.dir("final-2").resolve("data")),
        net.config("final-2"));
    assertEquals("final", net.flumeName("final-1"));
    assertEquals("final", net.agent("final-2").name());
    assertEquals(List.of("final-1", "final-2", "client"), net.names());
    assertEquals(List.of(List.of("final-1", "final-2"), List.of("client")), net.waves());
    assertEquals(3, children.tracked().size());
  }

  @Test
  void aDirectoryGivesOneAgentPerFileNamedForTheFile(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("b-client.properties"), CLIENT, StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("a-final.properties"),
        ROLE.replace("${PORT}", "${FINAL_1_PORT}"),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("notes.txt"), "not an agent", StandardCharsets.UTF_8);

    FlumeTopology net =
        FlumeTopology.builder(children).agentsIn(dir).value("HOST", "localhost").build();

    assertEquals(List.of("a-final", "b-client"), net.names());
    assertEquals(List.of(List.of("a-final", "b-client")), net.waves());
    assertEquals("client", net.flumeName("b-client"));
    assertTrue(
        net.config("a-final").contains("port = " + net.port("FINAL_1_PORT")),
        net.config("a-final"));
  }

  @Test
  void aPlaceholderWithoutValueFailsNamingFileAndLine() {
    FlumeTopology.Builder builder =
        FlumeTopology.builder(children).agent("client", CLIENT, Map.of());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertTrue(e.getMessage().contains("the configuration of client"), e.getMessage());
    assertTrue(e.getMessage().contains("HOST (line 6)"), e.getMessage());
  }

  @Test
  void aFileDeclaringTwoAgentsIsRefused() {
    String two = ROLE + "other.sinks = k\n";
    FlumeTopology.Builder builder =
        FlumeTopology.builder(children).agent("x", two, Map.of("PORT", "1"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertTrue(e.getMessage().contains("declares [final, other]"), e.getMessage());
  }

  @Test
  void refusesTwoAgentsOfOneNameAndUnknownNames() {
    FlumeTopology.Builder builder =
        FlumeTopology.builder(children).agent("a", ROLE, Map.of("PORT", "1"));

    assertThrows(IllegalArgumentException.class, () -> builder.agent("a", ROLE, Map.of()));
    FlumeTopology net = builder.build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.kill("b"));
    assertTrue(e.getMessage().contains("has no agent b; it has [a]"), e.getMessage());
  }
}
