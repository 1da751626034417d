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

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HBaseServerArgsTest {
  private static final Path DIR = Paths.get("/tmp/hbase-data");

  @Test
  void argumentsParseBackToTheSameSettings() {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    tables.put("orders", List.of("d", "dlq"));
    tables.put("ns:events", List.of("e"));
    HBaseServerArgs args = new HBaseServerArgs(DIR, 2181, 16000, 16020, tables);

    HBaseServerArgs parsed = HBaseServerArgs.parse(args.toArgs().toArray(new String[0]));

    assertEquals(DIR, parsed.dataDir);
    assertEquals(2181, parsed.zookeeperPort);
    assertEquals(16000, parsed.masterPort);
    assertEquals(16020, parsed.regionServerPort);
    assertEquals(tables, parsed.tables);
    assertEquals(List.of("orders", "ns:events"), List.copyOf(parsed.tables.keySet()));
  }

  @Test
  void refusesATableWithoutFamiliesOrWithABadName() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> HBaseServerArgs.checkTable("orders", List.of()))
            .getMessage()
            .contains("at least one column family"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> HBaseServerArgs.checkTable("bad name", List.of("d")))
            .getMessage()
            .contains("bad name"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> HBaseServerArgs.checkTable("orders", List.of("d", "d")))
            .getMessage()
            .contains("twice"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> HBaseServerArgs.checkTable("orders", List.of("d:x")))
            .getMessage()
            .contains("d:x"));
  }

  @Test
  void refusesPortsOutsideTheTcpRangeAndUnknownOptions() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> new HBaseServerArgs(DIR, 0, 1, 2, Map.of()))
            .getMessage()
            .contains("zookeeper port must be in 1..65535, was 0"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> HBaseServerArgs.parse("--data-dir", "/x", "--zookeeper-port", "many"))
            .getMessage()
            .contains("--zookeeper-port must be a port number, was many"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> HBaseServerArgs.parse("--verbose"))
            .getMessage()
            .contains("unknown option --verbose"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> HBaseServerArgs.parse("--table", "t"))
            .getMessage()
            .contains("needs a value"));
  }

  @Test
  void theBuilderChecksEachSettingAtOnce() {
    HBaseServer.Builder builder = HBaseServer.builder().table("orders", "d");

    assertThrows(IllegalArgumentException.class, () -> builder.table("orders", "e"));
    assertThrows(IllegalArgumentException.class, () -> builder.table("events"));
    assertThrows(IllegalArgumentException.class, () -> builder.logLevel("org.apache", "LOUD"));
    assertThrows(
        IllegalArgumentException.class, () -> builder.readinessTimeout(java.time.Duration.ZERO));
    assertTrue(
        assertThrows(IllegalStateException.class, builder::build)
            .getMessage()
            .contains("workDir is required"));
  }

  @Test
  void theServerClasspathHoldsTheMiniClusterButNoFlumeJar() {
    List<Path> jars = HBaseServer.serverClasspath();

    assertTrue(
        jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("hbase-shaded-testing")),
        jars::toString);
    assertTrue(
        jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("flume-")),
        jars::toString);
    assertTrue(
        FlumeClasspath.flumeLib().stream()
            .noneMatch(j -> j.getFileName().toString().startsWith("hbase-")),
        "Flume's lib must not hold an HBase jar");
  }
}
