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

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** KafkaBroker's settings and the separation of the broker's jars from Flume's. */
class KafkaBrokerTest {
  @Test
  void settingsMakeOneLoopbackKraftNodeWithItsOwnControllerPort() {
    Map<String, String> settings =
        KafkaBroker.serverSettings(Paths.get("/tmp/k/data"), 19092, 19093);

    assertEquals("broker,controller", settings.get("process.roles"));
    assertEquals(
        "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093", settings.get("listeners"));
    assertEquals("PLAINTEXT://127.0.0.1:19092", settings.get("advertised.listeners"));
    assertEquals("127.0.0.1:19093", settings.get("controller.quorum.bootstrap.servers"));
    assertEquals("/tmp/k/data", settings.get("log.dirs"));
    assertEquals("0", settings.get("group.initial.rebalance.delay.ms"));
    assertTrue(KafkaBroker.propertiesText(settings).contains("\nnode.id=1\n"));
  }

  @Test
  void clusterIdsAreKafkasBase64UuidsThatDoNotStartWithADash() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 200; i++) {
      String id = KafkaBroker.randomClusterId(random);
      assertTrue(id.matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}"), id);
    }
  }

  @Test
  void builderRefusesSettingsThatKafkaBrokerOwnsAndBadHeaps() {
    KafkaBroker.Builder builder = KafkaBroker.builder();
    assertThrows(IllegalArgumentException.class, () -> builder.property("log.dirs", "/x"));
    assertThrows(IllegalArgumentException.class, () -> builder.property("listeners", "x"));
    assertThrows(IllegalArgumentException.class, () -> builder.property("Bad Key", "x"));
    assertThrows(IllegalArgumentException.class, () -> builder.heap("lots"));
    assertThrows(IllegalStateException.class, builder::build);
    builder.property("num.partitions", "3").heap("128m");
  }

  @Test
  void brokerJarsAreTheirOwnAndNeverOnFlumesLibOrTheTestClasspath() {
    List<String> broker = names(KafkaBroker.brokerClasspath());
    String version = KafkaBroker.version();
    assertTrue(broker.contains("kafka_2.13-" + version + ".jar"), broker::toString);
    assertTrue(broker.contains("kafka-clients-" + version + ".jar"), broker::toString);
    assertTrue(broker.contains("kafka-server-" + version + ".jar"), broker::toString);
    assertTrue(broker.contains("log4j-slf4j2-impl-2.24.3.jar"), broker::toString);

    List<String> flume = names(FlumeClasspath.flumeLib());
    assertTrue(flume.contains("kafka-clients-2.7.2.jar"), flume::toString);
    assertTrue(flume.contains("flume-kafka-source-1.11.0.jar"), flume::toString);
    assertTrue(flume.contains("flume-ng-kafka-sink-1.11.0.jar"), flume::toString);
    assertTrue(flume.contains("flume-kafka-channel-1.11.0.jar"), flume::toString);
    assertFalse(
        flume.stream()
            .anyMatch(name -> name.startsWith("kafka") && name.endsWith(version + ".jar")),
        flume::toString);

    List<String> test =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(entry -> Paths.get(entry).getFileName().toString())
            .collect(Collectors.toList());
    assertFalse(test.contains("kafka_2.13-" + version + ".jar"), test::toString);
    assertFalse(test.contains("kafka-server-" + version + ".jar"), test::toString);
  }

  private static List<String> names(List<Path> jars) {
    return jars.stream().map(jar -> jar.getFileName().toString()).collect(Collectors.toList());
  }
}
