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
package dev.sluice.flume.interceptor.enrichment;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Every mistake in the configuration is reported at configure(), all at once, with its key. */
class EnrichmentConfigTest {
  private static InvalidConfigurationException refused(String... keysAndValues) {
    return refused(Harness.config(keysAndValues));
  }

  private static InvalidConfigurationException refused(Map<String, String> config) {
    return assertThrows(
        InvalidConfigurationException.class, () -> EnrichmentConfig.parse(new Context(config)));
  }

  private static Map<String, String> problems(InvalidConfigurationException e) {
    return e.problems().stream()
        .collect(Collectors.toMap(ConfigProblem::key, ConfigProblem::allowed, (a, b) -> a + b));
  }

  @Test
  void theSmallestConfigurationGetsTheDocumentedDefaults() {
    EnrichmentConfig c = Harness.parse(Harness.config());
    assertEquals(Backend.HBASE2, c.backend());
    assertEquals(FailurePolicy.PASS, c.failurePolicy());
    assertEquals(MissPolicy.PASS, c.missPolicy());
    assertEquals(Collision.KEEP, c.onCollision());
    assertEquals(AddTo.HEADERS, c.addTo());
    assertEquals(500, c.timeoutMillis());
    assertEquals(100_000, c.cacheMaxSize());
    assertEquals(300_000, c.cacheTtlMillis());
    assertEquals(30_000, c.negativeCacheTtlMillis());
    assertEquals(0, c.refreshAfterWriteMillis());
    assertEquals("enrichment-quotes", c.counterName());
  }

  @Test
  void missingRequiredKeysAreAllReportedTogether() {
    InvalidConfigurationException e = refused(new HashMap<>());
    assertEquals(List.of("table", "rowKey", "columns"), keys(e));
    assertTrue(
        e.getMessage().startsWith("Invalid configuration for interceptor 'enrichment-table'"));
  }

  private static List<String> keys(InvalidConfigurationException e) {
    return e.problems().stream().map(ConfigProblem::key).collect(Collectors.toList());
  }

  @Test
  void aWrongWordNamesTheAllowedOnes() {
    InvalidConfigurationException e =
        refused("failurePolicy", "retry", "missPolicy", "hold", "backend", "hbase1", "addTo", "x");
    Map<String, String> p = problems(e);
    assertEquals("must be one of pass, drop, hold", p.get("failurePolicy"));
    assertEquals("must be one of pass, drop", p.get("missPolicy"));
    assertEquals("must be one of hbase2, asynchbase", p.get("backend"));
    assertEquals("must be one of headers, body, both", p.get("addTo"));
    assertTrue(e.getMessage().contains("failurePolicy = 'retry'"), e.getMessage());
  }

  @Test
  void numbersAndDurationsOutOfRangeAreRefused() {
    Map<String, String> p =
        problems(
            refused(
                "timeoutMillis", "0",
                "lookupThreads", "many",
                "cacheMaxSize", "-1",
                "cacheTtl", "5 minutes",
                "hbase.zookeeper.property.clientPort", "70000"));
    assertEquals(
        List.of(
            "cacheMaxSize",
            "cacheTtl",
            "hbase.zookeeper.property.clientPort",
            "lookupThreads",
            "timeoutMillis"),
        p.keySet().stream().sorted().collect(Collectors.toList()));
  }

  @Test
  void aRefreshNoSoonerThanTheTimeToLiveIsRefused() {
    Map<String, String> p = problems(refused("cacheTtl", "1m", "refreshAfterWrite", "1m"));
    assertTrue(p.get("refreshAfterWrite").contains("shorter than cacheTtl"), p.toString());
  }

  @Test
  void rowKeyMistakesAreExplained() {
    assertTrue(
        problems(refused("rowKey", "symbol")).get("rowKey").contains("did you mean '%{symbol}'?"));
    assertTrue(
        problems(refused("rowKey", "%{$1}")).get("rowKey").contains("rowKeyRegex is not set"));
    assertTrue(
        problems(refused("rowKey", "%{symbol}", "rowKeyRegex", "(x)"))
            .get("rowKeyRegex")
            .contains("uses none of its groups"));
    assertTrue(
        problems(refused("rowKey", "%{$2}", "rowKeyRegex", "(x)"))
            .get("rowKey")
            .contains("has 1 group"));
    assertTrue(
        problems(refused("rowKey", "%{$sym}", "rowKeyRegex", "(?<symbol>x)"))
            .get("rowKey")
            .contains("no group (?<sym>"));
    assertTrue(
        problems(refused("rowKeyRegex", "(unclosed", "rowKey", "%{$1}"))
            .get("rowKeyRegex")
            .contains("Java regular expression"));
    assertTrue(problems(refused("rowKey", "%{}")).get("rowKey").contains("names nothing"));
  }

  @Test
  void columnMistakesAreExplained() {
    assertTrue(problems(refused("columns", "info:")).get("columns").contains("'info:' is not"));
    assertTrue(problems(refused("columns", ":name")).get("columns").contains("':name' is not"));
    assertTrue(
        problems(refused("columns", "info info:name"))
            .get("columns")
            .contains("already covered by the whole family 'info'"));
    assertTrue(problems(refused("columns", " , ")).get("columns").contains("at least one"));
  }

  @Test
  void aNameWithoutTheQualifierIsRefusedWhenManyColumnsWouldShareIt() {
    assertTrue(
        problems(refused("headerName", "enrich"))
            .get("headerName")
            .contains("must contain %{qualifier}"));
    EnrichmentConfig one =
        Harness.parse(Harness.config("columns", "info:name", "headerName", "company"));
    assertEquals("company", one.headerName().name(new ColumnValue("info", "name", "v")));
    assertTrue(
        problems(refused("headerName", "x.%{column}")).get("headerName").contains("%{column}"));
  }

  @Test
  void bodyKeysWithoutABodyTargetAreRefused() {
    Map<String, String> p = problems(refused("bodyPointer", "/x", "bodyFieldName", "%{qualifier}"));
    assertTrue(p.get("bodyPointer").contains("only used with addTo = body or both"));
    assertTrue(p.get("bodyFieldName").contains("only used with addTo = body or both"));
    assertTrue(
        problems(refused("addTo", "body", "headerName", "h.%{qualifier}"))
            .get("headerName")
            .contains("only used with addTo = headers or both"));
    assertTrue(
        problems(refused("addTo", "body", "bodyPointer", "no-slash"))
            .get("bodyPointer")
            .contains("JSON Pointer"));
  }

  @Test
  void anEmptyBodyPointerIsTheRoot() {
    EnrichmentConfig c = Harness.parse(Harness.config("addTo", "body", "bodyPointer", ""));
    assertEquals("", c.bodyPointer().toString());
  }

  @Test
  void anUnknownKeyIsAnErrorUnderStrictConfigWithASuggestion() {
    Map<String, String> p = problems(refused("strictConfig", "true", "timeoutMilis", "100"));
    assertTrue(p.get("timeoutMilis").contains("did you mean 'timeoutMillis'?"), p.toString());
  }

  @Test
  void theCounterNameIsCheckedAndDefaultsToTheTable() {
    assertTrue(problems(refused("counterName", "a:b")).get("counterName").contains("a JMX name"));
    assertEquals(
        "enrichment-ref_quotes",
        Harness.parse(Harness.config("table", "ref:quotes")).counterName());
    assertEquals("q", Harness.parse(Harness.config("counterName", "q")).counterName());
  }

  @Test
  void hbaseClientPropertiesPassThroughAndTheQuorumGetsItsPort() {
    EnrichmentConfig c =
        Harness.parse(
            Harness.config(
                "hbase.zookeeper.quorum", "zk1,zk2:2182",
                "hbase.zookeeper.property.clientPort", "2281",
                "hbase.rpc.timeout", "3000",
                "zookeeper.znode.parent", "/hbase-unsecure"));
    HBaseSettings s = c.hbase();
    assertEquals("zk1:2281,zk2:2182", s.quorumSpec());
    assertEquals("/hbase-unsecure", s.znodeParent());
    assertEquals("3000", s.clientProperties().get("hbase.rpc.timeout"));
    assertEquals("localhost:2181", Harness.parse(Harness.config()).hbase().quorumSpec());
    assertTrue(
        problems(refused("zookeeper.znode.parent", "hbase"))
            .get("zookeeper.znode.parent")
            .contains("starting with /"));
  }
}
