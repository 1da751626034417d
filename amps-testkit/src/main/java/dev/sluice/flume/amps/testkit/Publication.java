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
package dev.sluice.flume.amps.testkit;

import java.util.Map;
import java.util.logging.Logger;

/**
 * One message on its way to subscribers: the body as stored, its log entry (for bookmarks), its SOW
 * key, and, parsed at most once and only when a filter or a delta subscriber needs it, the JSON
 * document. For an update of a SOW record it also knows the previous body, for out-of-focus notices
 * and delta subscribers.
 */
final class Publication {
  private static final Logger LOG = Logger.getLogger(Publication.class.getName());
  private static final Object NOT_JSON = new Object();

  final Topic topic;
  final byte[] body;
  final int offset;
  final int length;
  final LogEntry entry;
  final String sowKey;
  final SowRecord previous;

  /** For a delta publish: the delta as received, which is what delta subscribers get. */
  final byte[] delta;

  /** The publisher's correlation id (null for none), passed verbatim to subscribers. */
  String correlationId;

  private Object document;
  private byte[] computedDelta;

  Publication(
      Topic topic,
      byte[] body,
      int offset,
      int length,
      LogEntry entry,
      String sowKey,
      SowRecord previous,
      byte[] delta,
      Object document) {
    this.topic = topic;
    this.body = body;
    this.offset = offset;
    this.length = length;
    this.entry = entry;
    this.sowKey = sowKey;
    this.previous = previous;
    this.delta = delta;
    this.document = document;
  }

  /** The parsed body, or null when the body is not JSON. */
  Object document() {
    Object d = document;
    if (d == null) {
      try {
        d = Json.parse(body, offset, length);
      } catch (Json.ParseException e) {
        topic.warnOnce(
            "not-json",
            () ->
                "a message on topic " + topic.name + " is not JSON, so no filter matches it: " + e);
        d = NOT_JSON;
      }
      document = d;
    }
    return d == NOT_JSON ? null : d;
  }

  /** What a delta subscriber receives: the changed fields (with the key fields), or the body. */
  byte[] deltaBody() {
    if (delta != null) {
      return delta;
    }
    if (previous == null || computedDelta != null) {
      return computedDelta;
    }
    Object now = document();
    Object before = previous.document();
    if (now instanceof Map && before instanceof Map) {
      Map<String, Object> diff = JsonMerge.diff(before, now, topic.keySteps());
      computedDelta = Json.write(diff).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    return computedDelta;
  }

  static void logFine(String message) {
    LOG.fine(message);
  }
}
