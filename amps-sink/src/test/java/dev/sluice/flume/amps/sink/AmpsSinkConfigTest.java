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

import static dev.sluice.flume.amps.sink.Configs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.util.SerializableFunction;
import dev.sluice.flume.amps.sink.AmpsSinkConfig.LoopPolicy;
import dev.sluice.flume.amps.sink.AmpsSinkConfig.PublishCommand;
import dev.sluice.flume.amps.sink.AmpsSinkConfig.StoreType;
import dev.sluice.flume.amps.sink.AmpsSinkConfig.UnpublishablePolicy;
import dev.sluice.flume.common.config.ConfigProblem;
import dev.sluice.flume.common.config.InvalidConfigurationException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmpsSinkConfigTest {

  @Test
  void keepsSixtyEastDefaultsExceptTheTwoDocumentedOnes() {
    AmpsSinkConfig c = config("topic", "orders");
    assertEquals(1000, c.maxBatch);
    assertTrue(c.useTopicHeader);
    assertEquals(0L, c.publishFlushTimeout, "0: wait for the whole batch, no limit of its own");
    assertEquals(StoreType.NONE, c.pubStoreType);
    assertEquals(1000, c.pubStoreInitialCap);
    assertNull(c.client.clientFactoryClass, "the built-in client builder");
    // The documented exceptions: safe where 60East's defaults lose data or log bodies.
    assertTrue(c.rollbackOnError, "60East: false");
    assertFalse(c.logMsgOnWriteError, "60East: true");
    // Sluice's own keys
    assertEquals("topic", c.topicHeader);
    assertEquals(PublishCommand.PUBLISH, c.command);
    assertNull(c.commandHeader);
    assertNull(c.sowKeyHeader);
    assertNull(c.correlationIdHeader);
    assertNull(c.expirationHeader);
    assertEquals(UnpublishablePolicy.DROP, c.unpublishablePolicy);
    assertEquals(LoopPolicy.DROP, c.republishLoopPolicy);
    assertEquals(30_000L, c.reconnectTimeout);
    assertEquals(10_000L, c.client.heartbeatInterval);
  }

  @Test
  void acceptsSixtyEastsExampleSinkConfigurationUnchanged() {
    // From 60East's src/test/resources/flume-conf.properties, with only 'type' changed.
    AmpsSinkConfig c =
        AmpsSinkConfig.parse(
            "ampsSink",
            Configs.exactly(
                "clientFactoryClass", "com.crankuptheamps.flume.AMPSBasicClientFunction",
                "type", AmpsSink.class.getName(),
                "clientName", "FlumeSink",
                "pubStoreType", "memory",
                "pubStoreInitialCap", "100",
                "pubStorePath", "./FlumeSink.PubStore",
                "uri1", "tcp://127.0.0.1:9007/amps/json",
                "uri2", "tcp://127.0.0.1:9007/amps/json",
                "topic", "AMPSFlumeSinkTest",
                "maxBatch", "100",
                "useTopicHeader", "false",
                "channel", "mem2",
                "strictConfig", "true"));
    assertNull(c.client.clientFactoryClass, "60East's factory is served by the built-in builder");
    assertEquals(
        List.of("tcp://127.0.0.1:9007/amps/json", "tcp://127.0.0.1:9007/amps/json"), c.uris);
    assertEquals(StoreType.MEMORY, c.pubStoreType);
    assertEquals(100, c.pubStoreInitialCap);
    assertNull(c.pubStorePath, "only used by a file store");
    assertEquals("AMPSFlumeSinkTest", c.topic);
    assertEquals(100, c.maxBatch);
    assertFalse(c.useTopicHeader);
  }

  @Test
  void topicIsOptionalOnlyWhileTheTopicHeaderIsUsed() {
    assertNull(config().topic);
    InvalidConfigurationException e =
        assertThrows(InvalidConfigurationException.class, () -> config("useTopicHeader", "false"));
    assertProblem(e, "topic", null, "required");
  }

  @ParameterizedTest(name = "{0} = ''{1}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "maxBatch|0|must be an integer from 1 to 1000000",
        "maxBatch|ten|must be an integer from 1 to 1000000",
        "useTopicHeader|ture|must be true or false",
        "rollbackOnError|yes|must be true or false",
        "logMsgOnWriteError|1|must be true or false",
        "publishFlushTimeout|-2|must be an integer from -1 to 86400000",
        "publishFlushTimeout|5s|must be an integer from -1 to 86400000",
        "pubStoreType|disk|must be one of memory, file, none",
        "pubStoreInitialCap|0|must be an integer from 1 to 10000000",
        "command|publsh|must be one of publish, delta_publish, sow_delete",
        "unpublishablePolicy|retry|must be one of drop, deadLetter",
        "republishLoopPolicy|warn|must be one of drop, publish",
        "reconnectTimeout|10|must be a duration from 100 to 86400000 milliseconds",
        "reconnectInitialDelay|soon|must be a duration from 1 to 3600000 milliseconds",
        "heartbeatInterval|500|must be 0 (off) or at least 1000 ms",
        "stopTimeout|-1|must be a duration from 0 to 3600000 milliseconds",
        "uri|http://host:9007/amps/json|the scheme must be tcp or tcps",
        "uri|tcp://host/amps/json|a port from 1 to 65535 is needed",
        "uri|tcp://host:9007/json|the path must be /amps/<message type>",
        "uri|tcp://:9007/amps/json|a host is needed",
        "clientFactoryClass|com.example.NoSuchFactory|class not found",
        "clientFactoryClass|java.lang.String|implementing com.crankuptheamps.client.util"
            + ".SerializableFunction",
      })
  void reportsEachBadValueWithKeyValueAndWhatIsAllowed(String key, String value, String allowed) {
    InvalidConfigurationException e =
        assertThrows(InvalidConfigurationException.class, () -> config(key, value));
    assertProblem(e, key, value, allowed);
    assertTrue(
        e.getMessage().startsWith("Invalid configuration for sink 'k1' (amps-sink):"),
        e::getMessage);
  }

  @Test
  void reportsMissingRequiredKeys() {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> AmpsSinkConfig.parse("k1", Configs.exactly("topic", "t")));
    assertProblem(e, "clientName", null, "required");
    assertProblem(e, "uri", null, "required as uri or uri1..uriN");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> config("maxBatch", "0", "pubStoreType", "disk", "useTopicHeader", "maybe"));
    assertEquals(3, e.problems().size(), e::getMessage);
  }

  @Test
  void refusesCombinationsThatCannotWork() {
    assertProblem(
        assertThrows(InvalidConfigurationException.class, () -> config("pubStoreType", "file")),
        "pubStorePath",
        null,
        "required when pubStoreType = file");
    assertProblem(
        assertThrows(
            InvalidConfigurationException.class,
            () -> config("pubStoreType", "memory", "publishFlushTimeout", "-1")),
        "publishFlushTimeout",
        "-1",
        "only safe with a durable publish store");
    assertProblem(
        assertThrows(
            InvalidConfigurationException.class, () -> config("unpublishablePolicy", "deadLetter")),
        "deadLetterTopic",
        null,
        "required when unpublishablePolicy = deadLetter");
    assertProblem(
        assertThrows(InvalidConfigurationException.class, () -> config("deadLetterTopic", "dead")),
        "deadLetterTopic",
        "dead",
        "only used with unpublishablePolicy = deadLetter");
    assertProblem(
        assertThrows(
            InvalidConfigurationException.class,
            () -> config("reconnectInitialDelay", "2000", "reconnectMaxDelay", "1000")),
        "reconnectMaxDelay",
        "1000",
        "must be at least reconnectInitialDelay (2000 ms)");
    assertProblem(
        assertThrows(
            InvalidConfigurationException.class,
            () ->
                config("uri", null, "uri1", "tcp://a:1/amps/json", "uri3", "tcp://b:1/amps/json")),
        "uri2",
        null,
        "no gaps");
  }

  @Test
  void acceptsNoFlushWithAFileStore() {
    AmpsSinkConfig c =
        config("pubStoreType", "file", "pubStorePath", "/tmp/x.store", "publishFlushTimeout", "-1");
    assertFalse(c.flushEnabled());
    assertEquals("/tmp/x.store", c.pubStorePath);
  }

  @Test
  void suggestsTheKeyMeantForATypoUnderStrictConfig() {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> config("strictConfig", "true", "pubStoreTyp", "memory"));
    assertProblem(e, "pubStoreTyp", "memory", "did you mean 'pubStoreType'?");
  }

  @Test
  void neverShowsAPasswordInAConfigurationError() {
    String secret = "s3cr3t-Pa55";
    InvalidConfigurationException bad =
        assertThrows(
            InvalidConfigurationException.class,
            () -> config("uri", "tcp://alice:" + secret + "@host:9007/json"));
    assertFalse(bad.getMessage().contains(secret), bad::getMessage);
    assertTrue(bad.getMessage().contains("tcp://alice:***@host:9007/json"), bad::getMessage);

    InvalidConfigurationException both =
        assertThrows(
            InvalidConfigurationException.class,
            () ->
                config(
                    "uri", "tcp://alice:" + secret + "@host:9007/amps/json",
                    "uri1", "tcp://bob:" + secret + "x@host:9008/amps/json"));
    assertFalse(both.getMessage().contains(secret), both::getMessage);
    assertTrue(both.getMessage().contains("not both"), both::getMessage);
  }

  @Test
  void loadsACustomClientFactoryAndPassesItEveryKey() {
    AmpsSinkConfig c =
        config("clientFactoryClass", TestFactory.class.getName(), "anyKey", "anyValue");
    assertEquals(TestFactory.class.getName(), c.client.clientFactoryClass);
    Properties p = c.client.factoryProperties();
    assertEquals("anyValue", p.getProperty("anyKey"));
    assertEquals("flume-k1", p.getProperty("clientName"));
  }

  @Test
  void allowsNoFlushWithACustomFactoryUntilStartShowsItsStore() {
    AmpsSinkConfig c =
        config("clientFactoryClass", TestFactory.class.getName(), "publishFlushTimeout", "-1");
    assertFalse(c.flushEnabled());
  }

  @Test
  void readsDurationsWithUnits() {
    AmpsSinkConfig c =
        config("reconnectTimeout", "2m", "heartbeatInterval", "0", "stopTimeout", "5s");
    assertEquals(120_000L, c.reconnectTimeout);
    assertEquals(0L, c.client.heartbeatInterval);
    assertEquals(5_000L, c.stopTimeout);
  }

  /** A factory a user might configure. */
  public static final class TestFactory implements SerializableFunction<Properties, Client> {
    private static final long serialVersionUID = 1L;

    @Override
    public Client apply(Properties p) {
      return new Client(p.getProperty("clientName"));
    }
  }

  static void assertProblem(
      InvalidConfigurationException e, String key, String value, String allowedContains) {
    for (ConfigProblem p : e.problems()) {
      if (p.key().equals(key)
          && (value == null ? p.value() == null : value.equals(p.value()))
          && p.allowed().contains(allowedContains)) {
        return;
      }
    }
    throw new AssertionError(
        "no problem for "
            + key
            + " = "
            + value
            + " containing '"
            + allowedContains
            + "' in:\n"
            + e.getMessage());
  }
}
