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

import static dev.sluice.flume.monitor.graphite.MonitorCounters.BATCH_DROPPED;
import static dev.sluice.flume.monitor.graphite.MonitorCounters.BATCH_SENT;
import static dev.sluice.flume.monitor.graphite.MonitorCounters.METRIC_SENT;
import static dev.sluice.flume.monitor.graphite.MonitorCounters.RECONNECT;
import static dev.sluice.flume.monitor.graphite.MonitorCounters.SEND_FAILURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.common.retry.Backoff;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sender loop driven one step at a time, with a fake transport and a recorded back-off. */
class DestinationSenderTest {
  private final FakeTransport transport = new FakeTransport();
  private final BatchQueue queue = new BatchQueue(3);
  private final MonitorCounters counters = new MonitorCounters("test-monitor", queue::size);
  private final List<Long> pauses = new ArrayList<>();
  private final DestinationSender sender =
      new DestinationSender(
          new Destination("g", 2003, Protocol.TCP),
          transport,
          queue,
          new Backoff(100, 800, () -> 0.999),
          counters,
          millis -> {
            pauses.add(millis);
            return false;
          });

  private static Batch batch(long t, int points) {
    List<Datapoint> p = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      p.add(Datapoint.ofLong("m" + i, t));
    }
    return new Batch(t, p);
  }

  @Test
  void deliversEveryPointOfABatchAndCountsIt() throws Exception {
    sender.offer(batch(100, 3));
    assertTrue(sender.step());
    assertEquals(List.of("m0 100 100", "m1 100 100", "m2 100 100"), transport.delivered);
    assertEquals(1, counters.value(BATCH_SENT));
    assertEquals(3, counters.value(METRIC_SENT));
    assertEquals(0, counters.value(RECONNECT), "the first connection is not a reconnect");
  }

  @Test
  void failedBatchIsRetriedAfterGrowingBackoffThenSent() throws Exception {
    transport.connectFailuresLeft = 3;
    sender.offer(batch(100, 2));
    for (int i = 0; i < 3; i++) {
      sender.step();
    }
    assertTrue(transport.delivered.isEmpty());
    assertEquals(List.of(100L, 200L, 400L), pauses, "back-off doubles from initialBackoff");
    assertEquals(3, counters.value(SEND_FAILURE));
    assertEquals(1, queue.size(), "the batch waits at the head of the queue");

    sender.step();
    assertEquals(List.of("m0 100 100", "m1 100 100"), transport.delivered);
    assertEquals(0, counters.value(BATCH_DROPPED));

    transport.connectFailuresLeft = 1;
    transport.peerClosed = true;
    sender.offer(batch(101, 1));
    sender.step();
    assertEquals(100L, pauses.get(pauses.size() - 1), "back-off starts again after a success");
  }

  @Test
  void whileCarbonIsDownTheOldestBatchesAreDroppedAndCounted() throws Exception {
    transport.connectFailuresLeft = Integer.MAX_VALUE;
    for (long t = 1; t <= 10; t++) {
      sender.offer(batch(t, 1));
      sender.step();
    }
    // Each step fails one attempt; the queue of 3 keeps the newest batches only.
    assertEquals(3, queue.size());
    assertEquals(10, counters.value(SEND_FAILURE));
    assertEquals(7, counters.value(BATCH_DROPPED));
    assertTrue(pauses.stream().allMatch(p -> p <= 800), "back-off never exceeds maxBackoff");

    transport.connectFailuresLeft = 0;
    while (queue.size() > 0) {
      sender.step();
    }
    assertEquals(List.of("m0 8 8", "m0 9 9", "m0 10 10"), transport.delivered);
  }

  @Test
  void connectionClosedByCarbonIsReopenedBeforeSendingAndCountedAsAReconnect() throws Exception {
    sender.offer(batch(1, 1));
    sender.step();
    transport.peerClosed = true;
    sender.offer(batch(2, 1));
    sender.step();
    assertEquals(2, transport.connects);
    assertEquals(1, counters.value(RECONNECT));
    assertEquals(
        List.of("m0 1 1", "m0 2 2"), transport.delivered, "no batch lost to the dead socket");
  }

  @Test
  void writeFailureClosesTheConnectionAndTheSameBatchIsSentOnTheNextOne() throws Exception {
    transport.flushFailuresLeft = 1;
    sender.offer(batch(5, 2));
    sender.step();
    assertFalse(transport.isConnected());
    sender.step();
    assertEquals(List.of("m0 5 5", "m1 5 5"), transport.delivered);
    assertEquals(1, counters.value(SEND_FAILURE));
    assertEquals(1, counters.value(RECONNECT));
  }

  @Test
  void afterCloseEachQueuedBatchGetsOneAttemptAndTheFirstFailureDropsTheRest() throws Exception {
    sender.offer(batch(1, 1));
    sender.offer(batch(2, 1));
    sender.offer(batch(3, 1));
    sender.close();
    assertTrue(sender.step());
    transport.flushFailuresLeft = 1;
    assertTrue(sender.step());
    assertFalse(sender.step(), "closed and empty: the sender is done");
    assertEquals(List.of("m0 1 1"), transport.delivered);
    assertEquals(2, counters.value(BATCH_DROPPED));
    assertTrue(pauses.isEmpty(), "no back-off during shutdown");
  }

  @Test
  void batchThatCannotBeEncodedIsDroppedAndTheNextOneStillGoes() throws Exception {
    transport.bugOnSend = new IllegalStateException("encoding bug (fake)");
    sender.offer(batch(1, 1));
    sender.offer(batch(2, 1));
    assertTrue(sender.step());
    assertTrue(sender.step());
    assertEquals(List.of("m0 2 2"), transport.delivered);
    assertEquals(1, counters.value(BATCH_DROPPED));
    assertTrue(pauses.isEmpty(), "a bug is not retried with back-off");
  }

  @Test
  void runDropsWhatIsLeftWhenInterrupted() throws Exception {
    transport.connectFailuresLeft = Integer.MAX_VALUE;
    DestinationSender interrupted =
        new DestinationSender(
            new Destination("g", 2003, Protocol.TCP),
            transport,
            queue,
            new Backoff(100, 800),
            counters,
            millis -> {
              throw new InterruptedException();
            });
    interrupted.offer(batch(1, 1));
    interrupted.offer(batch(2, 1));
    interrupted.run();
    assertEquals(2, counters.value(BATCH_DROPPED));
    assertEquals(0, queue.size());
    assertTrue(Thread.interrupted(), "the interrupt is passed on");
  }
}
