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

import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Event;

/**
 * One AMPS message as the source keeps it between the client's receive thread and the channels: the
 * body bytes exactly as received, the configured headers, and the bookmark store's sequence number
 * to discard once the message is safe in every channel (0 when there is nothing to discard). Those
 * three never change: every attempt after the first builds fresh Flume events from them ({@link
 * AmpsEvent}), so interceptors that changed an event of a refused attempt cannot change what a
 * retry sends.
 *
 * <p>The delivery is also the Flume event of the first attempt, made here on the AMPS client's
 * receive thread rather than on Flume's polling thread (a profile of the source at small {@code
 * maxBatch} shows the polling thread, channel transactions, as the stage that limits throughput),
 * and as one object rather than a delivery holding an event: the event's body and header map start
 * as the message's and are the event's own once set; the header map is copied from the message's on
 * first use, so the message's stay as received and a flow that never looks at headers pays for no
 * map.
 *
 * <p>A message of a bookmark subscription that {@code cmdTypeFilter} drops still travels through
 * the hand-off as an acknowledgement only ({@link #ackOnly()}): its bookmark must be discarded in
 * order with the messages around it, or the subscription's resume point would stop there.
 */
final class Delivery implements Event {
  private final byte[] body;
  private final Map<String, String> headers;
  private final long bookmarkSeqNo;
  // The first attempt's event: its own body and headers once set or asked for (headers).
  private byte[] eventBody;
  private Map<String, String> eventHeaders;
  private boolean eventHeadersMade;

  Delivery(byte[] body, Map<String, String> headers, long bookmarkSeqNo) {
    this.body = body;
    this.headers = headers;
    this.bookmarkSeqNo = bookmarkSeqNo;
    this.eventBody = body;
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
   * The Flume event of a delivery attempt: on the first attempt ({@code previousAttempts == 0})
   * this delivery itself, after that a fresh one from the body and headers as received. Never
   * called for {@link #ackOnly()}.
   */
  Event event(int previousAttempts) {
    return previousAttempts == 0 ? this : new AmpsEvent(body, headers);
  }

  long bookmarkSeqNo() {
    return bookmarkSeqNo;
  }

  // ------------------------------------------------------------------ the first attempt's event

  @Override
  public Map<String, String> getHeaders() {
    if (eventHeaders == null) {
      // never null, like AmpsEvent's: a fresh map after setHeaders(null)
      eventHeaders = eventHeadersMade ? new HashMap<>() : new HashMap<>(headers);
      eventHeadersMade = true;
    }
    return eventHeaders;
  }

  @Override
  public void setHeaders(Map<String, String> headers) {
    this.eventHeaders = headers;
    this.eventHeadersMade = true;
  }

  @Override
  public byte[] getBody() {
    return eventBody;
  }

  @Override
  public void setBody(byte[] body) {
    this.eventBody = body;
  }

  @Override
  public String toString() {
    return "[Event headers = "
        + getHeaders()
        + ", body.length = "
        + (eventBody == null ? 0 : eventBody.length)
        + " ]";
  }
}
