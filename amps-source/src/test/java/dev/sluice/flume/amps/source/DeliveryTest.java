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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Event;
import org.junit.jupiter.api.Test;

class DeliveryTest {
  private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

  @Test
  void theFirstAttemptsEventIsTheDeliveryAndItsChangesStayOnTheEvent() {
    Map<String, String> received = Map.of("topic", "orders");
    Delivery d = new Delivery(BODY, received, 7);
    Event first = d.event(0);
    assertSame(d, first, "one object per message on the first attempt");
    assertEquals(received, first.getHeaders());
    first.getHeaders().put("added", "by an interceptor");
    first.setBody(new byte[] {1});
    assertEquals(Map.of("topic", "orders"), d.headers(), "the message's headers stay as received");
    assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), d.body());
    assertEquals("by an interceptor", first.getHeaders().get("added"), "the event keeps its map");
    assertEquals(7, d.bookmarkSeqNo());
  }

  @Test
  void aRetryGetsAFreshEventFromTheMessageAsReceived() {
    Delivery d = new Delivery(BODY, Map.of("topic", "orders"), 7);
    d.event(0).getHeaders().put("added", "by an interceptor");
    d.event(0).setBody(new byte[] {1});
    Event retry = d.event(1);
    assertNotSame(d, retry);
    assertEquals(Map.of("topic", "orders"), retry.getHeaders());
    assertArrayEquals(BODY, retry.getBody());
  }

  @Test
  void headersAreNeverNullAndSetHeadersReplacesThem() {
    Delivery d = new Delivery(BODY, Map.of(), 0);
    assertTrue(d.getHeaders().isEmpty());
    Map<String, String> mine = new HashMap<>(Map.of("k", "v"));
    d.setHeaders(mine);
    assertSame(mine, d.getHeaders());
    d.setHeaders(null);
    assertTrue(d.getHeaders().isEmpty(), "a fresh empty map, not the message's headers");
  }
}
