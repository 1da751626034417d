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
import com.crankuptheamps.client.fields.ReasonField;

/** A message AMPS did not store, as its acknowledgement reported: which one, and why. */
final class FailedWrite {
  /** How the sink treats a failed write, by its reason. */
  enum Kind {
    /** AMPS already has the message (a replay after a reconnect): it is delivered. */
    DUPLICATE,
    /** A server-side storage failure: the same message may succeed later. */
    TRANSIENT,
    /** The message itself is refused (bad topic, not entitled, bad SOW key, parse error...). */
    PERMANENT
  }

  /** The token the transport returned when the message was sent. */
  final long token;

  final int reason;

  /** The topic, when the acknowledgement or the store named it; else null. */
  final String topic;

  /** The message body, kept only when the sink may log bodies ({@code logMsgOnWriteError}). */
  final byte[] body;

  FailedWrite(long token, int reason, String topic, byte[] body) {
    this.token = token;
    this.reason = reason;
    this.topic = topic;
    this.body = body;
  }

  Kind kind() {
    return kindOf(reason);
  }

  String reasonText() {
    return reasonText(reason);
  }

  static Kind kindOf(int reason) {
    switch (reason) {
      case Message.Reason.Duplicate:
        return Kind.DUPLICATE;
      case Message.Reason.SowStoreFailed:
      case Message.Reason.TxStoreFailure:
      case Message.Reason.TxnReplayFailed:
      case Message.Reason.LogonRequired:
        return Kind.TRANSIENT;
      default:
        return Kind.PERMANENT;
    }
  }

  static String reasonText(int reason) {
    String text = ReasonField.encodeReason(reason);
    return text == null || text.isEmpty() ? "reason " + reason : text;
  }

  @Override
  public String toString() {
    return "failed write #" + token + " (" + reasonText() + ")";
  }
}
