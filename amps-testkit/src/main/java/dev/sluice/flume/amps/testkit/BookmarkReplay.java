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

import java.util.List;

/**
 * Replays the transaction log to a bookmark subscription: finds where to start from the
 * subscription's bookmark, then sends every logged publish of its topics that passes its filter,
 * pausing while the subscriber is far behind.
 */
final class BookmarkReplay {
  private static final int CHECK_EVERY = 1024;

  private final Session session;
  private final Engine engine;

  BookmarkReplay(Session session, Engine engine) {
    this.session = session;
    this.engine = engine;
  }

  /** The first log index to replay for the given starting points: the earliest of them. */
  long startIndex(List<Bookmark.Point> points, long end) {
    TransactionLog log = engine.log();
    long start = end;
    for (Bookmark.Point p : points) {
      long from;
      switch (p.kind) {
        case EPOCH:
          from = 1;
          break;
        case NOW:
          from = end;
          break;
        case TIMESTAMP:
          from = log.firstAtOrAfter(p.timestampMillis);
          break;
        default:
          // "Publisher P up to s", which is what the client means even for an s that is not one
          // of P's messages: resume after P's last message at or below s in this instance's log.
          // Other publishers' messages after that point come again; the client drops what it had.
          PublisherState publisher = engine.publisherById(p.publisherId);
          long at = publisher == null ? 0 : publisher.indexAtOrBelow(p.sequence);
          if (at == 0) {
            session
                .server()
                .warnOnce(
                    "unknown-bookmark",
                    () ->
                        "bookmark "
                            + p
                            + " names no message in this transaction log; replaying from the"
                            + " start");
          }
          from = at + 1;
      }
      start = Math.min(start, from);
    }
    return start;
  }

  void replay(Subscription s, long from, long end) {
    TransactionLog log = engine.log();
    Outbound out = session.connection().outbound();
    long limit = session.server().softOutboundLimitBytes();
    int sinceCheck = 0;
    for (long i = from; i < end; i++) {
      LogEntry e = log.get(i);
      if (e.kind != LogEntry.PUBLISH || !s.matchesTopic(e.topic)) {
        continue;
      }
      Publication p =
          new Publication(
              engine.topic(e.topic), e.body, 0, e.body.length, e, e.sowKey, null, null, null);
      p.correlationId = e.correlationId;
      if (s.filter != null) {
        Object doc = p.document();
        if (doc == null || !s.filter.matches(doc)) {
          continue;
        }
      }
      session.out().sendDelivery(s, p);
      if (++sinceCheck >= CHECK_EVERY) {
        sinceCheck = 0;
        if (session.connection().isClosed()) {
          return;
        }
        if (out.queuedBytes() > limit) {
          try {
            out.awaitBelow(limit / 2, 60_000);
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }
}
