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

/** The current state of one SOW key. Immutable: an update replaces the record. */
final class SowRecord {
  final String key;
  final byte[] body;
  final LogEntry entry;
  final long timestampMillis;
  private volatile Object document;

  SowRecord(String key, byte[] body, LogEntry entry, long timestampMillis, Object document) {
    this.key = key;
    this.body = body;
    this.entry = entry;
    this.timestampMillis = timestampMillis;
    this.document = document;
  }

  /** The parsed body, or null when it is not JSON. */
  Object document() {
    Object d = document;
    if (d == null) {
      try {
        d = Json.parse(body, 0, body.length);
      } catch (Json.ParseException e) {
        return null;
      }
      document = d;
    }
    return d;
  }
}
