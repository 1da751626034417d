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
package dev.sluice.flume.monitor.graphite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchQueueTest {
  private static Batch batch(long t) {
    return new Batch(t, List.of(Datapoint.ofLong("x", t)));
  }

  @Test
  void fullQueuePushesOutTheOldestBatch() throws Exception {
    BatchQueue q = new BatchQueue(2);
    Batch b1 = batch(1);
    Batch b2 = batch(2);
    Batch b3 = batch(3);
    assertNull(q.offer(b1));
    assertNull(q.offer(b2));
    assertSame(b1, q.offer(b3));
    assertEquals(2, q.size());
    assertSame(b2, q.take(0));
    assertSame(b3, q.take(0));
  }

  @Test
  void failedBatchGoesBackFirstUnlessNewerOnesFilledItsPlace() throws Exception {
    BatchQueue q = new BatchQueue(2);
    Batch b1 = batch(1);
    q.offer(b1);
    Batch taken = q.take(0);
    q.offer(batch(2));
    assertTrue(q.putBack(taken));
    assertSame(b1, q.take(0));
    q.offer(batch(3));
    q.offer(batch(4));
    assertFalse(q.putBack(b1), "a full queue refuses the oldest batch");
    assertEquals(2, q.size());
  }

  @Test
  void emptyQueueTimesOutAndClosedQueueDrainsThenAnswersAtOnce() throws Exception {
    BatchQueue q = new BatchQueue(3);
    assertNull(q.take(1));
    q.offer(batch(1));
    q.close();
    assertEquals(1L, q.take(60_000).epochSeconds);
    long start = System.nanoTime();
    assertNull(q.take(60_000));
    assertTrue(q.awaitClose(60_000));
    assertTrue(System.nanoTime() - start < 10_000_000_000L, "closed queue must not wait");
  }

  @Test
  void clearReportsWhatWasThrownAway() {
    BatchQueue q = new BatchQueue(5);
    q.offer(batch(1));
    q.offer(batch(2));
    assertEquals(2, q.clear());
    assertEquals(0, q.size());
  }
}
