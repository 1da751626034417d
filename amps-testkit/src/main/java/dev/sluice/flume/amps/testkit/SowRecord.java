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
 * The current state of one SOW key. Immutable: an update replaces the record. It keeps the body,
 * not its parsed form: a parsed order took more heap than the rest of its record and log entry
 * together, and only filtered queries, delta publishes and out-of-focus checks need it.
 */
final class SowRecord {
  final String key;
  final byte[] body;
  final LogEntry entry;
  final long timestampMillis;
  final String correlationId;

  /** When the record leaves the SOW (epoch millis), or 0 for never. */
  final long expiresAtMillis;

  SowRecord(
      String key,
      byte[] body,
      LogEntry entry,
      long timestampMillis,
      String correlationId,
      long expirationSeconds) {
    this.key = key;
    this.body = body;
    this.entry = entry;
    this.timestampMillis = timestampMillis;
    this.correlationId = correlationId;
    this.expiresAtMillis = expirationSeconds > 0 ? timestampMillis + expirationSeconds * 1000 : 0;
  }

  boolean isExpired(long nowMillis) {
    return expiresAtMillis != 0 && nowMillis >= expiresAtMillis;
  }

  /** The body parsed anew on every call, or null when it is not JSON. */
  Object document() {
    try {
      return Json.parse(body, 0, body.length);
    } catch (Json.ParseException e) {
      return null;
    }
  }
}
