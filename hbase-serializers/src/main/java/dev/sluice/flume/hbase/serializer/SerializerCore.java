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
package dev.sluice.flume.hbase.serializer;

import dev.sluice.flume.common.log.ThrottledLog;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.flume.Event;
import org.apache.flume.FlumeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one event into {@link EventCells}, the same for both sinks: parse the body, find the
 * timestamp, build the row key, add the body's and the headers' cells and the increment; on a bad
 * event apply the policy.
 *
 * <p>Hot path, one piece on purpose: one instance per serializer, called from the sink's one
 * thread, reusing its {@link EventCells}, key buffers and parser state for every event. Only the
 * byte arrays handed to the client are allocated per event.
 */
final class SerializerCore {
  private static final Logger LOG = LoggerFactory.getLogger(SerializerCore.class);
  private static final int LOGGED_BODY_BYTES = 256;

  private final String name;
  private final BodyFormat format;
  private final SerializerSettings settings;
  private final SerializerCounters counters;
  private final LongSupplier clock;
  private final ThrottledLog badEventLog;
  private final DeadLetters deadLetters;
  private final EventCells cells = new EventCells();

  SerializerCore(
      BodyFormat format,
      SerializerSettings settings,
      SerializerCounters counters,
      LongSupplier clock,
      LongSupplier nanoClock) {
    this.name = settings.counterGroup;
    this.format = format;
    this.settings = settings;
    this.counters = counters;
    this.clock = clock;
    this.badEventLog =
        new ThrottledLog(settings.badEventLogIntervalMillis, TimeUnit.MILLISECONDS, nanoClock);
    this.deadLetters = new DeadLetters(settings.deadLetterFamily, settings.deadLetterRowKeyPrefix);
  }

  SerializerCounters counters() {
    return counters;
  }

  /**
   * The cells of one event; valid until the next call.
   *
   * @param family the sink's column family
   * @throws FlumeException for a bad event under {@code badEventPolicy = fail}: the sink rolls its
   *     transaction back
   */
  EventCells serialize(Event event, byte[] family) {
    counters.ensureOpen();
    counters.received();
    cells.clear();
    Map<String, String> headers = event.getHeaders();
    byte[] body = event.getBody() == null ? new byte[0] : event.getBody();
    long timestamp = EventCells.SERVER_TIMESTAMP;
    try {
      BodyFormat.Parsed parsed = format.parse(body);
      timestamp = timestamp(headers, parsed);
      cells.row(settings.rowKey.render(headers, parsed, timestamp), timestamp);
      format.addCells(parsed, family, cells);
      for (HeaderColumn h : settings.headerColumns) {
        h.addCell(headers, cells);
      }
      if (settings.incrementRowKey != null) {
        cells.increment(
            settings.incrementRowKey.render(headers, parsed, timestamp),
            family,
            settings.incrementColumn);
      }
      counters.serialized(cells.size(), cells.hasIncrement());
      return cells;
    } catch (BadEvent bad) {
      return badEvent(headers, body, bad, family, timestamp);
    }
  }

  private long timestamp(Map<String, String> headers, BodyFormat.Parsed parsed) throws BadEvent {
    switch (settings.timestampFrom) {
      case HEADER:
        String value = headers.get(settings.timestampHeader);
        if (value == null || value.isEmpty()) {
          throw new BadEvent(
              BadEventReason.NO_TIMESTAMP,
              "header '"
                  + settings.timestampHeader
                  + "' is "
                  + (value == null ? "absent" : "empty"));
        }
        return Timestamps.parseMillis(value, "header '" + settings.timestampHeader + "'");
      case FIELD:
        return parsed.millis(settings.timestampField);
      case WALL_CLOCK:
        return clock.getAsLong();
      default:
        return EventCells.SERVER_TIMESTAMP;
    }
  }

  private EventCells badEvent(
      Map<String, String> headers, byte[] body, BadEvent bad, byte[] family, long timestamp) {
    BadEventPolicy policy = settings.badEventPolicy;
    cells.clear();
    if (policy == BadEventPolicy.DEAD_LETTER) {
      deadLetters.write(headers, body, bad, family, timestamp, cells);
    }
    counters.bad(bad.reason(), policy, cells.size());
    String message =
        name + ": bad event (" + bad.reason().label() + "): " + bad.detail() + bodyText(body);
    if (policy == BadEventPolicy.FAIL) {
      // The sink logs it and rolls back; logging here too would log it twice.
      throw new FlumeException(message + "; badEventPolicy = fail, so the transaction rolls back");
    }
    long held = badEventLog.tryAcquire();
    if (held >= 0) {
      LOG.warn(
          "{}; {} ({} more bad events since the last such message; counter group SERIALIZER.{})",
          message,
          policy == BadEventPolicy.SKIP ? "skipped" : "written as a dead letter",
          held,
          name);
    }
    return cells;
  }

  private String bodyText(byte[] body) {
    if (!settings.logBadEventBody) {
      return "";
    }
    int n = Math.min(body.length, LOGGED_BODY_BYTES);
    StringBuilder sb = new StringBuilder(" [body");
    if (n < body.length) {
      sb.append(", first ").append(n).append(" of ").append(body.length).append(" bytes");
    }
    sb.append(": ");
    String text = new String(body, 0, n, StandardCharsets.UTF_8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append(']').toString();
  }
}
