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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.common.config.ConfigProblem;
import dev.sluice.flume.common.config.InvalidConfigurationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

class GraphiteMonitorConfigTest {
  private static GraphiteMonitorConfig parse(String... keyValues) {
    return parse(TestEnvironment.standard(), keyValues);
  }

  private static GraphiteMonitorConfig parse(AgentEnvironment env, String... keyValues) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return GraphiteMonitorConfig.parse(new Context(m), env);
  }

  private static InvalidConfigurationException refused(String... keyValues) {
    return assertThrows(InvalidConfigurationException.class, () -> parse(keyValues));
  }

  private static ConfigProblem only(InvalidConfigurationException e) {
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0);
  }

  @Test
  void defaultsNeedOnlyAHost() {
    GraphiteMonitorConfig c =
        parse("type", "dev.sluice.flume.monitor.graphite.GraphiteMonitorService", "host", "g1");
    assertEquals(List.of(new Destination("g1", 2003, Protocol.TCP)), c.destinations);
    assertEquals(60_000, c.pollIntervalMillis);
    assertEquals("flume.web01.a1", c.prefix);
    assertEquals(NameStyle.KEBAB, c.metricNameStyle);
    assertFalse(c.tags);
    assertFalse(c.rates);
    assertFalse(c.jvmMetrics);
    assertNull(c.include);
    assertNull(c.exclude);
    assertEquals(10, c.maxQueuedBatches);
    assertEquals(5_000, c.connectTimeoutMillis);
    assertEquals(5_000, c.writeTimeoutMillis);
    assertEquals(1_000, c.initialBackoffMillis);
    assertEquals(60_000, c.maxBackoffMillis);
    assertEquals(2_000, c.shutdownTimeoutMillis);
    assertEquals('_', c.invalidCharReplacement);
  }

  @Test
  void missingHostIsRefusedNamingTheKey() {
    ConfigProblem p = only(refused("pollInterval", "10s"));
    assertEquals("host", p.key());
    assertNull(p.value());
    assertTrue(p.allowed().contains("required"), p.allowed());
  }

  @Test
  void badPortIsRefusedWithTheAllowedRange() {
    InvalidConfigurationException e = refused("host", "g1", "port", "99999");
    ConfigProblem p = only(e);
    assertEquals("port", p.key());
    assertEquals("99999", p.value());
    assertEquals("must be an integer from 1 to 65535", p.allowed());
    assertTrue(
        e.getMessage().startsWith("Invalid configuration for monitor 'graphite-monitor'"),
        e.getMessage());
    assertEquals("port", only(refused("host", "g1", "port", "http")).key());
  }

  @Test
  void unknownProtocolIsRefusedListingTheProtocols() {
    ConfigProblem p = only(refused("host", "g1", "protocol", "http"));
    assertEquals("protocol", p.key());
    assertEquals("http", p.value());
    assertEquals("must be one of tcp, udp, pickle", p.allowed());
  }

  @Test
  void badPatternIsRefusedWithTheRegexError() {
    ConfigProblem p = only(refused("host", "g1", "include", "SOURCE\\.(r1"));
    assertEquals("include", p.key());
    assertEquals("SOURCE\\.(r1", p.value());
    assertTrue(p.allowed().startsWith("must be a Java regular expression"), p.allowed());
    assertEquals("exclude", only(refused("host", "g1", "exclude", "*Count")).key());
    assertEquals("rateAttributes", only(refused("host", "g1", "rateAttributes", "[")).key());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    InvalidConfigurationException e =
        refused(
            "port", "0",
            "protocol", "carrier-pigeon",
            "exclude", "(",
            "pollInterval", "soon",
            "tags", "yes",
            "metricNameStyle", "shouting",
            "maxQueuedBatches", "0",
            "invalidCharReplacement", ".");
    List<String> keys = e.problems().stream().map(ConfigProblem::key).collect(Collectors.toList());
    assertEquals(
        List.of(
            "host",
            "protocol",
            "port",
            "pollInterval",
            "invalidCharReplacement",
            "metricNameStyle",
            "tags",
            "exclude",
            "maxQueuedBatches"),
        keys);
    assertTrue(
        e.getMessage()
            .contains(
                "metricNameStyle = 'shouting': must be one of kebab, snake,"
                    + " lower-camel, as-is"),
        e.getMessage());
  }

  @Test
  void hostWithAPortOrAUrlIsRefusedWithAHint() {
    assertEquals(
        "must be a host name or address only; give the port in port",
        only(refused("host", "graphite:2003")).allowed());
    assertEquals(
        "must be a host name or address, not a URL",
        only(refused("host", "tcp://graphite")).allowed());
  }

  @Test
  void severalDestinationsEachWithProtocolAndPort() {
    GraphiteMonitorConfig c =
        parse(
            "host1", "g1",
            "host2", "g2",
            "protocol2", "pickle",
            "host3", "g3",
            "protocol3", "UDP",
            "port3", "8125");
    assertEquals(
        List.of(
            new Destination("g1", 2003, Protocol.TCP),
            new Destination("g2", 2004, Protocol.PICKLE),
            new Destination("g3", 8125, Protocol.UDP)),
        c.destinations);
  }

  @Test
  void sharedPortAndProtocolApplyToNumberedHostsWithoutTheirOwn() {
    GraphiteMonitorConfig c =
        parse("host1", "g1", "host2", "g2", "protocol", "pickle", "port", "3004", "port2", "4004");
    assertEquals(
        List.of(
            new Destination("g1", 3004, Protocol.PICKLE),
            new Destination("g2", 4004, Protocol.PICKLE)),
        c.destinations);
  }

  @Test
  void gapInNumberedHostsIsRefused() {
    assertEquals("host2", only(refused("host1", "g1", "host3", "g3")).key());
  }

  @Test
  void prefixVariablesResolveToSingleLevels() {
    assertEquals("flume.web01.a1", parse("host", "g").prefix);
    assertEquals(
        "dc.web01_dc1_example_com.a1.x",
        parse("host", "g", "prefix", "dc.${fqdn}.${agent}.x").prefix);
    assertEquals(
        "flume.10_1_2_3.a1",
        parse(new TestEnvironment("10.1.2.3", "Application -n a1"), "host", "g").prefix);
    assertEquals("flume.web01.collector", parse("host", "g", "agentName", "collector").prefix);
    assertEquals("flume.web01.a_b", parse("host", "g", "agentName", "a.b").prefix);
  }

  @Test
  void prefixWithUnknownVariableOrBadCharactersIsRefused() {
    ConfigProblem p = only(refused("host", "g", "prefix", "flume.${host}"));
    assertEquals("prefix", p.key());
    assertEquals("flume.${host}", p.value());
    assertTrue(p.allowed().contains("${agent}, ${fqdn}, ${hostname}"), p.allowed());
    assertTrue(only(refused("host", "g", "prefix", "flume..x")).allowed().contains("empty level"));
    assertTrue(only(refused("host", "g", "prefix", "flume/x")).allowed().contains("'/'"));
  }

  @Test
  void agentVariableWithoutAKnownAgentNameIsRefusedWithTheFix() {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> parse(new TestEnvironment("h", "SomeMain --conf x"), "host", "g"));
    ConfigProblem p = only(e);
    assertEquals("prefix", p.key());
    assertTrue(p.allowed().contains("set agentName or start the agent with -n"), p.allowed());
  }

  @Test
  void agentNameIsFoundInEveryFormFlumesCommandLineAccepts() {
    assertEquals("a1", AgentEnvironment.agentNameFrom("org.apache.flume.node.Application -n a1"));
    assertEquals("a2", AgentEnvironment.agentNameFrom("Application -f x --name a2"));
    assertEquals("a3", AgentEnvironment.agentNameFrom("Application --name=a3 -f x"));
    assertEquals("a4", AgentEnvironment.agentNameFrom("Application -na4"));
    assertNull(AgentEnvironment.agentNameFrom("Application --no-reload-conf -f x"));
    assertNull(AgentEnvironment.agentNameFrom(null));
  }

  @Test
  void durationsTakeMillisecondsOrSuffixes() {
    GraphiteMonitorConfig c =
        parse(
            "host", "g",
            "pollInterval", "10s",
            "connectTimeout", "250",
            "writeTimeout", "2s",
            "initialBackoff", "100ms",
            "maxBackoff", "1m",
            "shutdownTimeout", "0");
    assertEquals(10_000, c.pollIntervalMillis);
    assertEquals(250, c.connectTimeoutMillis);
    assertEquals(2_000, c.writeTimeoutMillis);
    assertEquals(100, c.initialBackoffMillis);
    assertEquals(60_000, c.maxBackoffMillis);
    assertEquals(0, c.shutdownTimeoutMillis);
  }

  @Test
  void backoffCeilingBelowItsStartIsRefused() {
    ConfigProblem p = only(refused("host", "g", "initialBackoff", "5s", "maxBackoff", "1s"));
    assertEquals("maxBackoff", p.key());
    assertEquals("must be at least initialBackoff (5000 ms)", p.allowed());
  }

  @Test
  void misspeltKeyIsAnErrorUnderStrictConfigWithASuggestion() {
    ConfigProblem p = only(refused("host", "g", "pollIntervall", "5s", "strictConfig", "true"));
    assertEquals("pollIntervall", p.key());
    assertTrue(p.allowed().contains("did you mean 'pollInterval'"), p.allowed());
    // without strictConfig it is only a warning
    assertEquals(60_000, parse("host", "g", "pollIntervall", "5s").pollIntervalMillis);
  }

  @Test
  void numberedPortBeyondTheHostsIsAnUnknownKey() {
    ConfigProblem p = only(refused("host", "g", "port2", "2004", "strictConfig", "true"));
    assertEquals("port2", p.key());
  }

  @Test
  void namingOptionsAreRead() {
    GraphiteMonitorConfig c =
        parse(
            "host", "g",
            "metricNameStyle", "lower-camel",
            "tags", "true",
            "rates", "true",
            "jvmMetrics", "true",
            "invalidCharReplacement", "-",
            "include", "SOURCE\\..*",
            "exclude", ".*Time");
    assertEquals(NameStyle.LOWER_CAMEL, c.metricNameStyle);
    assertTrue(c.tags && c.rates && c.jvmMetrics);
    assertEquals('-', c.invalidCharReplacement);
    assertTrue(c.include.matcher("SOURCE.r1.EventReceivedCount").matches());
    assertTrue(c.exclude.matcher("SOURCE.r1.StartTime").matches());
    assertTrue(c.rateAttributes.matcher("EventReceivedCount").matches());
    assertFalse(c.rateAttributes.matcher("OpenConnectionCount").matches());
    assertFalse(c.rateAttributes.matcher("ChannelSize").matches());
  }
}
