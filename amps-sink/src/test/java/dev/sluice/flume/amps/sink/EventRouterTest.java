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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.amps.sink.AmpsSinkConfig.PublishCommand;
import dev.sluice.flume.amps.sink.EventRouter.Route;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.Test;

class EventRouterTest {
  private static Event event(String body, String... headers) {
    Map<String, String> h = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    return EventBuilder.withBody(body.getBytes(StandardCharsets.UTF_8), h);
  }

  private static OutgoingMessage routed(AmpsSinkConfig c, Event e) {
    Route r = new EventRouter(c).route(e);
    assertTrue(r.isPublishable(), () -> "unpublishable: " + r.unpublishableReason);
    return r.message;
  }

  private static String refusal(AmpsSinkConfig c, Event e) {
    Route r = new EventRouter(c).route(e);
    assertFalse(r.isPublishable(), "expected an unpublishable event");
    return r.unpublishableReason;
  }

  @Test
  void publishesToTheTopicHeaderWhenUseTopicHeaderIsOn() {
    AmpsSinkConfig c = config("topic", "default");
    OutgoingMessage m = routed(c, event("{}", "topic", "orders"));
    assertEquals("orders", m.topic);
    assertArrayEquals("orders".getBytes(StandardCharsets.UTF_8), m.topicBytes);
    assertTrue(m.isPlainPublish());
    assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), m.body);
  }

  @Test
  void fallsBackToTheConfiguredTopicWhenTheHeaderIsAbsentOrBlank() {
    AmpsSinkConfig c = config("topic", "default");
    assertEquals("default", routed(c, event("x")).topic);
    assertEquals("default", routed(c, event("x", "topic", "  ")).topic);
  }

  @Test
  void ignoresTheTopicHeaderWhenUseTopicHeaderIsOff() {
    AmpsSinkConfig c = config("topic", "default", "useTopicHeader", "false");
    assertEquals("default", routed(c, event("x", "topic", "orders")).topic);
  }

  @Test
  void readsTheTopicFromAConfiguredHeaderName() {
    AmpsSinkConfig c = config("topicHeader", "ampsTopic");
    assertEquals("t2", routed(c, event("x", "ampsTopic", "t2", "topic", "t1")).topic);
  }

  @Test
  void anEventWithNoTopicAnywhereIsUnpublishable() {
    String reason = refusal(config(), event("x", "other", "y"));
    assertTrue(reason.contains("no topic"), reason);
  }

  @Test
  void choosesTheCommandPerEventFromTheCommandHeader() {
    AmpsSinkConfig c = config("topic", "t", "commandHeader", "cmd");
    assertEquals(
        PublishCommand.DELTA_PUBLISH, routed(c, event("x", "cmd", "delta_publish")).command);
    assertEquals(PublishCommand.SOW_DELETE, routed(c, event("x", "cmd", "SOW_DELETE")).command);
    assertEquals(PublishCommand.PUBLISH, routed(c, event("x")).command);
    assertFalse(routed(c, event("x", "cmd", "delta_publish")).isPlainPublish());
  }

  @Test
  void usesTheConfiguredCommandWhenNoHeaderIsSet() {
    AmpsSinkConfig c = config("topic", "t", "command", "delta_publish");
    assertEquals(
        PublishCommand.DELTA_PUBLISH, routed(c, event("x", "command", "sow_delete")).command);
  }

  @Test
  void anUnknownCommandIsUnpublishableAndNamedInTheReason() {
    String reason =
        refusal(config("topic", "t", "commandHeader", "cmd"), event("x", "cmd", "subscribe"));
    assertTrue(reason.contains("'subscribe'") && reason.contains("cmd"), reason);
  }

  @Test
  void carriesSowKeyCorrelationIdAndExpirationFromTheirHeaders() {
    AmpsSinkConfig c =
        config(
            "topic", "t",
            "sowKeyHeader", "key",
            "correlationIdHeader", "cid",
            "expirationHeader", "ttl");
    OutgoingMessage m = routed(c, event("x", "key", "k-1", "cid", "corr-7", "ttl", "30"));
    assertEquals("k-1", m.sowKey);
    assertEquals("corr-7", m.correlationId);
    assertEquals(30, m.expiration);
    assertFalse(m.isPlainPublish());
    OutgoingMessage plain = routed(c, event("x"));
    assertNull(plain.sowKey);
    assertNull(plain.correlationId);
    assertEquals(OutgoingMessage.NO_EXPIRATION, plain.expiration);
    assertTrue(plain.isPlainPublish());
  }

  @Test
  void ignoresTheseHeadersUnlessTheirNamesAreConfigured() {
    OutgoingMessage m =
        routed(config("topic", "t"), event("x", "sowKey", "k", "correlationId", "c"));
    assertTrue(m.isPlainPublish());
  }

  @Test
  void aBadExpirationIsUnpublishable() {
    AmpsSinkConfig c = config("topic", "t", "expirationHeader", "ttl");
    for (String bad : new String[] {"-1", "1.5", "soon", "99999999999"}) {
      String reason = refusal(c, event("x", "ttl", bad));
      assertTrue(reason.contains("ttl") && reason.contains(bad), reason);
    }
    assertEquals(0, routed(c, event("x", "ttl", "0")).expiration);
    assertEquals(Integer.MAX_VALUE, routed(c, event("x", "ttl", "2147483647")).expiration);
  }

  @Test
  void deadLettersCarryTheBodyToTheDeadLetterTopic() {
    AmpsSinkConfig c = config("unpublishablePolicy", "deadLetter", "deadLetterTopic", "dead");
    OutgoingMessage m = new EventRouter(c).deadLetter(event("payload", "topic", "orders"));
    assertEquals("dead", m.topic);
    assertTrue(m.isPlainPublish());
    assertArrayEquals("payload".getBytes(StandardCharsets.UTF_8), m.body);
  }

  @Test
  void anEventWithoutBodyOrHeadersIsPublishedEmpty() {
    Event e = EventBuilder.withBody((byte[]) null);
    e.setHeaders(null);
    OutgoingMessage m = routed(config("topic", "t"), e);
    assertEquals(0, m.body.length);
  }
}
