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

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.Test;

class RepublishLoopGuardTest {
  private final RepublishLoopGuard guard = new RepublishLoopGuard("bookmark", "topic");

  private static Event event(String... headers) {
    Map<String, String> h = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    return EventBuilder.withBody(new byte[0], h);
  }

  @Test
  void recognisesOurOwnMessageGoingBackToItsTopic() {
    assertTrue(guard.isLoop(event("bookmark", "4242|17|", "topic", "orders"), "orders", "4242"));
  }

  @Test
  void letsAnotherPublishersMessageThrough() {
    assertFalse(guard.isLoop(event("bookmark", "4243|17|", "topic", "orders"), "orders", "4242"));
    assertFalse(guard.isLoop(event("bookmark", "42420|17|", "topic", "orders"), "orders", "4242"));
    assertFalse(guard.isLoop(event("bookmark", "424|17|", "topic", "orders"), "orders", "4242"));
  }

  @Test
  void letsOurMessageThroughToAnotherTopic() {
    assertFalse(guard.isLoop(event("bookmark", "4242|17|", "topic", "orders"), "archive", "4242"));
  }

  @Test
  void cannotTellWithoutBookmarkOriginOrPublisherId() {
    assertFalse(guard.isLoop(event("topic", "orders"), "orders", "4242"));
    assertFalse(guard.isLoop(event("bookmark", "4242|17|"), "orders", "4242"));
    assertFalse(guard.isLoop(event("bookmark", "4242|17|", "topic", "orders"), "orders", null));
    assertFalse(guard.isLoop(event("bookmark", "garbage", "topic", "orders"), "orders", "4242"));
  }

  @Test
  void readsConfiguredHeaderNames() {
    RepublishLoopGuard g = new RepublishLoopGuard("bm", "origin");
    assertTrue(g.isLoop(event("bm", "7|1|", "origin", "t"), "t", "7"));
    assertFalse(g.isLoop(event("bookmark", "7|1|", "topic", "t"), "t", "7"));
  }
}
