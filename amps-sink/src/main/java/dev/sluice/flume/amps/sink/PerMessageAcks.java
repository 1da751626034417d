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

import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageHandler;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Acknowledgement bookkeeping for {@code pubStoreType = none}, where no publish store keeps a copy
 * and every message asks AMPS for its own persisted ack: which messages are still waiting, which
 * were lost with a connection (their acks will never come), and which AMPS refused.
 *
 * <p>Tokens are handed out on the sink's thread; acks and connection losses arrive on the client's
 * reader thread. No lock: every question the sink thread asks is answered from single reads of the
 * concurrent sets, never a check and a second read the reader thread can change in between, and the
 * reader thread moves a lost token into {@code lost} before it leaves {@code pending}, so a token
 * is always in at least one of them until its ack is counted. {@link #settle} reads {@code pending}
 * first and {@code lost} second, which with that order can never mistake a lost ack for a received
 * one.
 */
final class PerMessageAcks {
  /** Where a batch's acknowledgements stand. */
  enum Outcome {
    /** Some ack is still to come. */
    WAITING,
    /** Every message of the batch was acknowledged (success or refusal). */
    ACKNOWLEDGED,
    /** A connection was lost with an ack of the batch still to come: it never will. */
    LOST
  }

  /** Told of each acknowledgement, success or refusal. */
  interface Listener {
    void acknowledged();
  }

  private final AtomicLong nextToken = new AtomicLong();
  private final NavigableSet<Long> pending;
  private final NavigableSet<Long> lost;
  private final Queue<FailedWrite> failedWrites;
  private final Listener listener;

  PerMessageAcks(Queue<FailedWrite> failedWrites, Listener listener) {
    this(failedWrites, listener, new ConcurrentSkipListSet<>(), new ConcurrentSkipListSet<>());
  }

  /** Tests pass sets that let another thread's step land between two reads. */
  PerMessageAcks(
      Queue<FailedWrite> failedWrites,
      Listener listener,
      NavigableSet<Long> pending,
      NavigableSet<Long> lost) {
    this.failedWrites = failedWrites;
    this.listener = listener;
    this.pending = pending;
    this.lost = lost;
  }

  /** A token for a message about to be sent, now waiting for its ack. */
  long register() {
    long token = nextToken.incrementAndGet();
    pending.add(token);
    return token;
  }

  /** The message was never sent. */
  void unregister(long token) {
    pending.remove(token);
  }

  /** The route that receives the message's ack. */
  MessageHandler watcher(long token) {
    return m -> acknowledged(token, m);
  }

  private void acknowledged(long token, Message m) {
    if (m.getCommand() != Message.Command.Ack
        || (m.getAckType() & Message.AckType.Persisted) == 0) {
      return; // not the persisted ack
    }
    acknowledged(token, m.getStatus() == Message.Status.Failure, m.getReason());
  }

  /** The persisted ack of {@code token} came: a success, or a refusal with its reason. */
  void acknowledged(long token, boolean refused, int reason) {
    if (!pending.contains(token)) {
      return; // already counted lost with its connection
    }
    // Queue the failure before the token leaves pending: the sink thread reads them in that order.
    // Acks and connection losses both arrive on the reader thread, so nothing moves the token
    // between the check above and the removal below.
    if (refused) {
      failedWrites.add(new FailedWrite(token, reason, null, null));
    }
    if (pending.remove(token)) {
      listener.acknowledged();
    }
  }

  /** The connection is gone, and with it every ack still to come. */
  // pending is a concurrent set (ConcurrentSkipListSet): its iterator is weakly consistent, so
  // removing the element just visited is safe.
  @SuppressWarnings("ModifyCollectionInEnhancedForLoop")
  void connectionLost() {
    for (Long t : pending) {
      lost.add(t); // first into lost, then out of pending: see the class comment
      pending.remove(t);
    }
  }

  /** True once no message up to {@code token} waits for its ack. */
  boolean isAcknowledgedUpTo(long token) {
    Long lowest = pending.ceiling(Long.MIN_VALUE); // one read: null when none is waiting
    return lowest == null || lowest > token;
  }

  /**
   * Where the batch of messages {@code [first, last]} stands. Reads the pending set before the lost
   * set: a token that left the pending set unacknowledged was in the lost set already.
   */
  Outcome settle(long first, long last) {
    boolean acknowledged = isAcknowledgedUpTo(last);
    if (lostBetween(first, last)) {
      return Outcome.LOST;
    }
    return acknowledged ? Outcome.ACKNOWLEDGED : Outcome.WAITING;
  }

  /** True when an ack of a message in {@code [first, last]} was lost with a connection. */
  boolean lostBetween(long first, long last) {
    return !lost.subSet(first, true, last, true).isEmpty();
  }

  /** Forgets losses before {@code token}: batches before it are settled. */
  void settledBefore(long token) {
    lost.headSet(token).clear();
  }

  int waiting() {
    return pending.size();
  }
}
