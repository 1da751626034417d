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

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

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

  // Where this publisher's messages sit in the log, by bookmark sequence: two parallel arrays in
  // rising bookmark order (16 bytes a message, what a lone server and in-order replication give),
  // and a map for the few that arrive below the highest one (replicated out of order).
  private long[] bookmarks = new long[16];
  private long[] indexes = new long[16];
  private int size;
  private final TreeMap<Long, Long> outOfOrder = new TreeMap<>();

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
    if (size == 0 || bookmarkSequence > bookmarks[size - 1]) {
      if (size == bookmarks.length) {
        bookmarks = Arrays.copyOf(bookmarks, size * 2);
        indexes = Arrays.copyOf(indexes, size * 2);
      }
      bookmarks[size] = bookmarkSequence;
      indexes[size] = index;
      size++;
    } else if (!holds(bookmarkSequence)) {
      outOfOrder.put(bookmarkSequence, index);
    }
    if (bookmarkSequence > lastBookmark) {
      lastBookmark = bookmarkSequence;
    }
  }

  /** Forgets a message the log lost (a failed write), so that a re-sent copy is logged. */
  synchronized void forget(long bookmarkSequence) {
    int i = Arrays.binarySearch(bookmarks, 0, size, bookmarkSequence);
    if (i >= 0) {
      System.arraycopy(bookmarks, i + 1, bookmarks, i, size - i - 1);
      System.arraycopy(indexes, i + 1, indexes, i, size - i - 1);
      size--;
    }
    outOfOrder.remove(bookmarkSequence);
  }

  /** Whether this instance's log already holds the message with that bookmark sequence. */
  synchronized boolean holds(long bookmarkSequence) {
    return Arrays.binarySearch(bookmarks, 0, size, bookmarkSequence) >= 0
        || outOfOrder.containsKey(bookmarkSequence);
  }

  /**
   * The log index of this publisher's message with the highest bookmark sequence at or below {@code
   * bookmarkSequence}, or 0 when it has none here.
   */
  synchronized long indexAtOrBelow(long bookmarkSequence) {
    int i = Arrays.binarySearch(bookmarks, 0, size, bookmarkSequence);
    int at = i >= 0 ? i : -i - 2;
    Map.Entry<Long, Long> other = outOfOrder.floorEntry(bookmarkSequence);
    if (other != null && (at < 0 || other.getKey() > bookmarks[at])) {
      return other.getValue();
    }
    return at < 0 ? 0 : indexes[at];
  }
}
