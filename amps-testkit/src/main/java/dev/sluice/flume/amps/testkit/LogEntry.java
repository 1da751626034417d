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

/** One record of the transaction log: a publish (the stored body) or a SOW delete. */
final class LogEntry {
  static final byte PUBLISH = 1;
  static final byte DELETE = 2;

  final long index;
  final byte kind;
  final String topic;
  final String publisher;
  final long publisherId;
  final long clientSequence;
  final long timestampMillis;
  final String sowKey;
  final byte[] body;

  LogEntry(
      long index,
      byte kind,
      String topic,
      String publisher,
      long publisherId,
      long clientSequence,
      long timestampMillis,
      String sowKey,
      byte[] body) {
    this.index = index;
    this.kind = kind;
    this.topic = topic;
    this.publisher = publisher;
    this.publisherId = publisherId;
    this.clientSequence = clientSequence;
    this.timestampMillis = timestampMillis;
    this.sowKey = sowKey;
    this.body = body;
  }

  String bookmark() {
    return Bookmark.format(publisherId, index);
  }
}
