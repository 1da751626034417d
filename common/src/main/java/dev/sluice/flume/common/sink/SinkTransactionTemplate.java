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
package dev.sluice.flume.common.sink;

import java.util.ArrayList;
import java.util.List;
import org.apache.flume.Channel;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Sink.Status;
import org.apache.flume.Transaction;
import org.apache.flume.instrumentation.SinkCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The take/commit/rollback shape every Sluice sink shares, written once.
 *
 * <p>One call of {@link #process} begins a channel transaction, takes up to {@code batchSize}
 * events, hands them to the module's {@link BatchWriter}, and commits only after the writer
 * returned (the batch is safe). Any failure, checked or unchecked, in the take, the write or the
 * commit rolls the transaction back and surfaces as {@link EventDeliveryException}, so Flume's
 * {@code SinkRunner} backs off and a failover sink processor sees the failure. The transaction is
 * always closed. {@link SinkCounter} is kept as Flume's own sinks keep it: drain attempts per event
 * taken, drain successes per event committed, one of empty/underflow/complete per batch, and a
 * write or channel failure per failed batch.
 *
 * <p>Returns {@link Status#READY} when events were taken and {@link Status#BACKOFF} when the
 * channel was empty, as Flume expects.
 */
public final class SinkTransactionTemplate {
  private static final Logger LOG = LoggerFactory.getLogger(SinkTransactionTemplate.class);

  private final String sinkName;
  private final SinkCounter counter;
  private final int batchSize;

  public SinkTransactionTemplate(String sinkName, SinkCounter counter, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    this.sinkName = sinkName;
    this.counter = counter;
    this.batchSize = batchSize;
  }

  public int batchSize() {
    return batchSize;
  }

  /** Runs one transaction: take, write, commit; or roll back and throw. */
  public Status process(Channel channel, BatchWriter writer) throws EventDeliveryException {
    Transaction tx = channel.getTransaction();
    List<Event> events = new ArrayList<>(Math.min(batchSize, 1024));
    try {
      tx.begin();
      takeBatch(channel, events);
      if (events.isEmpty()) {
        counter.incrementBatchEmptyCount();
        writer.idle();
      } else {
        if (events.size() < batchSize) {
          counter.incrementBatchUnderflowCount();
        } else {
          counter.incrementBatchCompleteCount();
        }
        writer.write(events);
      }
      tx.commit();
      counter.addToEventDrainSuccessCount(events.size());
      return events.isEmpty() ? Status.BACKOFF : Status.READY;
    } catch (Throwable t) {
      rollback(tx, t);
      counter.incrementEventWriteOrChannelFail(t);
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (t instanceof Error) {
        throw (Error) t;
      }
      throw new EventDeliveryException(
          sinkName
              + ": batch of "
              + events.size()
              + " events not delivered, transaction rolled back: "
              + t,
          t);
    } finally {
      tx.close();
    }
  }

  private void takeBatch(Channel channel, List<Event> events) {
    for (int i = 0; i < batchSize; i++) {
      Event e = channel.take();
      if (e == null) {
        break;
      }
      events.add(e);
    }
    counter.addToEventDrainAttemptCount(events.size());
  }

  private void rollback(Transaction tx, Throwable cause) {
    try {
      tx.rollback();
    } catch (RuntimeException | Error rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
      LOG.error("{}: rollback failed after: {}", sinkName, cause.toString(), rollbackFailure);
    }
  }
}
