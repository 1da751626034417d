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
package dev.sluice.flume.amps.source;

import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageHandler;
import com.crankuptheamps.client.fields.Field;
import dev.sluice.flume.common.batch.HandoffBuffer;
import dev.sluice.flume.common.log.ThrottledLog;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription's message handler, run on the AMPS client's receive thread: drops command types
 * outside {@code cmdTypeFilter} (keeping their bookmarks for discarding in turn), copies the body
 * (the client reuses its buffers) and the configured headers, and puts the message into the
 * hand-off buffer, waiting there while the buffer is full.
 *
 * <p>The wait ends when Flume frees a batch or when the source stops ({@link HandoffBuffer#close()}
 * releases it). A message that was not accepted is never acknowledged: its bookmark is not
 * discarded, so a bookmark subscription delivers it again after a restart. An interrupt is passed
 * on to the client by restoring the thread's interrupt status.
 */
final class MessageReceiver implements MessageHandler {
  private static final Logger LOG = LoggerFactory.getLogger(MessageReceiver.class);
  private static final byte[] EMPTY = new byte[0];

  private final String sourceName;
  private final HandoffBuffer<Delivery> buffer;
  private final HeaderMapper headers;
  private final int cmdTypeFilter;
  private final AmpsSourceCounters counters;
  private final ThrottledLog notAcceptedLog = new ThrottledLog(30, TimeUnit.SECONDS);
  private volatile ClientSubscription discards;

  MessageReceiver(
      String sourceName,
      HandoffBuffer<Delivery> buffer,
      HeaderMapper headers,
      int cmdTypeFilter,
      AmpsSourceCounters counters) {
    this.sourceName = sourceName;
    this.buffer = buffer;
    this.headers = headers;
    this.cmdTypeFilter = cmdTypeFilter;
    this.counters = counters;
  }

  /**
   * The subscription whose acknowledged bookmarks this thread discards before each message (null
   * for none): see {@link PendingDiscards}.
   */
  void discardThrough(ClientSubscription subscription) {
    this.discards = subscription;
  }

  @Override
  public void invoke(Message m) {
    ClientSubscription s = discards;
    if (s != null) {
      s.discardOnReceiveThread();
    }
    counters.messageReceived();
    Delivery delivery;
    if ((m.getCommand() & cmdTypeFilter) == 0) {
      counters.messageFiltered();
      long seq = m.getBookmarkSeqNo();
      if (seq <= 0) {
        return;
      }
      delivery = Delivery.ackOnly(seq);
    } else {
      Field data = m.getDataRaw();
      byte[] body =
          data == null || data.buffer == null || data.length == 0
              ? EMPTY
              : Arrays.copyOfRange(data.buffer, data.position, data.position + data.length);
      delivery = new Delivery(body, headers.headers(m, body.length), m.getBookmarkSeqNo());
    }
    try {
      if (buffer.put(delivery)) {
        if (!delivery.ackOnly()) {
          counters.messageAccepted();
        }
        return;
      }
      notAccepted("the source is stopping");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      notAccepted("the client's receive thread was interrupted");
    }
  }

  private void notAccepted(String why) {
    counters.messageNotAccepted();
    long held = notAcceptedLog.tryAcquire();
    if (held >= 0) {
      LOG.info(
          "Source '{}': a message was not taken into the hand-off because {}; it was not"
              + " acknowledged, so a bookmark subscription delivers it again after a restart ({}"
              + " more not logged)",
          sourceName,
          why,
          held);
    }
  }
}
