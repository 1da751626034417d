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

import dev.sluice.flume.amps.sink.AmpsSinkConfig.PublishCommand;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Event;

/**
 * Turns an event into the AMPS command it becomes, from the sink's configuration and the event's
 * headers: the topic ({@code topicHeader} when {@code useTopicHeader}, else {@code topic}), the
 * command ({@code commandHeader}, else {@code command}), the SOW key, correlation id and expiration
 * from their headers when those are configured. An event that can never be published (no topic, an
 * unknown command, a bad expiration) gets a reason instead of a message. Not thread-safe: one per
 * sink, used on the sink's thread.
 */
final class EventRouter {
  /** Topic names are few; bound the cache anyway so header values cannot grow it for ever. */
  private static final int TOPIC_CACHE_LIMIT = 10_000;

  private final AmpsSinkConfig config;
  private final Map<String, byte[]> topicBytes = new HashMap<>();

  EventRouter(AmpsSinkConfig config) {
    this.config = config;
  }

  /** The outcome for one event: a message, or the reason the event can never be published. */
  static final class Route {
    final OutgoingMessage message;
    final String unpublishableReason;

    private Route(OutgoingMessage message, String unpublishableReason) {
      this.message = message;
      this.unpublishableReason = unpublishableReason;
    }

    static Route of(OutgoingMessage m) {
      return new Route(m, null);
    }

    static Route unpublishable(String reason) {
      return new Route(null, reason);
    }

    boolean isPublishable() {
      return message != null;
    }
  }

  Route route(Event event) {
    Map<String, String> headers = event.getHeaders();
    String topic = null;
    if (config.useTopicHeader) {
      topic = nonBlank(header(headers, config.topicHeader));
    }
    if (topic == null) {
      topic = config.topic;
    }
    if (topic == null) {
      return Route.unpublishable(
          "no topic: header '" + config.topicHeader + "' is absent and no default topic is set");
    }
    PublishCommand command = config.command;
    if (config.commandHeader != null) {
      String word = nonBlank(header(headers, config.commandHeader));
      if (word != null) {
        command = PublishCommand.parse(word);
        if (command == null) {
          return Route.unpublishable(
              "header '"
                  + config.commandHeader
                  + "' = '"
                  + abbreviate(word)
                  + "' is not publish, delta_publish or sow_delete");
        }
      }
    }
    String sowKey =
        config.sowKeyHeader == null ? null : nonBlank(header(headers, config.sowKeyHeader));
    String correlationId =
        config.correlationIdHeader == null
            ? null
            : nonBlank(header(headers, config.correlationIdHeader));
    int expiration = OutgoingMessage.NO_EXPIRATION;
    if (config.expirationHeader != null) {
      String e = nonBlank(header(headers, config.expirationHeader));
      if (e != null) {
        expiration = parseExpiration(e);
        if (expiration == OutgoingMessage.NO_EXPIRATION) {
          return Route.unpublishable(
              "header '"
                  + config.expirationHeader
                  + "' = '"
                  + abbreviate(e)
                  + "' is not a whole number of seconds from 0 to "
                  + Integer.MAX_VALUE);
        }
      }
    }
    byte[] body = event.getBody();
    if (body == null) {
      body = new byte[0];
    }
    return Route.of(
        new OutgoingMessage(
            command, topic, topicBytes(topic), body, sowKey, correlationId, expiration));
  }

  /** The message that carries an unpublishable event's body to the dead-letter topic. */
  OutgoingMessage deadLetter(Event event) {
    byte[] body = event.getBody() == null ? new byte[0] : event.getBody();
    String topic = config.deadLetterTopic;
    return new OutgoingMessage(
        PublishCommand.PUBLISH,
        topic,
        topicBytes(topic),
        body,
        null,
        null,
        OutgoingMessage.NO_EXPIRATION);
  }

  private byte[] topicBytes(String topic) {
    byte[] b = topicBytes.get(topic);
    if (b == null) {
      if (topicBytes.size() >= TOPIC_CACHE_LIMIT) {
        topicBytes.clear();
      }
      b = topic.getBytes(StandardCharsets.UTF_8);
      topicBytes.put(topic, b);
    }
    return b;
  }

  private static String header(Map<String, String> headers, String name) {
    return headers == null ? null : headers.get(name);
  }

  private static String nonBlank(String s) {
    return s == null || s.trim().isEmpty() ? null : s;
  }

  /** Whole seconds from 0 to Integer.MAX_VALUE, else NO_EXPIRATION. */
  static int parseExpiration(String s) {
    String t = s.trim();
    if (t.isEmpty() || t.length() > 10) {
      return OutgoingMessage.NO_EXPIRATION;
    }
    long v = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return OutgoingMessage.NO_EXPIRATION;
      }
      v = v * 10 + (c - '0');
    }
    return v > Integer.MAX_VALUE ? OutgoingMessage.NO_EXPIRATION : (int) v;
  }

  /** A header value shortened for a log line (values are not bodies, but can still be long). */
  static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 61) + "...";
  }
}
