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

import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.fields.CommandField;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Builds an event's headers from an AMPS message, for the names listed in {@code eventHeaders}
 * (60East's names and meanings). A header whose value the message does not carry (a sow key on a
 * plain publish, a bookmark on a non-bookmark subscription) is left out rather than set to null.
 */
final class HeaderMapper {
  static final String COMMAND = "command";
  static final String TOPIC = "topic";
  static final String SOW_KEY = "sowKey";
  static final String AMPS_TIMESTAMP = "ampsTimestamp";
  static final String BOOKMARK = "bookmark";
  static final String CORRELATION_ID = "correlationId";
  static final String SUB_ID = "subId";
  static final String LENGTH = "length";
  static final String TIMESTAMP = "timestamp";

  private final boolean command;
  private final boolean topic;
  private final boolean sowKey;
  private final boolean ampsTimestamp;
  private final boolean bookmark;
  private final boolean correlationId;
  private final boolean subId;
  private final boolean length;
  private final boolean timestamp;
  private final boolean none;
  private final LongSupplier clock;

  HeaderMapper(List<String> names, LongSupplier wallClockMillis) {
    this.command = names.contains(COMMAND);
    this.topic = names.contains(TOPIC);
    this.sowKey = names.contains(SOW_KEY);
    this.ampsTimestamp = names.contains(AMPS_TIMESTAMP);
    this.bookmark = names.contains(BOOKMARK);
    this.correlationId = names.contains(CORRELATION_ID);
    this.subId = names.contains(SUB_ID);
    this.length = names.contains(LENGTH);
    this.timestamp = names.contains(TIMESTAMP);
    this.none = names.isEmpty();
    this.clock = wallClockMillis;
  }

  /**
   * The headers for one message whose body is {@code bodyLength} bytes. Returns a shared empty map
   * when no headers are configured; the events built from it get their own mutable map.
   */
  // Documented above: the shared empty map saves an allocation per event when no header is asked.
  @SuppressWarnings("MixedMutabilityReturnType")
  Map<String, String> headers(Message m, int bodyLength) {
    if (none) {
      return Collections.emptyMap();
    }
    Map<String, String> h = new HashMap<>(16);
    if (command) {
      put(h, COMMAND, CommandField.encodeCommand(m.getCommand()));
    }
    if (topic) {
      put(h, TOPIC, m.getTopic());
    }
    if (sowKey) {
      put(h, SOW_KEY, m.getSowKey());
    }
    if (ampsTimestamp) {
      put(h, AMPS_TIMESTAMP, m.getTimestamp());
    }
    if (bookmark) {
      put(h, BOOKMARK, m.getBookmark());
    }
    if (correlationId) {
      put(h, CORRELATION_ID, m.getCorrelationId());
    }
    if (subId) {
      put(h, SUB_ID, m.getSubId());
    }
    if (length) {
      h.put(LENGTH, Integer.toString(bodyLength));
    }
    if (timestamp) {
      h.put(TIMESTAMP, Long.toString(clock.getAsLong()));
    }
    return h;
  }

  private static void put(Map<String, String> h, String name, String value) {
    if (value != null && !value.isEmpty()) {
      h.put(name, value);
    }
  }
}
