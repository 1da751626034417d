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

import static dev.sluice.flume.interceptor.enrichment.Harness.body;
import static dev.sluice.flume.interceptor.enrichment.Harness.cell;
import static dev.sluice.flume.interceptor.enrichment.Harness.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the looked-up columns become: headers, JSON body fields, and the collision rule. */
class EnrichmentOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Harness h = new Harness();

  @BeforeEach
  void rows() {
    h.backend.row(
        "AAPL",
        cell("info", "name", "Apple"),
        cell("info", "sector", "Tech"),
        cell("risk", "sector", "B"));
  }

  @AfterEach
  void close() {
    h.close();
  }

  private static JsonNode json(Event e) throws Exception {
    return JSON.readTree(e.getBody());
  }

  @Test
  void keepLeavesAHeaderTheEventAlreadyHasAndAddsTheRest() {
    EnrichmentInterceptor i = h.start();
    Event e = event("x", "symbol", "AAPL", "enrich.name", "mine", "other", "o");
    i.intercept(List.of(e));
    assertEquals(
        Map.of("symbol", "AAPL", "enrich.name", "mine", "other", "o", "enrich.sector", "Tech"),
        e.getHeaders());
  }

  @Test
  void overwriteReplacesAHeaderTheEventAlreadyHasAndKeepsEveryOther() {
    EnrichmentInterceptor i = h.start("onCollision", "overwrite");
    Event e = event("x", "symbol", "AAPL", "enrich.name", "mine", "other", "o");
    i.intercept(List.of(e));
    assertEquals(
        Map.of("symbol", "AAPL", "enrich.name", "Apple", "other", "o", "enrich.sector", "Tech"),
        e.getHeaders());
  }

  @Test
  void aNamingTemplateCanUseTheFamilyAndTheQualifier() {
    EnrichmentInterceptor i =
        h.start("columns", "info:name risk", "headerName", "%{family}_%{qualifier}");
    Event e = event("x", "symbol", "AAPL");
    i.intercept(List.of(e));
    assertEquals("Apple", e.getHeaders().get("info_name"));
    assertEquals("B", e.getHeaders().get("risk_sector"));
    assertNull(e.getHeaders().get("info_sector"), "not selected");
  }

  @Test
  void bodyMergeAddsFieldsUnderThePointerCreatingTheObject() throws Exception {
    EnrichmentInterceptor i =
        h.start("addTo", "body", "rowKey", "%{/order/symbol}", "bodyPointer", "/order/ref");
    Event e = event("{\"order\":{\"symbol\":\"AAPL\",\"qty\":5},\"id\":7}");
    i.intercept(List.of(e));
    JsonNode j = json(e);
    assertEquals("Apple", j.at("/order/ref/name").asText());
    assertEquals("Tech", j.at("/order/ref/sector").asText());
    assertEquals(5, j.at("/order/qty").asInt(), "the rest of the body stays");
    assertEquals(7, j.at("/id").asInt());
    assertEquals(Map.of(), e.getHeaders(), "addTo = body adds no header");
  }

  @Test
  void bodyMergeAtTheRootWithKeepLeavesExistingFields() throws Exception {
    EnrichmentInterceptor i =
        h.start(
            "addTo",
            "both",
            "rowKey",
            "%{/s}",
            "bodyPointer",
            "",
            "bodyFieldName",
            "ref_%{qualifier}");
    Event e = event("{\"s\":\"AAPL\",\"ref_name\":\"mine\"}");
    i.intercept(List.of(e));
    JsonNode j = json(e);
    assertEquals("mine", j.get("ref_name").asText());
    assertEquals("Tech", j.get("ref_sector").asText());
    assertEquals("Apple", e.getHeaders().get("enrich.name"), "both: headers too");
  }

  @Test
  void bodyMergeWithOverwriteReplacesAnExistingField() throws Exception {
    EnrichmentInterceptor i =
        h.start("addTo", "body", "onCollision", "overwrite", "bodyPointer", "/enrich");
    Event e = event("{\"enrich\":{\"name\":\"old\",\"keep\":1}}", "symbol", "AAPL");
    i.intercept(List.of(e));
    JsonNode j = json(e);
    assertEquals("Apple", j.at("/enrich/name").asText());
    assertEquals(1, j.at("/enrich/keep").asInt());
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsABadBodyAndStaysAsItWas() {
    EnrichmentInterceptor i = h.start("addTo", "both");
    Event text = event("plain text", "symbol", "AAPL");
    Event array = event("[1,2]", "symbol", "AAPL");
    Event blocked = event("{\"enrich\":42}", "symbol", "AAPL");

    List<Event> out = i.intercept(List.of(text, array, blocked));

    assertEquals(3, out.size());
    assertEquals("plain text", body(text));
    assertEquals("[1,2]", body(array));
    assertEquals("{\"enrich\":42}", body(blocked));
    for (Event e : out) {
      assertEquals("badbody", e.getHeaders().get("enrichment"));
      assertNull(e.getHeaders().get("enrich.name"), "nothing is added half-way");
    }
    assertEquals(3, i.counters().get(EnrichmentCounters.BAD_BODY));
  }

  @Test
  void aBadBodyFollowsMissPolicyDrop() {
    EnrichmentInterceptor i = h.start("addTo", "body", "missPolicy", "drop");
    assertEquals(List.of(), i.intercept(List.of(event("nope", "symbol", "AAPL"))));
    assertEquals(1, i.counters().get(EnrichmentCounters.DROPPED));
  }

  @Test
  void theStatusHeaderNameIsConfigurable() {
    EnrichmentInterceptor i = h.start("statusHeader", "lookup");
    Event e = event("x", "symbol", "MSFT");
    i.intercept(List.of(e));
    assertEquals("miss", e.getHeaders().get("lookup"));
    assertNull(e.getHeaders().get("enrichment"));
  }
}
