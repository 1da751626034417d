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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.logging.Logger;

/**
 * The protocol state of one connection and the handlers of the commands that are not about
 * subscriptions (logon, heartbeat, publish, delta_publish, flush); {@link SubscriptionCommands}
 * handles the rest. Handlers run on the connection's reader thread, one frame at a time; what they
 * send goes through {@link Replies}.
 *
 * <p>Persisted acks wait for the end of the reader's batch (every frame it read in one go), when
 * one sync of the transaction log makes the whole batch durable. Acks of publishes that carry a
 * sequence number are coalesced into one for the highest sequence, which the client accepts as
 * acknowledging everything up to it; publishes without one (no publish store) get one ack each, by
 * command id.
 */
final class Session {
  private static final Logger LOG = Logger.getLogger(Session.class.getName());
  static final String SERVER_VERSION = "5.3.5.0";

  /**
   * The reason AMPS gives when it cannot write its transaction log (the client's TxStoreFailure).
   */
  static final String TX_STORE_FAILURE = "tx store failure";

  private static final byte[] HEARTBEAT = frame("{\"c\":\"heartbeat\"}");

  private final Connection connection;
  private final AmpsTestServer server;
  private final Engine engine;
  private final SubscriptionCommands subscriptions;
  private final Replies out;
  final Map<String, Subscription> subscriptionsById = new ConcurrentHashMap<>();

  private volatile String clientName;
  private PublisherState publisher;
  private long pendingPersisted;
  private long pendingFirstSequence;
  private long batchFirstIndex;
  private long batchLastIndex;

  // A field, so the publish path hands the log the same consumer instead of allocating a method
  // reference per message.
  @SuppressWarnings("UnnecessaryLambda")
  private final LongConsumer logged =
      index -> {
        if (batchFirstIndex == 0) {
          batchFirstIndex = index;
        }
        batchLastIndex = index;
      };

  /** Command ids of unsequenced publishes whose persisted acks wait for the log write. */
  private final java.util.List<String> pendingPersistedCids = new java.util.ArrayList<>();

  private long lastLogged;
  private Topic lastTopic;
  private ScheduledFuture<?> heartbeat;

  Session(Connection connection, AmpsTestServer server) {
    this.connection = connection;
    this.server = server;
    this.engine = server.engine();
    this.out = new Replies(connection, server);
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

  /** Where this session's replies and deliveries are written. */
  Replies out() {
    return out;
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
        // A client acking messages (queues, bookmark subscriptions): the testkit has no queues, so
        // the command is refused with 'not supported' as docs/amps-testkit.md says, never
        // swallowed.
        server.warnOnce(
            "command:ack",
            () -> "the ack command is refused with 'not supported': the testkit has no queues");
        out.ackEach(h, "success", null, "received");
        out.fail(h, SubscriptionCommands.NOT_SUPPORTED);
        break;
      default:
        server.warnOnce("command:" + c, () -> "command '" + c + "' is not supported");
        out.fail(h, "invalid command");
    }
  }

  private void logon(Header h) {
    out.ackEach(h, "success", null, "received");
    String name = h.clientName;
    if (name == null || name.isEmpty()) {
      out.fail(h, "no client name");
      return;
    }
    if (h.messageType != null && !h.messageType.equals("json")) {
      out.fail(h, "invalid message type");
      return;
    }
    if (!server.authenticate(h.userId, h.password)) {
      out.fail(h, "auth failure");
      return;
    }
    if (!name.equals(clientName)) {
      if (!server.claimName(name, connection)) {
        out.fail(h, "name in use");
        return;
      }
      if (clientName != null) {
        server.releaseName(clientName, connection);
      }
    }
    clientName = name;
    publisher = engine.publisher(name);
    long last = publisher.lastSequence();
    ByteSink f = Replies.begin();
    f.field("c", "ack");
    if (h.commandId != null) {
      f.field("cid", h.commandId);
    }
    f.field("a", "processed").field("status", "success");
    f.field("bm", Bookmark.format(publisher.id, 0));
    f.field("s", last);
    f.field("client_name", name);
    f.field("v", SERVER_VERSION);
    out.finish(f);
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
        out.fail(h, "invalid options");
        return;
      }
      startHeartbeat(seconds);
    } else if (opts.startsWith("stop")) {
      startHeartbeat(0);
    }
    out.ackEach(h, "success", null, "received", "processed");
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
      out.ackEach(h, "success", null, "received");
    }
    String topicName = h.topic;
    if (topicName == null || topicName.isEmpty()) {
      out.fail(h, "invalid topic");
      return;
    }
    long seq = parseLong(h.sequence);
    PublisherState pub = publisher();
    boolean wantsPersisted = h.wantsAck("persisted");
    if (seq > 0 && !pub.accept(seq)) {
      if (wantsPersisted) {
        flushPersisted();
        out.sendAck(null, "persisted", "failure", "duplicate", seq);
      }
      return;
    }
    Topic topic = lastTopic;
    if (topic == null || !topic.name.equals(topicName)) {
      topic = engine.topic(topicName);
      lastTopic = topic;
    }
    Topic.Refusal refusal;
    Replies.PUBLISHING.set(out);
    try {
      refusal =
          topic.publish(
              pub,
              seq,
              buf,
              offset,
              length,
              delta,
              h.correlationId,
              Math.max(0, parseLong(h.expiration)),
              logged);
    } finally {
      Replies.PUBLISHING.remove();
    }
    if (topic.logged) {
      lastLogged = engine.log().nextIndex() - 1; // at or after this publish's entry
    }
    if (refusal != null) {
      String reason = refusal == Topic.Refusal.NOT_JSON ? "parse error" : "bad sow key";
      Topic t = topic;
      t.warnOnce(
          "refused:" + refusal,
          () -> "a publish to SOW topic " + t.name + " was refused: " + reason);
      if (wantsPersisted) {
        flushPersisted();
        out.sendAck(seq > 0 ? null : h, "persisted", "failure", reason, seq);
      }
      if (h.wantsAck("processed")) {
        out.sendAck(h, "processed", "failure", reason, 0);
      }
      return;
    }
    if (h.wantsAck("processed")) {
      out.sendAck(h, "processed", "success", null, 0);
    }
    if (wantsPersisted) {
      // Both kinds wait for the end of the batch, when the log has been written.
      if (seq > 0) {
        if (pendingPersisted == 0) {
          pendingFirstSequence = seq;
        }
        pendingPersisted = Math.max(pendingPersisted, seq);
      } else {
        pendingPersistedCids.add(h.commandId);
      }
    }
  }

  private void flush(Header h) {
    out.ackEach(h, "success", null, "received");
    flushPersisted();
    for (String t : new String[] {"processed", "persisted", "completed"}) {
      if (h.wantsAck(t)) {
        boolean durable = !t.equals("persisted") || syncAll();
        if (durable && t.equals("persisted")) {
          engine.afterReplicated(lastLogged, () -> out.sendAck(h, t, "success", null, 0));
        } else {
          out.sendAck(h, t, durable ? "success" : "failure", durable ? null : TX_STORE_FAILURE, 0);
        }
      }
    }
  }

  private boolean syncAll() {
    TransactionLog log = engine.log();
    if (log == null || log.syncAll()) {
      return true;
    }
    engine.forgetLost();
    return false;
  }

  /**
   * Sends the persisted acks of the publishes handled so far (the coalesced ack of the sequenced
   * ones and one per unsequenced one) once the log holds them durably: one sync for the whole batch
   * (group commit). When the log could not be written or forced, the same acks report failure with
   * {@code tx store failure}, the messages are not in the log, and the publisher's sequence goes
   * back to before them.
   */
  private void flushPersisted() {
    if (pendingPersisted == 0 && pendingPersistedCids.isEmpty()) {
      batchFirstIndex = 0;
      batchLastIndex = 0;
      return;
    }
    TransactionLog log = engine.log();
    boolean durable =
        log == null || batchLastIndex == 0 || log.sync(batchFirstIndex, batchLastIndex);
    batchFirstIndex = 0;
    batchLastIndex = 0;
    String status = durable ? "success" : "failure";
    String reason = durable ? null : TX_STORE_FAILURE;
    if (!durable) {
      engine.forgetLost();
      if (pendingPersisted > 0) {
        publisher().rollBackTo(pendingFirstSequence - 1);
      }
    }
    // With sync replication, successes also wait until the destinations hold the entries.
    long waitFor = durable ? lastLogged : 0;
    for (String cid : pendingPersistedCids) {
      engine.afterReplicated(waitFor, () -> out.sendAckFor(cid, "persisted", status, reason, 0));
    }
    pendingPersistedCids.clear();
    if (pendingPersisted > 0) {
      long upTo = pendingPersisted;
      engine.afterReplicated(
          waitFor, () -> out.sendAckFor(null, "persisted", status, reason, upTo));
      pendingPersisted = 0;
    }
  }

  /** Whether the reader may read on before ending the batch: no subscriber waits to be awaited. */
  boolean batchMayGrow() {
    return !out.hasCongestedSubscribers();
  }

  /** Called by the reader after it handled every complete frame it had. */
  void afterBatch() throws InterruptedException {
    flushPersisted();
    out.awaitCongestedSubscribers();
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
