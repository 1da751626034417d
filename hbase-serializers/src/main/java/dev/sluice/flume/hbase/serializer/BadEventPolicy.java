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

/** What happens to a bad event; every bad event is counted whatever the policy. */
enum BadEventPolicy {
  /** Write nothing for it; log (throttled) the reason. */
  SKIP("skip"),
  /** Write the raw event and the reason to the dead-letter family instead. */
  DEAD_LETTER("deadLetter"),
  /** Throw, so the sink rolls its transaction back; the event stays in the channel. */
  FAIL("fail");

  private final String word;

  BadEventPolicy(String word) {
    this.word = word;
  }

  String word() {
    return word;
  }

  static String[] words() {
    BadEventPolicy[] all = values();
    String[] words = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      words[i] = all[i].word;
    }
    return words;
  }

  static BadEventPolicy of(String word) {
    for (BadEventPolicy p : values()) {
      if (p.word.equals(word)) {
        return p;
      }
    }
    throw new IllegalArgumentException(word);
  }
}
