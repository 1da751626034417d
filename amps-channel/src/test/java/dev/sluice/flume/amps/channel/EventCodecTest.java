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
package dev.sluice.flume.amps.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.Test;

class EventCodecTest {
  @Test
  void binaryBodiesAndAwkwardHeadersSurviveTheRoundTrip() throws Exception {
    byte[] body = new byte[4096];
    new Random(42).nextBytes(body);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("plain", "v");
    headers.put("quote\"and\\slash", "line\nbreak\ttab");
    headers.put("unicode ü", "€ 😀 \u0000 </script>");
    headers.put("empty", "");
    Event out = EventCodec.decode(EventCodec.encode(EventBuilder.withBody(body, headers)));
    assertArrayEquals(body, out.getBody());
    assertEquals(headers, out.getHeaders());
  }

  @Test
  void anEmptyBodyAndNoHeadersRoundTrip() throws Exception {
    Event out = EventCodec.decode(EventCodec.encode(EventBuilder.withBody(new byte[0])));
    assertEquals(0, out.getBody().length);
    assertTrue(out.getHeaders().isEmpty());
  }

  @Test
  void theMessageIsJsonWithVersionHeadersAndBase64Body() {
    byte[] m =
        EventCodec.encode(
            EventBuilder.withBody("hi".getBytes(StandardCharsets.UTF_8), Map.of("k", "v")));
    assertEquals(
        "{\"v\":1,\"h\":{\"k\":\"v\"},\"b\":\"aGk=\"}", new String(m, StandardCharsets.UTF_8));
  }

  @Test
  void plainJsonFromAnotherPublisherIsNotAnEvent() {
    EventCodec.Undecodable e =
        assertThrows(
            EventCodec.Undecodable.class,
            () -> EventCodec.decode("{\"id\":1}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("no \"v\""), e.getMessage());
  }

  @Test
  void anotherVersionIsRefusedByName() {
    EventCodec.Undecodable e =
        assertThrows(
            EventCodec.Undecodable.class,
            () ->
                EventCodec.decode(
                    "{\"v\":2,\"h\":{},\"b\":\"\"}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
  }

  @Test
  void textThatIsNotJsonOrBadBase64IsRefused() {
    assertThrows(
        EventCodec.Undecodable.class,
        () -> EventCodec.decode("not json".getBytes(StandardCharsets.UTF_8)));
    assertThrows(
        EventCodec.Undecodable.class,
        () ->
            EventCodec.decode("{\"v\":1,\"h\":{},\"b\":\"@@@\"}".getBytes(StandardCharsets.UTF_8)));
    assertThrows(
        EventCodec.Undecodable.class,
        () -> EventCodec.decode("{\"v\":1,\"h\":{}}".getBytes(StandardCharsets.UTF_8)));
  }
}
