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

import static dev.sluice.flume.interceptor.enrichment.Harness.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.flume.Event;
import org.junit.jupiter.api.Test;

/** The row key from a header, a JSON field, a regex group, or a template of several. */
class KeyTemplateTest {
  private static String key(Event e, String... config) {
    KeyTemplate t = Harness.parse(Harness.config(config)).rowKey();
    return t.rowKey(e, new EventBody(e));
  }

  @Test
  void aHeader() {
    assertEquals("AAPL", key(event("", "symbol", "AAPL")));
  }

  @Test
  void aTemplateOfTwoHeaders() {
    assertEquals(
        "XNAS:AAPL",
        key(event("", "exchange", "XNAS", "symbol", "AAPL"), "rowKey", "%{exchange}:%{symbol}"));
  }

  @Test
  void aJsonFieldByPointerTextOrNumber() {
    Event e = event("{\"order\":{\"sku\":\"A-1\",\"store\":42,\"tags\":[\"x\"]}}");
    assertEquals("A-1", key(e, "rowKey", "%{/order/sku}"));
    assertEquals("42", key(e, "rowKey", "%{/order/store}"));
    assertEquals("42/A-1", key(e, "rowKey", "%{/order/store}/%{/order/sku}"));
    assertEquals("x", key(e, "rowKey", "%{/order/tags/0}"));
  }

  @Test
  void aJsonFieldThatIsAbsentNullOrNotAValueGivesNoKey() {
    Event e = event("{\"order\":{\"sku\":null,\"items\":[1]}}");
    assertNull(key(e, "rowKey", "%{/order/sku}"));
    assertNull(key(e, "rowKey", "%{/order/items}"));
    assertNull(key(e, "rowKey", "%{/nothing}"));
    assertNull(key(event("not json"), "rowKey", "%{/order/sku}"));
  }

  @Test
  void aRegexGroupByNumberOrName() {
    Event e = event("2024-01-02 TRADE XNAS AAPL 100@187.5");
    assertEquals(
        "XNAS:AAPL", key(e, "rowKeyRegex", "TRADE (\\S+) (\\S+)", "rowKey", "%{$1}:%{$2}"));
    assertEquals("AAPL", key(e, "rowKeyRegex", "TRADE \\S+ (?<sym>\\S+)", "rowKey", "%{$sym}"));
  }

  @Test
  void aRegexThatDoesNotMatchGivesNoKey() {
    assertNull(key(event("HEARTBEAT"), "rowKeyRegex", "TRADE (\\S+)", "rowKey", "%{$1}"));
  }

  @Test
  void headersGroupsAndFieldsMix() {
    Event e = event("{\"sku\":\"A-1\"} region=eu", "store", "42");
    assertEquals(
        "eu|42|A-1", key(e, "rowKeyRegex", "region=(\\w+)", "rowKey", "%{$1}|%{store}|%{/sku}"));
  }

  @Test
  void aMissingPartGivesNoKeyRatherThanAPartialOne() {
    assertNull(key(event("", "symbol", "AAPL"), "rowKey", "%{exchange}:%{symbol}"));
  }

  @Test
  void aKeyLongerThanHBaseAllowsGivesNoKey() {
    String longKey = "k".repeat(KeyTemplate.MAX_ROW_KEY_BYTES + 1);
    assertNull(key(event("", "symbol", longKey)));
    String longest = "k".repeat(KeyTemplate.MAX_ROW_KEY_BYTES);
    assertEquals(longest, key(event("", "symbol", longest)));
  }
}
