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
package dev.sluice.flume.amps.source;

import dev.sluice.flume.common.batch.Batch;
import dev.sluice.flume.common.batch.HandoffBuffer;
import dev.sluice.flume.common.log.ThrottledLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.flume.ChannelException;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.FlumeException;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.source.AbstractPollableSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flume source that delivers an AMPS subscription into its channels in batches, at least once: a
 * message's bookmark is discarded only after every channel committed the batch holding it, so a
 * crash or a refused batch never loses a message of a bookmark subscription.
 *
 * <p>A drop-in replacement for 60East's {@code com.crankuptheamps.flume.AMPSFlumeSource}: the same
 * keys, meanings and defaults; change only {@code type} to {@code
 * dev.sluice.flume.amps.source.AmpsSource}. See {@code docs/amps-source.md}.
 *
 * <p>Threads: the AMPS client's receive thread puts messages into a bounded {@link HandoffBuffer}
 * ({@link MessageReceiver}); Flume's polling thread takes whole batches from it here, commits each
 * to the channels with {@code processEventBatch}, then discards the batch's bookmarks. A batch the
 * channels refuse goes back to the head of the buffer and is retried, in order. The connection and
 * subscription are made by {@link SubscriptionConnector} on a thread of its own.
 */
public final class AmpsSource extends AbstractPollableSource implements BatchSizeSupported {
  private static final Logger LOG = LoggerFactory.getLogger(AmpsSource.class);

  /** How long start() waits for the first attempt to connect and subscribe. */
  static final long START_WAIT_MILLIS = 20_000;

  /** How long one poll waits for a batch; the wait is the back-off of an idle source. */
  static final long POLL_WAIT_MILLIS = 500;

  private final LongSupplier wallClock;
  private final LongSupplier nanoClock;
  private final long pollWaitMillis;
  private final Function<AmpsSourceConfig, AmpsConnection> connections;
  private final ThrottledLog refusedLog = new ThrottledLog(30, TimeUnit.SECONDS);

  private volatile AmpsSourceConfig config;
  private volatile AmpsSourceCounters counters;
  private volatile HandoffBuffer<Delivery> buffer;
  private volatile SubscriptionConnector connector;

  public AmpsSource() {
    this(System::currentTimeMillis, System::nanoTime, POLL_WAIT_MILLIS, AmpsConnection::of);
  }

  /**
   * For tests: wall-clock milliseconds (headers, pruning), batch-age nanoseconds, how long a poll
   * waits for a batch, and where the client comes from (a fake {@link AmpsConnection} instead of
   * the built-in HAClient or the configured {@code clientFactoryClass}).
   */
  AmpsSource(
      LongSupplier wallClock,
      LongSupplier nanoClock,
      long pollWaitMillis,
      Function<AmpsSourceConfig, AmpsConnection> connections) {
    this.wallClock = wallClock;
    this.nanoClock = nanoClock;
    this.pollWaitMillis = pollWaitMillis;
    this.connections = connections;
  }

  @Override
  protected void doConfigure(Context context) throws FlumeException {
    config = AmpsSourceConfig.parse(getName(), context);
    if (counters == null) {
      counters = new AmpsSourceCounters(getName());
    }
  }

  /** {@code maxBatch}: Flume refuses to start the source on a channel with a smaller capacity. */
  @Override
  public long getBatchSize() {
    AmpsSourceConfig c = config;
    return c == null ? 1000 : c.maxBatch;
  }

  @Override
  protected void doStart() throws FlumeException {
    AmpsSourceConfig c = config;
    AmpsConnection connection = connections.apply(c); // throws if clientFactoryClass cannot be made
    HandoffBuffer<Delivery> b =
        HandoffBuffer.<Delivery>builder("Source '" + getName() + "'")
            .maxBatch(c.maxBatch)
            .maxBuffers(c.maxBuffers)
            .batchDuration(c.batchDurationMillis, TimeUnit.MILLISECONDS)
            .nanoClock(nanoClock)
            .tuningHint(
                "Consider increasing maxBuffers, or maxBatch together with the"
                    + " transactionCapacity of every channel of this source, or faster sinks.")
            .build();
    buffer = b;
    counters.watch(b);
    counters.start();
    SubscriptionConnector conn =
        SubscriptionConnector.start(c, connection, b, counters, wallClock, nanoClock);
    connector = conn;
    boolean subscribed;
    try {
      subscribed = conn.awaitFirstAttempt(START_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abortStart(conn, b);
      throw new FlumeException("Source '" + getName() + "': interrupted while starting", e);
    } catch (FlumeException e) {
      abortStart(conn, b);
      throw e;
    }
    if (!subscribed) {
      LOG.warn(
          "Source '{}': not subscribed yet (no server of {} answered); started anyway, and"
              + " connecting goes on in the background with back-off",
          getName(),
          c.redactedUris());
    }
  }

  private void abortStart(SubscriptionConnector conn, HandoffBuffer<Delivery> b) {
    b.close();
    AmpsSubscription s = conn.stop();
    if (s != null) {
      s.close();
    }
    counters.stop();
    connector = null; // Flume calls stop() after a failed start: nothing is left to stop
    buffer = null;
  }

  @Override
  protected Status doProcess() {
    counters.syncReceived();
    HandoffBuffer<Delivery> b = buffer;
    Batch<Delivery> batch;
    try {
      batch = b.poll(pollWaitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Status.BACKOFF;
    }
    discardOverdue(batch == null);
    if (batch == null) {
      // Nothing arrived while poll waited: that wait was the back-off. BACKOFF would make Flume
      // sleep on top of it and hold back messages that arrive meanwhile.
      return Status.READY;
    }
    return deliver(b, batch) ? Status.READY : Status.BACKOFF;
  }

  /**
   * Commits the batch to the channels and then acknowledges it; or, when a channel refuses it,
   * gives it back to the head of the buffer, unacknowledged, to be retried.
   */
  private boolean deliver(HandoffBuffer<Delivery> b, Batch<Delivery> batch) {
    boolean committed = false;
    counters.batchAttempted();
    List<Event> events = List.of();
    try {
      events = events(batch);
      if (!events.isEmpty()) {
        getChannelProcessor().processEventBatch(events);
      }
      committed = true;
    } catch (ChannelException e) {
      refused(batch, "a channel refused it (full, or its transaction failed)", e);
    } catch (RuntimeException e) {
      refused(batch, "an interceptor or channel failed", e);
    } finally {
      if (!committed) {
        b.requeue(batch);
      }
    }
    if (!committed) {
      return false;
    }
    b.complete(batch);
    counters.batchCommitted(events.size());
    if (batch.previousAttempts() > 0) {
      LOG.info(
          "Source '{}': the channels took a batch of {} events after {} refusals",
          getName(),
          batch.size(),
          batch.previousAttempts());
    }
    acknowledge(batch.elements());
    return true;
  }

  private void refused(Batch<Delivery> batch, String why, RuntimeException e) {
    counters.channelCommitFailed();
    long held = refusedLog.tryAcquire();
    if (held >= 0) {
      LOG.warn(
          "Source '{}': a batch of {} events was not committed because {}; it stays first in line"
              + " and is retried, so nothing is lost or reordered (attempt {}, {} refusals not"
              + " logged)",
          getName(),
          batch.size(),
          why,
          batch.previousAttempts() + 1,
          held,
          e);
    }
  }

  /** Hands the committed batch's bookmarks to the subscription to discard. */
  private void acknowledge(List<Delivery> committed) {
    AmpsSubscription s = subscription();
    if (s != null) { // always: messages arrive only through a subscription
      s.acknowledge(committed);
    }
  }

  /** Discards the bookmarks the receive thread has left, see {@link PendingDiscards}. */
  private void discardOverdue(boolean idle) {
    AmpsSubscription s = subscription();
    if (s != null) {
      s.discardOverdue(idle);
    }
  }

  private AmpsSubscription subscription() {
    SubscriptionConnector conn = connector;
    return conn == null ? null : conn.subscription();
  }

  /** The batch's events for this attempt (a retry gets fresh ones, see {@link Delivery}). */
  private static List<Event> events(Batch<Delivery> batch) {
    List<Delivery> deliveries = batch.elements();
    int attempt = batch.previousAttempts();
    List<Event> events = new ArrayList<>(deliveries.size());
    for (Delivery d : deliveries) {
      if (!d.ackOnly()) {
        events.add(d.event(attempt));
      }
    }
    return events;
  }

  /**
   * Stops the subscription, hands to the channels what the buffer holds (one attempt per batch),
   * acknowledges what they took, then closes the client. What they refuse is not acknowledged: a
   * bookmark subscription delivers it again after a restart.
   */
  @Override
  protected void doStop() throws FlumeException {
    SubscriptionConnector conn = connector;
    HandoffBuffer<Delivery> b = buffer;
    if (conn == null || b == null) {
      return;
    }
    b.close(); // releases a receive thread waiting for room; what it held is not accepted
    AmpsSubscription s = conn.stop();
    counters.subscribed(false);
    counters.connected(false);
    if (s != null) {
      s.unsubscribe();
    }
    long delivered = 0;
    try {
      Batch<Delivery> batch;
      while ((batch = b.poll(0, TimeUnit.MILLISECONDS)) != null) {
        int size = batch.size();
        if (!deliver(b, batch)) {
          break;
        }
        delivered += size;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      long left = b.size();
      if (s != null) {
        s.close();
      }
      counters.stop();
      connector = null;
      buffer = null;
      LOG.info(
          "Source '{}': stopped; {} events handed to the channels at stop, {} left undelivered{}",
          getName(),
          delivered,
          left,
          left > 0 && config.bookmarkSubscription() ? " (they come again after a restart)" : "");
    }
  }

  /** The counters, for tests. */
  AmpsSourceCounters counters() {
    return counters;
  }
}
