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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bookmark sequences and where a publisher's messages sit in one instance's log. */
class PublisherStateTest {
  @Test
  void aSequencedPublishKeepsItsSequenceAsItsBookmarkSoEveryInstanceGivesItTheSameOne() {
    PublisherState p = new PublisherState("pub");
    assertEquals(1_700_000_000_000_000L, p.bookmarkFor(1_700_000_000_000_000L, 7));
  }

  @Test
  void anUnsequencedPublishGetsItsIndexUnlessThatWouldNotRiseAboveThePreviousBookmark() {
    PublisherState p = new PublisherState("pub");
    assertEquals(5, p.bookmarkFor(0, 5));
    p.located(5, 5);
    assertEquals(9, p.bookmarkFor(0, 9));
    p.located(1_000, 10); // a replicated message with a larger sequence
    assertEquals(1_001, p.bookmarkFor(0, 11));
  }

  @Test
  void resumesAfterTheLastMessageAtOrBelowTheBookmarkAndZeroWhenThereIsNone() {
    PublisherState p = new PublisherState("pub");
    p.located(100, 3);
    p.located(200, 8);
    assertEquals(0, p.indexAtOrBelow(99));
    assertEquals(3, p.indexAtOrBelow(100));
    assertEquals(3, p.indexAtOrBelow(150));
    assertEquals(8, p.indexAtOrBelow(Long.MAX_VALUE));
  }

  @Test
  void holdsWhatWasLocatedUntilTheLogLosesIt() {
    PublisherState p = new PublisherState("pub");
    p.located(100, 3);
    assertTrue(p.holds(100));
    assertFalse(p.holds(101));
    p.forget(100);
    assertFalse(p.holds(100), "a re-sent copy of a lost message must be logged again");
  }

  @Test
  void keepsMessagesReplicatedBelowTheHighestBookmarkToo() {
    PublisherState p = new PublisherState("pub");
    p.located(100, 1);
    p.located(300, 2);
    p.located(200, 3); // arrived out of order
    p.located(300, 4); // already held: the first place stays
    assertTrue(p.holds(200));
    assertEquals(3, p.indexAtOrBelow(250));
    assertEquals(2, p.indexAtOrBelow(300));
    assertEquals(1, p.indexAtOrBelow(150));
    p.forget(200);
    p.forget(100);
    assertFalse(p.holds(200));
    assertEquals(0, p.indexAtOrBelow(250));
    assertEquals(2, p.indexAtOrBelow(300));
  }
}
