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

/**
 * One record of the transaction log: a publish (the stored body) or a SOW delete. Its identity
 * across the instances of a replicated pair is its bookmark, {@code publisherId|bookmarkSequence|}:
 * replication copies it unchanged, while {@code index} is where the entry sits in this instance's
 * log and differs between instances.
 */
final class LogEntry {
  static final byte PUBLISH = 1;
  static final byte DELETE = 2;

  final long index;
  final byte kind;
  final String topic;
  final String publisher;
  final long publisherId;
  final long clientSequence;
  final long bookmarkSequence;
  final long timestampMillis;
  final String sowKey;
  final byte[] body;

  /** When this instance appended the entry ({@link System#nanoTime()}); 0 for recovered ones. */
  final long appendedNanos;

  /** The publisher's correlation id, passed verbatim to subscribers (null for none). */
  final String correlationId;

  /** Seconds the SOW keeps the record after {@link #timestampMillis} (0: no expiration). */
  final long expirationSeconds;

  LogEntry(
      long index,
      byte kind,
      String topic,
      String publisher,
      long publisherId,
      long clientSequence,
      long bookmarkSequence,
      long timestampMillis,
      String sowKey,
      byte[] body,
      long appendedNanos) {
    this(
        index,
        kind,
        topic,
        publisher,
        publisherId,
        clientSequence,
        bookmarkSequence,
        timestampMillis,
        sowKey,
        body,
        appendedNanos,
        null,
        0);
  }

  LogEntry(
      long index,
      byte kind,
      String topic,
      String publisher,
      long publisherId,
      long clientSequence,
      long bookmarkSequence,
      long timestampMillis,
      String sowKey,
      byte[] body,
      long appendedNanos,
      String correlationId,
      long expirationSeconds) {
    this.index = index;
    this.kind = kind;
    this.topic = topic;
    this.publisher = publisher;
    this.publisherId = publisherId;
    this.clientSequence = clientSequence;
    this.bookmarkSequence = bookmarkSequence;
    this.timestampMillis = timestampMillis;
    this.sowKey = sowKey;
    this.body = body;
    this.appendedNanos = appendedNanos;
    this.correlationId = correlationId;
    this.expirationSeconds = expirationSeconds;
  }

  String bookmark() {
    return Bookmark.format(publisherId, bookmarkSequence);
  }
}
