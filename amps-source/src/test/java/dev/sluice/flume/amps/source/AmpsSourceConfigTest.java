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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.common.config.ConfigProblem;
import dev.sluice.flume.common.config.InvalidConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmpsSourceConfigTest {

  private static Context minimal(String... kv) {
    Context c = new Context();
    c.put("type", "dev.sluice.flume.amps.source.AmpsSource");
    c.put("channels", "c1");
    c.put("clientName", "flume");
    c.put("uri", "tcp://127.0.0.1:9007/amps/json");
    c.put("topic", "orders");
    for (int i = 0; i < kv.length; i += 2) {
      c.put(kv[i], kv[i + 1]);
    }
    return c;
  }

  private static InvalidConfigurationException invalid(Context c) {
    return assertThrows(InvalidConfigurationException.class, () -> AmpsSourceConfig.parse("r1", c));
  }

  private static ConfigProblem problem(InvalidConfigurationException e, String key) {
    return e.problems().stream()
        .filter(p -> p.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no problem with " + key + " in " + e.getMessage()));
  }

  @Test
  void defaultsAreSixtyEastsDefaults() {
    AmpsSourceConfig c = AmpsSourceConfig.parse("r1", minimal());

    assertNull(c.clientFactoryClass, "built-in HAClient factory");
    assertEquals("subscribe", c.command);
    assertEquals(10, c.maxBuffers);
    assertEquals(1000, c.maxBatch);
    assertEquals(300_000L, c.pruneTimeThresholdMillis);
    assertEquals(1 | 8 | 64 | 32768, c.cmdTypeFilter, "publish, sow, delta_publish, oof");
    assertEquals(List.of(), c.eventHeaders);
    assertFalse(c.bookmarkSubscription());
    assertNull(c.filter);
    assertNull(c.options);
    assertNull(c.subscriptionId);
    assertEquals(List.of("tcp://127.0.0.1:9007/amps/json"), c.uris);
    assertEquals(1000L, c.batchDurationMillis);
    assertEquals(100L, c.reconnectInitialDelay);
    assertEquals(5_000L, c.reconnectMaxDelay);
    assertEquals(10_000L, c.client.heartbeatInterval);
  }

  @Test
  void theSeedExampleConfigurationParsesAsFlumeReadsIt() throws IOException {
    String seed =
        String.join(
            "\n",
            "agent.sources.amps.type = dev.sluice.flume.amps.source.AmpsSource",
            "agent.sources.amps.clientFactoryClass ="
                + " com.crankuptheamps.flume.AMPSBasicClientFunction",
            "agent.sources.amps.clientName = FlumeClient",
            "agent.sources.amps.bookmarkLog =",
            "agent.sources.amps.uri1 = tcp://server1:9007/amps/json",
            "agent.sources.amps.uri2 = tcp://server2:9007/amps/json",
            "agent.sources.amps.command = sow_and_subscribe",
            "agent.sources.amps.topic = Orders",
            "agent.sources.amps.filter = /symbol IN ('IBM', 'MSFT')",
            "agent.sources.amps.options = projection=[/symbol,avg(/price) as /avg_price,\\",
            "    avg(/price*/qty) as /avg_total],grouping=[/symbol],conflation=1s",
            "agent.sources.amps.subscriptionId = Sub-100",
            "agent.sources.amps.maxBuffers = 10",
            "agent.sources.amps.maxBatch = 1000",
            "agent.sources.amps.pruneTimeThreshold = 300000");
    Properties p = new Properties();
    p.load(new StringReader(seed));
    Context context = new Context();
    for (String name : p.stringPropertyNames()) {
      context.put(name.substring("agent.sources.amps.".length()), p.getProperty(name));
    }

    AmpsSourceConfig c = AmpsSourceConfig.parse("amps", context);

    assertNull(c.clientFactoryClass, "60East's default factory name selects the built-in one");
    assertFalse(c.bookmarkSubscription(), "an empty bookmarkLog is no bookmark log");
    assertEquals(List.of("tcp://server1:9007/amps/json", "tcp://server2:9007/amps/json"), c.uris);
    assertEquals("sow_and_subscribe", c.command);
    assertEquals("Orders", c.topic);
    assertEquals("/symbol IN ('IBM', 'MSFT')", c.filter);
    assertEquals(
        "projection=[/symbol,avg(/price) as /avg_price,avg(/price*/qty) as /avg_total],"
            + "grouping=[/symbol],conflation=1s",
        c.options,
        "passed through exactly as Flume's properties loader joins the lines");
    assertEquals("Sub-100", c.subscriptionId);
  }

  @Test
  void everyProblemIsReportedAtOnceNamingKeyValueAndWhatIsAllowed() {
    Context c = minimal("maxBatch", "0", "maxBuffers", "ten", "command", "publish");
    c.put("topic", "");
    InvalidConfigurationException e = invalid(c);

    assertEquals(4, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().startsWith("Invalid configuration for source 'r1' (amps-source)"));
    assertEquals(
        "maxBatch = '0': must be an integer from 1 to 1000000", problem(e, "maxBatch").toString());
    assertEquals(
        "maxBuffers = 'ten': must be an integer from 1 to 100000",
        problem(e, "maxBuffers").toString());
    assertTrue(problem(e, "command").allowed().contains("subscribe, delta_subscribe"));
    assertTrue(problem(e, "topic").allowed().startsWith("required"));
  }

  @ParameterizedTest(name = "{0} = ''{1}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "pruneTimeThreshold | -1 | must be a duration",
        "batchDurationMillis | soon | must be a duration",
        "cmdTypeFilter | publish,bogus | comma-separated list of publish, sow, delta_publish, oof",
        "cmdTypeFilter | 0 | bit mask",
        "eventHeaders | topic,sowkey | unknown header name(s) [sowkey]",
        "uri | localhost:9007 | must be an AMPS URI such as tcp://host:9007/amps/json",
        "heartbeatIntervalSeconds | -5 | from 0 to 3600",
        "reconnectInitialDelayMillis | 0 | must be a duration",
        "clientFactoryClass | com.example.Missing | class not found",
        "clientFactoryClass | java.lang.String | com.crankuptheamps.client.util.SerializableFunction"
            + "<java.util.Properties, com.crankuptheamps.client.Client> (it does not implement it)",
        "backoffSleepIncrement | x | must be an integer",
        "maxBackoffSleep | 0 | must be an integer",
      })
  void eachBadValueIsAClearProblem(String key, String value, String expected) {
    ConfigProblem p = problem(invalid(minimal(key, value)), key);

    assertEquals(value, p.value());
    assertTrue(p.allowed().contains(expected), p.toString());
  }

  @Test
  void aFactoryWithoutAPublicConstructorIsRefused() {
    ConfigProblem p =
        problem(
            invalid(minimal("clientFactoryClass", HiddenFactory.class.getName())),
            "clientFactoryClass");
    assertTrue(p.allowed().contains("public no-argument constructor"), p.toString());
  }

  /** Implements the contract but cannot be created by name. */
  static final class HiddenFactory
      implements com.crankuptheamps.client.util.SerializableFunction<
          Properties, com.crankuptheamps.client.Client> {
    private static final long serialVersionUID = 1L;

    private HiddenFactory() {}

    @Override
    public com.crankuptheamps.client.Client apply(Properties p) {
      return null;
    }
  }

  @Test
  void aBookmarkLogNeedsASubscriptionId() {
    ConfigProblem p = problem(invalid(minimal("bookmarkLog", "/tmp/b.log")), "subscriptionId");
    assertTrue(p.allowed().contains("required when bookmarkLog is set"), p.toString());
  }

  @Test
  void theMaximumReconnectDelayCannotBeBelowTheInitialOne() {
    ConfigProblem p =
        problem(
            invalid(minimal("reconnectInitialDelay", "5000", "reconnectMaxDelay", "100")),
            "reconnectMaxDelay");
    assertTrue(p.allowed().contains("at least reconnectInitialDelay (5000 ms)"), p.toString());
  }

  @Test
  void formerKeyNamesStillWorkWithOneWarningEach() {
    List<String> warnings = new ArrayList<>();
    AmpsSourceConfig c =
        AmpsSourceConfig.parse(
            "r1",
            minimal(
                "reconnectInitialDelayMillis", "300",
                "reconnectMaxDelayMillis", "7000",
                "heartbeatIntervalSeconds", "0"),
            warnings::add);
    assertEquals(300L, c.reconnectInitialDelay);
    assertEquals(7_000L, c.reconnectMaxDelay);
    assertEquals(0L, c.client.heartbeatInterval, "0 still turns heartbeats off");
    assertEquals(3, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).contains("renamed to reconnectInitialDelay"), warnings::toString);
    assertTrue(warnings.get(2).contains("renamed to heartbeatInterval"), warnings::toString);
  }

  @Test
  void numberedUrisRunFromOneWithoutGaps() {
    Context ok = minimal("uri1", "tcp://a:1/amps/json", "uri2", "tcp://b:2/amps/json");
    ok.put("uri", "");
    assertEquals(
        List.of("tcp://a:1/amps/json", "tcp://b:2/amps/json"),
        AmpsSourceConfig.parse("r1", ok).uris);

    Context gap = minimal("uri1", "tcp://a:1/amps/json", "uri3", "tcp://c:3/amps/json");
    gap.put("uri", "");
    assertTrue(problem(invalid(gap), "uri2").allowed().contains("no gaps"));

    Context both = minimal("uri1", "tcp://a:1/amps/json");
    assertTrue(problem(invalid(both), "uri").allowed().contains("not both"));

    Context none = minimal();
    none.put("uri", "");
    assertTrue(problem(invalid(none), "uri").allowed().startsWith("required"));
  }

  @Test
  void passwordsInUrisNeverAppearInConfigurationErrors() {
    Context c = minimal("uri2", "tcp://flume:s3cret@b:9007/amps/json");
    c.put("uri", "tcp://flume:s3cret@a:9007/amps/json"); // both uri and uri2: an error
    c.put("uri3", "tcp://flume:s3cret@nohost"); // a gap and a bad URI
    InvalidConfigurationException e = invalid(c);

    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    assertTrue(e.getMessage().contains("flume:***@"), e.getMessage());
  }

  @Test
  void commandTypesMayBeNamedOrGivenAsAMask() {
    assertEquals(9, AmpsSourceConfig.parse("r1", minimal("cmdTypeFilter", "9")).cmdTypeFilter);
    assertEquals(
        9, AmpsSourceConfig.parse("r1", minimal("cmdTypeFilter", "publish, SOW")).cmdTypeFilter);
  }

  @Test
  void eventHeadersAreListedOnceEach() {
    AmpsSourceConfig c =
        AmpsSourceConfig.parse("r1", minimal("eventHeaders", " topic,timestamp , topic,"));
    assertEquals(List.of("topic", "timestamp"), c.eventHeaders);
  }

  @Test
  void aMisspeltKeyGetsADidYouMeanUnderStrictConfig() {
    InvalidConfigurationException e = invalid(minimal("maxBacth", "500", "strictConfig", "true"));
    assertTrue(
        problem(e, "maxBacth").allowed().contains("did you mean 'maxBatch'?"), e.getMessage());
  }

  @Test
  void aCustomFactoryReceivesEveryKeyOfTheSource() {
    AmpsSourceConfig c =
        AmpsSourceConfig.parse(
            "r1",
            minimal(
                "clientFactoryClass", ConnectedClientFactory.class.getName(), "myAuthToken", "t"));
    Properties p = c.factoryProperties();

    assertEquals(ConnectedClientFactory.class.getName(), c.clientFactoryClass);
    Map<String, String> expected =
        minimal("clientFactoryClass", ConnectedClientFactory.class.getName(), "myAuthToken", "t")
            .getParameters();
    assertEquals(
        expected,
        p.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, p::getProperty)));
  }

  /** A valid {@code clientFactoryClass} (configuration tests never call it). */
  public static final class ConnectedClientFactory
      implements com.crankuptheamps.client.util.SerializableFunction<
          Properties, com.crankuptheamps.client.Client> {
    private static final long serialVersionUID = 1L;

    @Override
    public com.crankuptheamps.client.Client apply(Properties p) {
      throw new UnsupportedOperationException("configuration tests do not connect");
    }
  }
}
