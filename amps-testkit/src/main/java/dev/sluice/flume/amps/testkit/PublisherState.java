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
 * What the server remembers of one publishing client name: its publisher id (the first part of its
 * messages' bookmarks) and the highest publish sequence number it has stored, which the logon ack
 * reports and below which a re-sent message is discarded as a duplicate.
 */
final class PublisherState {
  final String name;
  final long id;
  private long lastSequence;

  PublisherState(String name) {
    this.name = name;
    this.id = Bookmark.publisherId(name);
  }

  synchronized long lastSequence() {
    return lastSequence;
  }

  /** Records {@code sequence}; false when it is at or below the last one (a duplicate). */
  synchronized boolean accept(long sequence) {
    if (sequence <= lastSequence) {
      return false;
    }
    lastSequence = sequence;
    return true;
  }

  /** Forgets sequences above {@code sequence}: their messages never reached the log. */
  synchronized void rollBackTo(long sequence) {
    if (sequence < lastSequence) {
      lastSequence = sequence;
    }
  }

  synchronized void recover(long sequence) {
    if (sequence > lastSequence) {
      lastSequence = sequence;
    }
  }
}
