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

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

  @Test
  void randomHeadersAndBodiesRoundTripAndGsonReadsTheSameEvent() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      Map<String, String> headers = new LinkedHashMap<>();
      int n = random.nextInt(5);
      for (int h = 0; h < n; h++) {
        headers.put(randomString(random), random.nextInt(10) == 0 ? null : randomString(random));
      }
      byte[] body = new byte[random.nextInt(300)];
      random.nextBytes(body);
      byte[] m = EventCodec.encode(EventBuilder.withBody(body, headers));
      Event fast = EventCodec.decode(m);
      Event general = EventCodec.decodeAnyLayout(m);
      assertArrayEquals(body, fast.getBody());
      assertEquals(headers, fast.getHeaders(), "message " + i);
      assertArrayEquals(body, general.getBody());
      assertEquals(headers, general.getHeaders(), "message " + i);
    }
  }

  @Test
  void theBytesAreWhatGsonWroteForTheSameEvent() throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("timestamp", "1764288000000");
    headers.put("quote\"and\\slash", "line\nbreak\ttab\u0001");
    headers.put("unicode ü", "€ 😀 </script> \u2028");
    headers.put("nothing", null);
    byte[] body = new byte[200];
    new Random(3).nextBytes(body);
    Event e = EventBuilder.withBody(body, headers);
    assertEquals(
        gson(e), new String(EventCodec.encode(e), StandardCharsets.UTF_8), "the v1 layout is kept");
  }

  @Test
  void anUnpairedSurrogateSurvivesTheRoundTrip() throws Exception {
    Map<String, String> headers = Map.of("k", "a\ud800b\udc00");
    Event out = EventCodec.decode(EventCodec.encode(EventBuilder.withBody(new byte[1], headers)));
    assertEquals(headers, out.getHeaders());
  }

  @Test
  void anotherJsonLayoutOfTheFormatIsReadToo() throws Exception {
    String m = "{ \"b\": \"aGk=\", \"h\": {\"k\" : \"v\\u00fc\"}, \"v\": 1, \"x\": [1] }";
    Event out = EventCodec.decode(m.getBytes(StandardCharsets.UTF_8));
    assertEquals("hi", new String(out.getBody(), StandardCharsets.UTF_8));
    assertEquals(Map.of("k", "vü"), out.getHeaders());
  }

  @Test
  void decodesASliceOfALargerBuffer() throws Exception {
    byte[] m = EventCodec.encode(EventBuilder.withBody(new byte[] {1, 2, 3}, Map.of("a", "b")));
    byte[] framed = new byte[m.length + 20];
    System.arraycopy(m, 0, framed, 7, m.length);
    framed[6] = '{';
    framed[7 + m.length] = '}';
    Event out = EventCodec.decode(framed, 7, m.length);
    assertArrayEquals(new byte[] {1, 2, 3}, out.getBody());
    assertEquals(Map.of("a", "b"), out.getHeaders());
  }

  private static String randomString(Random random) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(6)) {
        case 0:
          sb.append((char) random.nextInt(0x20));
          break;
        case 1:
          sb.append("\"\\/".charAt(random.nextInt(3)));
          break;
        case 2:
          sb.append((char) (0x80 + random.nextInt(0xd800 - 0x80)));
          break;
        case 3:
          sb.appendCodePoint(0x10000 + random.nextInt(0x10000));
          break;
        case 4:
          sb.append((char) (0xd800 + random.nextInt(0x800))); // often unpaired
          break;
        default:
          sb.append((char) (0x20 + random.nextInt(0x5f)));
      }
    }
    return sb.toString();
  }

  /** The first version's encoder (Gson), as the reference for the layout. */
  private static String gson(Event event) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonWriter w = new JsonWriter(out)) {
      w.setHtmlSafe(false);
      w.beginObject();
      w.name("v").value(1);
      w.name("h").beginObject();
      for (Map.Entry<String, String> e : event.getHeaders().entrySet()) {
        w.name(e.getKey());
        if (e.getValue() == null) {
          w.nullValue();
        } else {
          w.value(e.getValue());
        }
      }
      w.endObject();
      w.name("b").value(Base64.getEncoder().encodeToString(event.getBody()));
      w.endObject();
    }
    return out.toString();
  }
}
