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
package dev.sluice.flume.hbase.serializer;

/**
 * An event that cannot be serialized as configured. Checked and without a stack trace: it is an
 * expected outcome handled by the bad-event policy, not a programming error, and costs no more than
 * the message.
 */
final class BadEvent extends Exception {
  private static final long serialVersionUID = 1L;

  private final BadEventReason reason;

  BadEvent(BadEventReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  BadEventReason reason() {
    return reason;
  }

  /** What exactly is wrong, never the body: for example {@code header 'symbol' is absent}. */
  String detail() {
    return getMessage();
  }
}
