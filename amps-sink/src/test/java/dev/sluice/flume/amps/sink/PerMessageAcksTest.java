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
package dev.sluice.flume.amps.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The sink thread reads {@link PerMessageAcks} while the client's reader thread changes it. These
 * tests force the reader thread's step into the gap after the sink thread's first read of a set (a
 * {@link SteppingSet} runs it there), so every interleaving that matters is hit every run rather
 * than once in a few thousand.
 */
class PerMessageAcksTest {
  private final Queue<FailedWrite> failedWrites = new ConcurrentLinkedQueue<>();
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final SteppingSet pending = new SteppingSet();
  private final SteppingSet lost = new SteppingSet();
  private final PerMessageAcks acks =
      new PerMessageAcks(failedWrites, acknowledged::incrementAndGet, pending, lost);

  @Test
  void lastAckLandingBetweenTheSinkThreadsReadsIsNoError() {
    long token = acks.register();
    pending.afterNextRead(() -> acks.acknowledged(token, false, 0));

    // Before the fix this threw NoSuchElementException (isEmpty() said no, then first() found
    // none).
    boolean first = acks.isAcknowledgedUpTo(token);

    assertEquals(1, pending.steps, "the ack landed inside the check");
    assertTrue(acks.isAcknowledgedUpTo(token), "settled once the ack is in");
    assertEquals(1, acknowledged.get());
    assertFalse(first, "read before the ack landed: still waiting");
  }

  @Test
  void connectionLostBetweenTheSinkThreadsReadsFailsTheBatch() {
    long first = acks.register();
    long last = acks.register();
    acks.acknowledged(first, false, 0);
    // The connection drops while the sink thread is between its two reads, whichever it reads
    // first: the batch must not be reported acknowledged, since the ack of `last` will never come.
    AtomicInteger losses = new AtomicInteger();
    Runnable loseOnce =
        () -> {
          if (losses.getAndIncrement() == 0) {
            acks.connectionLost();
          }
        };
    pending.afterNextRead(loseOnce);
    lost.afterNextRead(loseOnce);

    // Before the fix the transport asked lostBetween and then isAcknowledgedUpTo: the loss landed
    // after the first read, and the batch was reported acknowledged.
    PerMessageAcks.Outcome outcome = acks.settle(first, last);

    assertTrue(losses.get() >= 1, "the loss landed inside the check");
    assertEquals(PerMessageAcks.Outcome.LOST, outcome, "a lost ack was reported as acknowledged");
    assertEquals(PerMessageAcks.Outcome.LOST, acks.settle(first, last));
    assertEquals(1, acknowledged.get());
  }

  @Test
  void refusalIsQueuedBeforeItsTokenSettles() {
    long token = acks.register();
    acks.acknowledged(token, true, 7);

    assertTrue(acks.isAcknowledgedUpTo(token));
    List<FailedWrite> drained = new ArrayList<>(failedWrites);
    assertEquals(1, drained.size());
    assertEquals(token, drained.get(0).token);
    assertEquals(7, drained.get(0).reason);
  }

  @Test
  void ackAfterTheConnectionWasLostIsNotCountedTwice() {
    long token = acks.register();
    acks.connectionLost();
    acks.acknowledged(token, false, 0);

    assertEquals(0, acknowledged.get());
    assertTrue(acks.lostBetween(token, token));
    assertFalse(acks.lostBetween(token + 1, token + 5));
  }

  /** A set that runs one step of "the other thread" right after its next read. */
  private static final class SteppingSet extends ConcurrentSkipListSet<Long> {
    private static final long serialVersionUID = 1L;
    private transient Runnable step;
    int steps;

    void afterNextRead(Runnable s) {
      this.step = s;
    }

    private <T> T read(T value) {
      Runnable s = step;
      if (s != null) {
        step = null;
        steps++;
        s.run();
      }
      return value;
    }

    @Override
    public boolean isEmpty() {
      return read(super.isEmpty());
    }

    @Override
    public Long first() {
      return read(super.first());
    }

    @Override
    public Long ceiling(Long e) {
      return read(super.ceiling(e));
    }

    @Override
    public NavigableSet<Long> subSet(
        Long from, boolean fromInclusive, Long to, boolean toInclusive) {
      // A view reads nothing until used: take a copy, so the read happens here.
      return read(new ConcurrentSkipListSet<>(super.subSet(from, fromInclusive, to, toInclusive)));
    }
  }
}
