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

import java.util.Map;
import org.apache.flume.Event;

/**
 * Recognises an event that this sink published to AMPS before and that came back through an AMPS
 * source to be published to the same topic again: a republish loop, which would repeat for ever.
 *
 * <p>An AMPS source can put the message's bookmark and topic into event headers (60East's source
 * and Sluice's do with {@code eventHeaders = topic,bookmark}). A bookmark starts with the id of the
 * publisher that published the message, and AMPS derives that id from the client name: the same id
 * the sink's client learns at logon. So an event whose bookmark names this sink's publisher id and
 * whose origin topic is the topic it is about to be published to is a loop. Events without those
 * headers cannot be recognised (see docs/amps-sink.md for how to avoid loops by configuration).
 */
final class RepublishLoopGuard {
  private final String bookmarkHeader;
  private final String originTopicHeader;

  RepublishLoopGuard(String bookmarkHeader, String originTopicHeader) {
    this.bookmarkHeader = bookmarkHeader;
    this.originTopicHeader = originTopicHeader;
  }

  /**
   * @param publisherId this sink's publisher id as AMPS reported it at logon, or null if unknown
   */
  boolean isLoop(Event event, String destinationTopic, String publisherId) {
    if (publisherId == null || publisherId.isEmpty()) {
      return false;
    }
    Map<String, String> headers = event.getHeaders();
    if (headers == null) {
      return false;
    }
    String bookmark = headers.get(bookmarkHeader);
    if (bookmark == null) {
      return false;
    }
    String origin = headers.get(originTopicHeader);
    if (origin == null || !origin.equals(destinationTopic)) {
      return false;
    }
    int bar = bookmark.indexOf('|');
    return bar > 0 && bar == publisherId.length() && bookmark.regionMatches(0, publisherId, 0, bar);
  }
}
