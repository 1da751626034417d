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

/** Where the cell timestamp (and the {@code %[ts]} of row keys) comes from. */
enum TimestampSource {
  /** A header holding epoch milliseconds ({@code timestampHeader}): idempotent. */
  HEADER("header"),
  /** A body field holding epoch milliseconds ({@code timestampField}): idempotent. */
  FIELD("field"),
  /** The agent's clock when the sink serializes the event: a replay writes new versions. */
  WALL_CLOCK("wallClock"),
  /** No timestamp: HBase's region server sets it; a replay writes new versions. */
  NONE("none");

  private final String word;

  TimestampSource(String word) {
    this.word = word;
  }

  String word() {
    return word;
  }

  static String[] words() {
    TimestampSource[] all = values();
    String[] words = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      words[i] = all[i].word;
    }
    return words;
  }

  static TimestampSource of(String word) {
    for (TimestampSource t : values()) {
      if (t.word.equals(word)) {
        return t;
      }
    }
    throw new IllegalArgumentException(word);
  }
}
