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

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One subscription of one connection. While its SOW snapshot or bookmark replay is being sent it
 * buffers live messages, then flushes them (dropping what the replay already covered) and switches
 * to direct delivery; the switch happens under the subscription's monitor, so nothing is lost or
 * reordered between the two.
 */
final class Subscription {
  final Session session;
  final String subId;
  final String topicSpec;
  final Pattern regex;
  final Filter filter;
  final boolean bookmarked;
  final boolean delta;
  final boolean outOfFocus;
  final boolean timestamps;
  final String queryId;
  private final byte[] subIdsField;

  private volatile boolean buffering;
  private List<Object[]> pending;

  Subscription(
      Session session,
      String subId,
      String topicSpec,
      Pattern regex,
      Filter filter,
      boolean bookmarked,
      boolean delta,
      boolean outOfFocus,
      boolean timestamps,
      String queryId) {
    this.session = session;
    this.subId = subId;
    this.topicSpec = topicSpec;
    this.regex = regex;
    this.filter = filter;
    this.bookmarked = bookmarked;
    this.delta = delta;
    this.outOfFocus = outOfFocus;
    this.timestamps = timestamps;
    this.queryId = queryId;
    ByteSink s = new ByteSink(32);
    s.append((byte) '{').field("sub_ids", subId);
    byte[] b = s.toByteArray();
    this.subIdsField = java.util.Arrays.copyOfRange(b, 1, b.length);
  }

  /** {@code "sub_ids":"id"} as bytes, written into every delivery. */
  byte[] subIdsField() {
    return subIdsField;
  }

  boolean matchesTopic(String topic) {
    return regex != null ? regex.matcher(topic).find() : topicSpec.equals(topic);
  }

  /** Start holding live messages back (before the snapshot or replay is taken). */
  void startBuffering() {
    synchronized (this) {
      pending = new ArrayList<>();
      buffering = true;
    }
  }

  /**
   * Sends what was held back, except logged messages below {@code liveFrom} (the replay sent
   * those), and switches to direct delivery.
   */
  void finishBuffering(long liveFrom) {
    synchronized (this) {
      for (Object[] p : pending) {
        Publication pub = (Publication) p[0];
        if (pub.entry != null && pub.entry.index < liveFrom) {
          continue;
        }
        if (p[1] == null) {
          session.out().sendDelivery(this, pub);
        } else {
          session.out().sendOutOfFocus(this, pub.topic, pub.sowKey, pub.body, (String) p[1]);
        }
      }
      pending = null;
      buffering = false;
    }
  }

  /** Called by the publishing thread, under the topic's monitor. */
  void deliver(Publication p) {
    if (filter != null) {
      Object doc = p.document();
      if (doc == null || !filter.matches(doc)) {
        if (outOfFocus && p.previous != null && filter.matches(p.previous.document())) {
          hand(p, "match");
        }
        return;
      }
    }
    hand(p, null);
  }

  /** A SOW record was deleted: tell an out-of-focus subscriber that had it in view. */
  void outOfFocus(Topic topic, SowRecord r, String reason) {
    if (!outOfFocus || (filter != null && !filter.matches(r.document()))) {
      return;
    }
    Publication p = new Publication(topic, r.body, 0, r.body.length, null, r.key, r, null, null);
    hand(p, reason);
  }

  private void hand(Publication p, String oofReason) {
    if (buffering) {
      synchronized (this) {
        if (buffering) {
          pending.add(new Object[] {p, oofReason});
          return;
        }
      }
    }
    if (oofReason == null) {
      session.out().sendDelivery(this, p);
    } else {
      session.out().sendOutOfFocus(this, p.topic, p.sowKey, p.body, oofReason);
    }
  }
}
