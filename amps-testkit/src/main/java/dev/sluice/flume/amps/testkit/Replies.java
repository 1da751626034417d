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

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Writes frames to one connection: acks (each ack type a command asked for, with its outcome),
 * deliveries of publications to its subscriptions, out-of-focus notices. Frames are built in a
 * per-thread scratch buffer and copied whole into the connection's {@link Outbound}, so any thread
 * may call these methods. Deliveries are on the hot path: the publish prefix, the topic's JSON name
 * and the subscription's {@code sub_ids} are precomputed bytes.
 */
final class Replies {
  private static final Logger LOG = Logger.getLogger(Replies.class.getName());

  private static final ThreadLocal<ByteSink> SCRATCH =
      ThreadLocal.withInitial(() -> new ByteSink(1024));

  /** The replies of the session whose reader thread is publishing, to note slow subscribers. */
  static final ThreadLocal<Replies> PUBLISHING = new ThreadLocal<>();

  private static final byte[] PUBLISH_PREFIX = ascii("{\"c\":\"p\",\"t\":");
  private static final byte[] SUB_IDS_PREFIX = ascii(",");

  private final Connection connection;
  private final AmpsTestServer server;

  /** Subscribers this session's publishes pushed past the soft limit (its reader thread only). */
  private final Set<Outbound> congested = Collections.newSetFromMap(new IdentityHashMap<>());

  Replies(Connection connection, AmpsTestServer server) {
    this.connection = connection;
    this.server = server;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Starts a frame in the calling thread's scratch buffer; returns it with the header open. */
  static ByteSink begin() {
    ByteSink f = SCRATCH.get();
    f.reset();
    f.reserveInt();
    f.append((byte) '{');
    return f;
  }

  /** Closes the header, appends the body, fills in the length and queues the frame. */
  long finish(ByteSink f, byte[] body, int offset, int length) {
    f.append((byte) '}');
    if (body != null) {
      f.append(body, offset, length);
    }
    f.putInt(0, f.size() - 4);
    return connection.outbound().send(f.array(), 0, f.size());
  }

  long finish(ByteSink f) {
    return finish(f, null, 0, 0);
  }

  /** Sends one ack frame now, or after the configured ack delay for persisted acks. */
  void sendAck(
      Header h, String type, String status, String reason, long sequence, String... extra) {
    ByteSink f = begin();
    f.field("c", "ack");
    if (h != null && h.commandId != null) {
      f.field("cid", h.commandId);
    }
    f.field("a", type).field("status", status);
    if (reason != null) {
      f.field("reason", reason);
    }
    if (sequence > 0) {
      f.field("s", sequence);
    }
    if (h != null && h.subId != null) {
      f.field("sub_id", h.subId);
    }
    if (h != null && h.queryId != null) {
      f.field("query_id", h.queryId);
    }
    for (int i = 0; i + 1 < extra.length; i += 2) {
      String v = extra[i + 1];
      if (v == null) {
        continue;
      }
      if (!v.isEmpty() && v.chars().allMatch(Character::isDigit) && v.length() < 18) {
        f.field(extra[i], Long.parseLong(v));
      } else {
        f.field(extra[i], v);
      }
    }
    f.append((byte) '}');
    f.putInt(0, f.size() - 4);
    queue(f, type);
  }

  /** Queues a finished ack frame now, or after the configured ack delay for persisted acks. */
  private void queue(ByteSink f, String type) {
    long delay = "persisted".equals(type) ? server.persistedAckDelayMillis() : 0;
    if (delay > 0) {
      byte[] copy = f.toByteArray();
      sendLater(copy, delay);
    } else {
      connection.outbound().send(f.array(), 0, f.size());
    }
  }

  // send() handles a closed or slow connection itself (returns 0 or closes it); nothing waits on
  // the delayed ack, so the scheduler's future has nothing to report.
  @SuppressWarnings("FutureReturnValueIgnored")
  private void sendLater(byte[] copy, long delay) {
    {
      server
          .engine()
          .scheduler()
          .schedule(
              () -> connection.outbound().send(copy, 0, copy.length), delay, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Sends an ack that names only a command id (null for none), such as a deferred persisted ack.
   */
  void sendAckFor(String commandId, String type, String status, String reason, long sequence) {
    ByteSink f = begin();
    f.field("c", "ack");
    if (commandId != null) {
      f.field("cid", commandId);
    }
    f.field("a", type).field("status", status);
    if (reason != null) {
      f.field("reason", reason);
    }
    if (sequence > 0) {
      f.field("s", sequence);
    }
    f.append((byte) '}');
    f.putInt(0, f.size() - 4);
    queue(f, type);
  }

  /** Sends the acks the command asked for, out of {@code types}, with the same outcome. */
  void ackEach(Header h, String status, String reason, String... types) {
    for (String t : types) {
      if (h.wantsAck(t)) {
        sendAck(h, t, status, reason, 0);
      }
    }
  }

  /** A failed command: every ack it asked for (but received) reports the failure. */
  void fail(Header h, String reason) {
    LOG.fine(() -> "command " + h.command + " from " + connection.describe() + ": " + reason);
    boolean any = false;
    for (String t : new String[] {"processed", "completed", "stats", "persisted"}) {
      if (h.wantsAck(t)) {
        sendAck(h, t, "failure", reason, 0);
        any = true;
      }
    }
    if (!any) {
      server.warnOnce(
          "unacked-failure:" + reason,
          () ->
              "a "
                  + h.command
                  + " command failed with '"
                  + reason
                  + "' but asked for no ack, so the client is not told");
    }
  }

  /** Delivers a publication to a subscription of this connection (any thread). */
  void sendDelivery(Subscription s, Publication p) {
    ByteSink f = begin();
    f.append(PUBLISH_PREFIX, 1, PUBLISH_PREFIX.length - 1);
    f.append(p.topic.jsonName);
    f.append(SUB_IDS_PREFIX).append(s.subIdsField());
    if (p.sowKey != null) {
      f.append((byte) ',').append((byte) '"').append((byte) 'k').append((byte) '"');
      f.append((byte) ':').jsonString(p.sowKey);
    }
    if (p.correlationId != null) {
      f.field("x", p.correlationId);
    }
    if (s.bookmarked && p.entry != null) {
      f.ascii(",\"bm\":\"");
      Bookmark.append(f, p.entry.publisherId, p.entry.bookmarkSequence);
      f.append((byte) '"');
    }
    if (s.timestamps) {
      long ts = p.entry != null ? p.entry.timestampMillis : System.currentTimeMillis();
      f.field("ts", Bookmark.timestamp(ts));
    }
    long queued;
    if (s.delta && (p.delta != null || p.previous != null)) {
      byte[] d = p.deltaBody();
      queued = d != null ? finish(f, d, 0, d.length) : finish(f, p.body, p.offset, p.length);
    } else {
      queued = finish(f, p.body, p.offset, p.length);
    }
    if (queued > server.softOutboundLimitBytes()) {
      Replies publisher = PUBLISHING.get();
      if (publisher != null && publisher != this) {
        publisher.congested.add(connection.outbound());
      }
    }
  }

  /** Tells a subscription that a SOW record left its view. */
  void sendOutOfFocus(Subscription s, Topic topic, String key, byte[] body, String reason) {
    ByteSink f = begin();
    f.field("c", "oof").field("t", topic.name).field("sub_ids", s.subId);
    if (key != null) {
      f.field("k", key);
    }
    f.field("reason", reason);
    finish(f, body, 0, body.length);
  }

  /** Whether this session's publishes left a subscriber far behind (see below). */
  boolean hasCongestedSubscribers() {
    return !congested.isEmpty();
  }

  /** Waits (a bounded time) for the subscribers this session's publishes left far behind. */
  void awaitCongestedSubscribers() throws InterruptedException {
    if (congested.isEmpty()) {
      return;
    }
    for (Outbound o : congested) {
      o.awaitBelow(server.softOutboundLimitBytes() / 2, 5_000);
    }
    congested.clear();
  }
}
