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

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What the server remembers of one publishing client name: its publisher id (the first part of its
 * messages' bookmarks), the highest publish sequence number it has stored, which the logon ack
 * reports and below which a re-sent message is discarded as a duplicate, and where each of its
 * messages sits in this instance's log, by bookmark sequence.
 *
 * <p>A message's bookmark sequence is its publish sequence number when the client sent one (so a
 * message a publish store replays to the other instance of a pair gets the bookmark it had on the
 * first), otherwise the larger of its log index and the previous bookmark sequence plus one (so
 * sequences rise strictly per publisher, as the client's duplicate detection needs, and equal the
 * log index on a lone server).
 */
final class PublisherState {
  final String name;
  final long id;
  private long lastSequence;
  private long lastBookmark;
  private final ConcurrentSkipListMap<Long, Long> indexByBookmark = new ConcurrentSkipListMap<>();

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

  /** The bookmark sequence of a new message at {@code index}; call under this object's lock. */
  long bookmarkFor(long clientSequence, long index) {
    return clientSequence > 0 ? clientSequence : Math.max(index, lastBookmark + 1);
  }

  /** Records where a message (new, recovered or replicated) of this publisher sits in the log. */
  synchronized void located(long bookmarkSequence, long index) {
    indexByBookmark.putIfAbsent(bookmarkSequence, index);
    if (bookmarkSequence > lastBookmark) {
      lastBookmark = bookmarkSequence;
    }
  }

  /** Forgets a message the log lost (a failed write), so that a re-sent copy is logged. */
  void forget(long bookmarkSequence) {
    indexByBookmark.remove(bookmarkSequence);
  }

  /** Whether this instance's log already holds the message with that bookmark sequence. */
  boolean holds(long bookmarkSequence) {
    return indexByBookmark.containsKey(bookmarkSequence);
  }

  /**
   * The log index of this publisher's last message with a bookmark sequence at or below {@code
   * bookmarkSequence}, or 0 when it has none here.
   */
  long indexAtOrBelow(long bookmarkSequence) {
    Map.Entry<Long, Long> e = indexByBookmark.floorEntry(bookmarkSequence);
    return e == null ? 0 : e.getValue();
  }
}
