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
package dev.sluice.flume.amps.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.util.SerializableFunction;
import dev.sluice.flume.common.config.ConfigProblem;
import dev.sluice.flume.common.config.ConfigReader;
import dev.sluice.flume.common.config.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

class AmpsClientSettingsTest {
  private static final List<DeprecatedKey> SOURCE_ALIASES =
      List.of(
          DeprecatedKey.millis("reconnectInitialDelayMillis", "reconnectInitialDelay"),
          DeprecatedKey.millis("reconnectMaxDelayMillis", "reconnectMaxDelay"),
          DeprecatedKey.seconds("heartbeatIntervalSeconds", "heartbeatInterval"));

  private final List<String> warnings = new ArrayList<>();

  private AmpsClientSettings read(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    m.put("clientName", "c");
    m.put("uri", "tcp://u:secret@h:9007/amps/json");
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    Context context = new Context(m);
    ConfigReader r = ConfigReader.forSource("r1", "amps-source", context);
    AmpsClientSettings s =
        AmpsClientSettings.read(r, context, "sluice-amps-source", SOURCE_ALIASES, warnings::add);
    r.finish(s.redactor);
    return s;
  }

  private ConfigProblem problem(String key, String... keyValues) {
    InvalidConfigurationException e =
        assertThrows(InvalidConfigurationException.class, () -> read(keyValues));
    for (ConfigProblem p : e.problems()) {
      if (p.key().equals(key)) {
        return p;
      }
    }
    throw new AssertionError("no problem about " + key + " in " + e.getMessage());
  }

  @Test
  void oneSetOfDefaults() {
    AmpsClientSettings s = read();
    assertEquals(100L, s.reconnectInitialDelay);
    assertEquals(5_000L, s.reconnectMaxDelay);
    assertEquals(10_000L, s.heartbeatInterval);
    assertEquals(10, s.heartbeatSeconds());
    assertNull(s.clientFactoryClass);
    assertTrue(s.builtInClient());
    assertEquals(List.of("tcp://u:***@h:9007/amps/json"), s.redactedUris());
    assertTrue(warnings.isEmpty(), warnings::toString);
  }

  @Test
  void oldNamesStillWorkWithOneWarningNamingTheNewKey() {
    AmpsClientSettings s =
        read(
            "reconnectInitialDelayMillis", "250",
            "reconnectMaxDelayMillis", "9000",
            "heartbeatIntervalSeconds", "3");
    assertEquals(250L, s.reconnectInitialDelay);
    assertEquals(9_000L, s.reconnectMaxDelay);
    assertEquals(3_000L, s.heartbeatInterval, "the old key's plain numbers are seconds");
    assertEquals(3, warnings.size(), warnings::toString);
    assertTrue(
        warnings.get(2).startsWith("source 'r1' (amps-source): heartbeatIntervalSeconds is"),
        warnings.get(2));
    assertTrue(warnings.get(2).contains("renamed to heartbeatInterval (in milliseconds)"));
  }

  @Test
  void bothNamesAtOnceIsAnError() {
    ConfigProblem p =
        problem(
            "reconnectMaxDelayMillis", "reconnectMaxDelayMillis", "1", "reconnectMaxDelay", "2");
    assertTrue(p.allowed().contains("renamed to reconnectMaxDelay"), p.allowed());
  }

  @Test
  void problemsNameTheKeyAsGiven() {
    assertTrue(
        problem("heartbeatInterval", "heartbeatInterval", "500")
            .allowed()
            .contains("at least 1000 ms"));
    assertTrue(
        problem("reconnectMaxDelayMillis", "reconnectMaxDelayMillis", "5")
            .allowed()
            .contains("at least reconnectInitialDelay (100 ms)"));
    assertTrue(
        problem("heartbeatIntervalSeconds", "heartbeatIntervalSeconds", "-1")
            .allowed()
            .contains("plain number is seconds"));
  }

  @Test
  void badUrisAreReportedWithoutTheirPassword() {
    ConfigProblem p = problem("uri", "uri", "http://u:secret@h:1/amps/json");
    assertTrue(p.allowed().contains("tcp or tcps"), p.allowed());
    assertFalse(p.value().contains("secret"), p.value());
    assertTrue(
        problem("uri2", "uri", "", "uri1", "tcp://h:1/amps/json", "uri2", "tcp://h:2/x")
            .allowed()
            .contains("/amps/<message type>"));
  }

  @Test
  void sixtyEastsFactoryNameSelectsTheBuiltInClient() {
    assertNull(
        read("clientFactoryClass", AmpsClientSettings.SIXTY_EAST_FACTORY).clientFactoryClass);
  }

  @Test
  void aMissingFactoryClassSaysWhereItsJarGoes() {
    ConfigProblem p = problem("clientFactoryClass", "clientFactoryClass", "com.example.Missing");
    assertTrue(p.allowed().contains("plugins.d/sluice-amps-source/libext"), p.allowed());
  }

  @Test
  void aFactoryClassMustBeAPublicConcreteFunction() {
    assertTrue(
        problem("clientFactoryClass", "clientFactoryClass", "java.lang.String")
            .allowed()
            .contains("does not implement"));
    assertTrue(
        problem("clientFactoryClass", "clientFactoryClass", NoDefaultConstructor.class.getName())
            .allowed()
            .contains("no public no-argument constructor"));
  }

  @Test
  void theMissingJarMessageNamesThePluginsLibext() {
    String m = AmpsClientSettings.missingClientJar("sluice-amps-sink");
    assertTrue(m.contains("libext/"), m);
    assertTrue(m.contains("<plugins.d>/sluice-amps-sink"), m);
  }

  @Test
  void aCustomFactoryGetsEveryKeyAndItsNullIsAnError() throws Exception {
    AmpsClientSettings s =
        read("clientFactoryClass", NullFactory.class.getName(), "myAuthToken", "t");
    Properties p = s.factoryProperties();
    assertEquals("t", p.getProperty("myAuthToken"));
    CustomClientFactory f = CustomClientFactory.create(s);
    CustomClientFactory.FactoryFailed e =
        assertThrows(CustomClientFactory.FactoryFailed.class, () -> f.newClient(s));
    assertTrue(e.getMessage().contains("returned no client"), e.getMessage());
    assertEquals("t", NullFactory.lastToken);
  }

  /** A factory that records what it was given and returns no client. */
  public static final class NullFactory implements SerializableFunction<Properties, Client> {
    private static final long serialVersionUID = 1L;
    static volatile String lastToken;

    @Override
    public Client apply(Properties p) {
      lastToken = p.getProperty("myAuthToken");
      return null;
    }
  }

  /** Has no public no-argument constructor. */
  public static final class NoDefaultConstructor
      implements SerializableFunction<Properties, Client> {
    private static final long serialVersionUID = 1L;

    public NoDefaultConstructor(String unused) {}

    @Override
    public Client apply(Properties p) {
      return null;
    }
  }
}
