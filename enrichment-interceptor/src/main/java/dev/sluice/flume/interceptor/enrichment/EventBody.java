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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flume.Event;

/**
 * An event's body read at most once per batch, as UTF-8 text for the key regex and as a JSON tree
 * for key pointers and the body merge, which then share one parse.
 */
final class EventBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Event event;
  private String text;
  private JsonNode json;
  private boolean jsonParsed;

  EventBody(Event event) {
    this.event = event;
  }

  String text() {
    if (text == null) {
      byte[] body = event.getBody();
      text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
    return text;
  }

  /** The body parsed as JSON, or null when it is empty or not JSON. */
  JsonNode json() {
    if (!jsonParsed) {
      jsonParsed = true;
      byte[] body = event.getBody();
      if (body != null && body.length > 0) {
        try {
          json = JSON.readTree(body);
        } catch (IOException e) {
          json = null;
        }
      }
    }
    return json;
  }

  /** Writes a changed JSON tree back as the event's body. */
  void write(JsonNode tree) {
    try {
      event.setBody(JSON.writeValueAsBytes(tree));
    } catch (JsonProcessingException e) {
      // A tree Jackson itself parsed and we only added text fields to always serialises.
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
    json = tree;
    text = null;
  }

  static ObjectMapper mapper() {
    return JSON;
  }
}
