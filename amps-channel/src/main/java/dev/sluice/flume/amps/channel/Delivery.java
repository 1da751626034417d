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
package dev.sluice.flume.amps.channel;

import com.crankuptheamps.client.BookmarkStore;
import org.apache.flume.Event;

/**
 * An event from the subscription, the bookmark sequence its take commit discards, and the bookmark
 * store that sequence belongs to (null in unit tests of the transactions).
 */
final class Delivery {
  final Event event;
  final long bookmarkSeqNo;
  final BookmarkStore store;

  Delivery(Event event, long bookmarkSeqNo) {
    this(event, bookmarkSeqNo, null);
  }

  Delivery(Event event, long bookmarkSeqNo, BookmarkStore store) {
    this.event = event;
    this.bookmarkSeqNo = bookmarkSeqNo;
    this.store = store;
  }
}
