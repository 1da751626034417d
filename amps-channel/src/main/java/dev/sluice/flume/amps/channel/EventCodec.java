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

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;

/**
 * How an event travels as one AMPS message on a {@code json} connection: a JSON object {@code
 * {"v":1,"h":{"name":"value",...},"b":"<base64 of the body>"}}. Headers are JSON strings (any
 * Unicode, escaped by JSON's rules); the body is base64 so any bytes survive (binary bodies
 * included), at a third more bytes on the wire. Version 1 is the only version; a reader refuses
 * others, so a later format can be told apart.
 */
final class EventCodec {
  static final int VERSION = 1;

  private EventCodec() {}

  /** A message that is not an event this codec wrote. */
  static final class Undecodable extends Exception {
    private static final long serialVersionUID = 1L;

    Undecodable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static byte[] encode(Event event) {
    StringWriter out = new StringWriter(64 + event.getBody().length * 4 / 3);
    try (JsonWriter w = new JsonWriter(out)) {
      w.setHtmlSafe(false);
      w.beginObject();
      w.name("v").value(VERSION);
      w.name("h").beginObject();
      Map<String, String> headers = event.getHeaders();
      if (headers != null) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
          w.name(e.getKey());
          if (e.getValue() == null) {
            w.nullValue();
          } else {
            w.value(e.getValue());
          }
        }
      }
      w.endObject();
      w.name("b").value(Base64.getEncoder().encodeToString(event.getBody()));
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  static Event decode(byte[] message) throws Undecodable {
    Map<String, String> headers = new LinkedHashMap<>();
    byte[] body = null;
    int version = -1;
    try (JsonReader r =
        new JsonReader(new StringReader(new String(message, StandardCharsets.UTF_8)))) {
      r.beginObject();
      while (r.hasNext()) {
        String name = r.nextName();
        switch (name) {
          case "v":
            version = r.nextInt();
            break;
          case "h":
            r.beginObject();
            while (r.hasNext()) {
              String key = r.nextName();
              if (r.peek() == JsonToken.NULL) {
                r.nextNull();
                headers.put(key, null);
              } else {
                headers.put(key, r.nextString());
              }
            }
            r.endObject();
            break;
          case "b":
            body = Base64.getDecoder().decode(r.nextString());
            break;
          default:
            r.skipValue();
        }
      }
      r.endObject();
      if (r.peek() != JsonToken.END_DOCUMENT) {
        throw new Undecodable("text after the event object", null);
      }
    } catch (IOException | IllegalStateException | IllegalArgumentException e) {
      throw new Undecodable("not an amps-channel event (" + e.getMessage() + ")", e);
    }
    if (version != VERSION) {
      throw new Undecodable(
          version == -1
              ? "not an amps-channel event (no \"v\")"
              : "amps-channel event version " + version + ", this channel reads " + VERSION,
          null);
    }
    if (body == null) {
      throw new Undecodable("not an amps-channel event (no \"b\")", null);
    }
    return EventBuilder.withBody(body, headers);
  }
}
