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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The protocol state of one connection and the handlers of the commands that are not about
 * subscriptions (logon, heartbeat, publish, delta_publish, flush); {@link SubscriptionCommands}
 * handles the rest. Handlers run on the connection's reader thread, one frame at a time, except
 * {@link #sendDelivery} which publishing threads call.
 *
 * <p>Persisted acks for publishes that carry a sequence number are coalesced: the reader sends one
 * ack for the highest sequence after it has handled every frame it read in one go, which the client
 * accepts as acknowledging everything up to it.
 */
final class Session {
  private static final Logger LOG = Logger.getLogger(Session.class.getName());
  static final String SERVER_VERSION = "5.3.5.0";

  private static final ThreadLocal<ByteSink> SCRATCH =
      ThreadLocal.withInitial(() -> new ByteSink(1024));

  /** The session whose reader thread is publishing, to note subscribers that fall behind. */
  private static final ThreadLocal<Session> PUBLISHING = new ThreadLocal<>();

  private static final byte[] PUBLISH_PREFIX = ascii("{\"c\":\"p\",\"t\":");
  private static final byte[] SUB_IDS_PREFIX = ascii(",");
  private static final byte[] HEARTBEAT = frame("{\"c\":\"heartbeat\"}");

  private final Connection connection;
  private final AmpsTestServer server;
  private final Engine engine;
  private final SubscriptionCommands subscriptions;
  final Map<String, Subscription> subscriptionsById = new ConcurrentHashMap<>();

  private volatile String clientName;
  private PublisherState publisher;
  private long pendingPersisted;
  private Topic lastTopic;
  private ScheduledFuture<?> heartbeat;
  private final Set<Outbound> congested =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  Session(Connection connection, AmpsTestServer server) {
    this.connection = connection;
    this.server = server;
    this.engine = server.engine();
    this.subscriptions = new SubscriptionCommands(this, engine);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static byte[] frame(String header) {
    byte[] h = ascii(header);
    byte[] f = new byte[4 + h.length];
    f[0] = (byte) (h.length >>> 24);
    f[1] = (byte) (h.length >>> 16);
    f[2] = (byte) (h.length >>> 8);
    f[3] = (byte) h.length;
    System.arraycopy(h, 0, f, 4, h.length);
    return f;
  }

  String clientName() {
    return clientName;
  }

  Connection connection() {
    return connection;
  }

  AmpsTestServer server() {
    return server;
  }

  /** The publisher identity of this connection: its client name, or an anonymous one. */
  PublisherState publisher() {
    if (publisher == null) {
      publisher = engine.publisher("anonymous-" + server.instanceName() + "-" + connection.id());
    }
    return publisher;
  }

  // ---------------------------------------------------------------- frames out

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
    long delay = "persisted".equals(type) ? server.persistedAckDelayMillis() : 0;
    if (delay > 0) {
      byte[] copy = f.toByteArray();
      engine
          .scheduler()
          .schedule(
              () -> connection.outbound().send(copy, 0, copy.length), delay, TimeUnit.MILLISECONDS);
    } else {
      connection.outbound().send(f.array(), 0, f.size());
    }
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
    if (s.bookmarked && p.entry != null) {
      f.ascii(",\"bm\":\"");
      Bookmark.append(f, p.entry.publisherId, p.entry.index);
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
      Session publisherSession = PUBLISHING.get();
      if (publisherSession != null && publisherSession != this) {
        publisherSession.congested.add(connection.outbound());
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

  // ---------------------------------------------------------------- frames in

  void handleFrame(byte[] buf, int offset, int length) throws Header.MalformedHeaderException {
    Header h = Header.parse(buf, offset, length);
    int bodyOffset = h.bodyOffset;
    int bodyLength = offset + length - bodyOffset;
    if (h.otherFields != null) {
      for (String name : h.otherFields) {
        server.warnOnce(
            "field:" + name, () -> "header field '" + name + "' is accepted and ignored");
      }
    }
    String c = h.command;
    if (c == null) {
      throw new Header.MalformedHeaderException("the header has no command (c)");
    }
    switch (c) {
      case "p":
      case "publish":
        publish(h, buf, bodyOffset, bodyLength, false);
        break;
      case "delta_publish":
        publish(h, buf, bodyOffset, bodyLength, true);
        break;
      case "logon":
        logon(h);
        break;
      case "heartbeat":
        heartbeat(h);
        break;
      case "flush":
        flush(h);
        break;
      case "subscribe":
      case "delta_subscribe":
        subscriptions.subscribe(h, c.startsWith("delta"));
        break;
      case "sow":
        subscriptions.sow(h);
        break;
      case "sow_and_subscribe":
      case "sow_and_delta_subscribe":
        subscriptions.sowAndSubscribe(h, c.contains("delta"));
        break;
      case "unsubscribe":
        subscriptions.unsubscribe(h);
        break;
      case "sow_delete":
        subscriptions.sowDelete(h, buf, bodyOffset, bodyLength);
        break;
      case "ack":
        break; // queue acknowledgements: there are no queues here
      default:
        server.warnOnce("command:" + c, () -> "command '" + c + "' is not supported");
        fail(h, "invalid command");
    }
  }

  private void logon(Header h) {
    ackEach(h, "success", null, "received");
    String name = h.clientName;
    if (name == null || name.isEmpty()) {
      fail(h, "no client name");
      return;
    }
    if (h.messageType != null && !h.messageType.equals("json")) {
      fail(h, "invalid message type");
      return;
    }
    if (!server.authenticate(h.userId, h.password)) {
      fail(h, "auth failure");
      return;
    }
    if (!name.equals(clientName)) {
      if (!server.claimName(name, connection)) {
        fail(h, "name in use");
        return;
      }
      if (clientName != null) {
        server.releaseName(clientName, connection);
      }
    }
    clientName = name;
    publisher = engine.publisher(name);
    long last = publisher.lastSequence();
    ByteSink f = begin();
    f.field("c", "ack");
    if (h.commandId != null) {
      f.field("cid", h.commandId);
    }
    f.field("a", "processed").field("status", "success");
    f.field("bm", Bookmark.format(publisher.id, 0));
    f.field("s", last);
    f.field("client_name", name);
    f.field("v", SERVER_VERSION);
    finish(f);
    LOG.fine(() -> "logon " + connection.describe() + " last sequence " + last);
  }

  private void heartbeat(Header h) {
    String opts = h.options == null ? "" : h.options;
    if (opts.startsWith("start")) {
      int comma = opts.indexOf(',');
      long seconds = 0;
      try {
        seconds = comma < 0 ? 0 : Long.parseLong(opts.substring(comma + 1).trim());
      } catch (NumberFormatException e) {
        fail(h, "invalid options");
        return;
      }
      startHeartbeat(seconds);
    } else if (opts.startsWith("stop")) {
      startHeartbeat(0);
    }
    ackEach(h, "success", null, "received", "processed");
  }

  private synchronized void startHeartbeat(long seconds) {
    if (heartbeat != null) {
      heartbeat.cancel(false);
      heartbeat = null;
    }
    if (seconds <= 0) {
      return;
    }
    long silenceNanos = TimeUnit.SECONDS.toNanos(seconds * 2 + 1);
    heartbeat =
        engine
            .scheduler()
            .scheduleAtFixedRate(
                () -> {
                  if (server.isStalled()) {
                    return;
                  }
                  if (System.nanoTime() - connection.lastReadNanos() > silenceNanos) {
                    connection.close("no heartbeat from the client for " + (2 * seconds) + "s");
                    return;
                  }
                  connection.outbound().send(HEARTBEAT, 0, HEARTBEAT.length);
                },
                seconds,
                seconds,
                TimeUnit.SECONDS);
  }

  private void publish(Header h, byte[] buf, int offset, int length, boolean delta) {
    if (h.ackType != null) {
      ackEach(h, "success", null, "received");
    }
    String topicName = h.topic;
    if (topicName == null || topicName.isEmpty()) {
      fail(h, "invalid topic");
      return;
    }
    long seq = parseLong(h.sequence);
    PublisherState pub = publisher();
    boolean wantsPersisted = h.wantsAck("persisted");
    if (seq > 0 && !pub.accept(seq)) {
      if (wantsPersisted) {
        flushPersisted();
        sendAck(null, "persisted", "failure", "duplicate", seq);
      }
      return;
    }
    Topic topic = lastTopic;
    if (topic == null || !topic.name.equals(topicName)) {
      topic = engine.topic(topicName);
      lastTopic = topic;
    }
    Topic.Refusal refusal;
    PUBLISHING.set(this);
    try {
      refusal = topic.publish(pub, seq, buf, offset, length, delta);
    } finally {
      PUBLISHING.remove();
    }
    if (refusal != null) {
      String reason = refusal == Topic.Refusal.NOT_JSON ? "parse error" : "bad sow key";
      Topic t = topic;
      t.warnOnce(
          "refused:" + refusal,
          () -> "a publish to SOW topic " + t.name + " was refused: " + reason);
      if (wantsPersisted) {
        flushPersisted();
        sendAck(seq > 0 ? null : h, "persisted", "failure", reason, seq);
      }
      if (h.wantsAck("processed")) {
        sendAck(h, "processed", "failure", reason, 0);
      }
      return;
    }
    if (h.wantsAck("processed")) {
      sendAck(h, "processed", "success", null, 0);
    }
    if (wantsPersisted) {
      if (seq > 0) {
        pendingPersisted = Math.max(pendingPersisted, seq);
      } else {
        flushPersisted();
        sendAck(h, "persisted", "success", null, 0);
      }
    }
  }

  private void flush(Header h) {
    ackEach(h, "success", null, "received");
    flushPersisted();
    for (String t : new String[] {"processed", "persisted", "completed"}) {
      if (h.wantsAck(t)) {
        sendAck(h, t, "success", null, 0);
      }
    }
  }

  /** Sends the coalesced persisted ack, after the log has reached the disk if it is kept there. */
  private void flushPersisted() {
    if (pendingPersisted > 0) {
      if (engine.log() != null) {
        engine.log().flush();
      }
      sendAck(null, "persisted", "success", null, pendingPersisted);
      pendingPersisted = 0;
    }
  }

  /** Called by the reader after it handled every complete frame it had. */
  void afterBatch() throws InterruptedException {
    flushPersisted();
    if (!congested.isEmpty()) {
      for (Outbound o : congested) {
        o.awaitBelow(server.softOutboundLimitBytes() / 2, 5_000);
      }
      congested.clear();
    }
  }

  void closed() {
    startHeartbeat(0);
    subscriptions.removeAll();
    String name = clientName;
    if (name != null) {
      server.releaseName(name, connection);
    }
  }

  static long parseLong(String s) {
    if (s == null || s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
