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

import java.util.Map;
import org.apache.flume.Event;

/**
 * One AMPS message as the source keeps it between the client's receive thread and the channels: the
 * body bytes exactly as received, the configured headers, and the bookmark store's sequence number
 * to discard once the message is safe in every channel (0 when there is nothing to discard). Its
 * body, headers and sequence number never change: every attempt after the first builds fresh Flume
 * events from them, so interceptors that changed an event of a refused attempt cannot change what a
 * retry sends.
 *
 * <p>The event of the first attempt is made here, on the AMPS client's receive thread, rather than
 * on Flume's polling thread: a profile of the source at small {@code maxBatch} shows the polling
 * thread (channel transactions) as the stage that limits throughput while the receive thread waits
 * for room in the hand-off, so work moved off the polling thread is throughput gained.
 *
 * <p>A message of a bookmark subscription that {@code cmdTypeFilter} drops still travels through
 * the hand-off as an acknowledgement only ({@link #ackOnly()}): its bookmark must be discarded in
 * order with the messages around it, or the subscription's resume point would stop there.
 */
final class Delivery {
  private final byte[] body;
  private final Map<String, String> headers;
  private final long bookmarkSeqNo;
  private final Event firstEvent;

  Delivery(byte[] body, Map<String, String> headers, long bookmarkSeqNo) {
    this.body = body;
    this.headers = headers;
    this.bookmarkSeqNo = bookmarkSeqNo;
    this.firstEvent = body == null ? null : new AmpsEvent(body, headers);
  }

  /** A filtered-out message whose bookmark is discarded in turn; no event is made of it. */
  static Delivery ackOnly(long bookmarkSeqNo) {
    return new Delivery(null, Map.of(), bookmarkSeqNo);
  }

  boolean ackOnly() {
    return body == null;
  }

  /** The body as received (null for {@link #ackOnly()}); callers must not modify it. */
  byte[] body() {
    return body;
  }

  /** The configured headers; never null, never modified after construction. */
  Map<String, String> headers() {
    return headers;
  }

  /**
   * The Flume event of a delivery attempt: on the first attempt ({@code previousAttempts == 0}) the
   * one made with this delivery, after that a fresh one from the body and headers as received.
   * Never called for {@link #ackOnly()}.
   */
  Event event(int previousAttempts) {
    return previousAttempts == 0 ? firstEvent : new AmpsEvent(body, headers);
  }

  long bookmarkSeqNo() {
    return bookmarkSeqNo;
  }
}
