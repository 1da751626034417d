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
import java.util.Queue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Acknowledgement bookkeeping for {@code pubStoreType = none}, where no publish store keeps a copy
 * and every message asks AMPS for its own persisted ack: which messages are still waiting, which
 * were lost with a connection (their acks will never come), and which AMPS refused.
 *
 * <p>Tokens are handed out on the sink's thread; acks and connection losses arrive on the client's
 * reader thread.
 */
final class PerMessageAcks {
  /** Told of each acknowledgement, success or refusal. */
  interface Listener {
    void acknowledged();
  }

  private final AtomicLong nextToken = new AtomicLong();
  private final ConcurrentSkipListSet<Long> pending = new ConcurrentSkipListSet<>();
  private final ConcurrentSkipListSet<Long> lost = new ConcurrentSkipListSet<>();
  private final Queue<FailedWrite> failedWrites;
  private final Listener listener;

  PerMessageAcks(Queue<FailedWrite> failedWrites, Listener listener) {
    this.failedWrites = failedWrites;
    this.listener = listener;
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
        || (m.getAckType() & Message.AckType.Persisted) == 0
        || !pending.contains(token)) {
      return; // not the persisted ack, or already counted lost with its connection
    }
    // Queue the failure before the token leaves pending: the sink thread reads them in that order.
    if (m.getStatus() == Message.Status.Failure) {
      failedWrites.add(new FailedWrite(token, m.getReason(), null, null));
    }
    pending.remove(token);
    listener.acknowledged();
  }

  /** The connection is gone, and with it every ack still to come. */
  void connectionLost() {
    for (Long t; (t = pending.pollFirst()) != null; ) {
      lost.add(t);
    }
  }

  /** True once no message up to {@code token} waits for its ack. */
  boolean isAcknowledgedUpTo(long token) {
    return pending.isEmpty() || pending.first() > token;
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
