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

/**
 * One AMPS message as the source keeps it between the client's receive thread and the channels: the
 * body bytes exactly as received, the configured headers, and the bookmark store's sequence number
 * to discard once the message is safe in every channel (0 when there is nothing to discard).
 * Immutable: each delivery attempt builds fresh Flume events from it, so interceptors that change
 * an event cannot change what a retry sends.
 *
 * <p>A message of a bookmark subscription that {@code cmdTypeFilter} drops still travels through
 * the hand-off as an acknowledgement only ({@link #ackOnly()}): its bookmark must be discarded in
 * order with the messages around it, or the subscription's resume point would stop there.
 */
final class Delivery {
  private final byte[] body;
  private final Map<String, String> headers;
  private final long bookmarkSeqNo;

  Delivery(byte[] body, Map<String, String> headers, long bookmarkSeqNo) {
    this.body = body;
    this.headers = headers;
    this.bookmarkSeqNo = bookmarkSeqNo;
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

  long bookmarkSeqNo() {
    return bookmarkSeqNo;
  }
}
