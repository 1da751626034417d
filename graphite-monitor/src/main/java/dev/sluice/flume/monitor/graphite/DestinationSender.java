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

import dev.sluice.flume.common.log.ThrottledLog;
import dev.sluice.flume.common.retry.Backoff;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the batches of one destination, on its own thread, so a slow or dead Graphite never
 * holds up the poll or another destination. A batch that fails goes back to the head of the queue
 * and is tried again after a back-off; while that lasts, new batches push the oldest ones out (each
 * counted as dropped). Once the queue is closed for shutdown, every remaining batch gets one
 * attempt, and the first failure drops the rest.
 */
final class DestinationSender implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(DestinationSender.class);

  /** Waits between attempts; returns early, with true, when shutdown begins. */
  interface Pause {
    boolean pause(long millis) throws InterruptedException;
  }

  private final Destination destination;
  private final GraphiteTransport transport;
  private final BatchQueue queue;
  private final Backoff backoff;
  private final MonitorCounters counters;
  private final Pause pause;
  private final ThrottledLog failureLog = new ThrottledLog(1, TimeUnit.MINUTES);
  private final ThrottledLog dropLog = new ThrottledLog(1, TimeUnit.MINUTES);
  private boolean everConnected;
  private int failedAttempts;

  DestinationSender(
      Destination destination,
      GraphiteTransport transport,
      BatchQueue queue,
      Backoff backoff,
      MonitorCounters counters,
      Pause pause) {
    this.destination = destination;
    this.transport = transport;
    this.queue = queue;
    this.backoff = backoff;
    this.counters = counters;
    this.pause = pause;
  }

  DestinationSender(
      Destination destination,
      GraphiteTransport transport,
      BatchQueue queue,
      Backoff backoff,
      MonitorCounters counters) {
    this(destination, transport, queue, backoff, counters, queue::awaitClose);
  }

  Destination destination() {
    return destination;
  }

  /** Queues a batch; called by the poll thread, never blocks. */
  void offer(Batch batch) {
    if (queue.offer(batch) != null) {
      dropped(1, "the queue is full");
    }
  }

  int queued() {
    return queue.size();
  }

  /** Stops taking new batches: what is queued gets one attempt each, then the thread ends. */
  void close() {
    queue.close();
  }

  @Override
  public void run() {
    try {
      while (step()) {
        // one batch per step
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      transport.close();
      dropped(queue.clear(), "the monitor stopped before they could be sent");
    }
  }

  /** Sends the next batch, waiting up to a second for one; false once closed and empty. */
  boolean step() throws InterruptedException {
    Batch batch = queue.take(1_000);
    if (batch == null) {
      return !queue.isClosed();
    }
    deliver(batch);
    return true;
  }

  private void deliver(Batch batch) throws InterruptedException {
    try {
      if (!transport.isConnected()) {
        transport.close();
        transport.connect();
        if (everConnected) {
          counters.reconnected();
        }
        everConnected = true;
      }
      for (Datapoint p : batch.points) {
        transport.send(p, batch.epochSeconds);
      }
      transport.flush();
      counters.batchSent(batch.size());
      if (failedAttempts > 0) {
        LOG.info(
            "Graphite monitor: sending to {} again after {} failed attempts",
            destination,
            failedAttempts);
      }
      failedAttempts = 0;
      backoff.reset();
    } catch (IOException e) {
      counters.sendFailed();
      transport.close();
      failedAttempts++;
      logFailure(e);
      if (queue.isClosed()) {
        dropped(1 + queue.clear(), "sending failed during shutdown");
        return;
      }
      if (!queue.putBack(batch)) {
        dropped(1, "the queue is full");
      }
      pause.pause(backoff.nextDelayMillis());
    } catch (RuntimeException e) {
      // A bug, not carbon: retrying the same batch would fail the same way. Keep the thread alive.
      transport.close();
      LOG.error("Graphite monitor: cannot send a batch to {}; dropping it", destination, e);
      dropped(1, "it could not be sent (see the error above)");
    }
  }

  private void logFailure(IOException e) {
    long held = failureLog.tryAcquire();
    if (held < 0) {
      return;
    }
    LOG.warn(
        "Graphite monitor: cannot send to {} ({} failed attempts in a row, {} warnings held back);"
            + " retrying with back-off, the agent is not affected",
        destination,
        failedAttempts,
        held,
        e);
  }

  private void dropped(int n, String why) {
    if (n <= 0) {
      return;
    }
    counters.batchesDropped(n);
    long held = dropLog.tryAcquire();
    if (held >= 0) {
      LOG.warn(
          "Graphite monitor: dropped {} batch(es) for {} because {} ({} similar warnings held back)",
          n,
          destination,
          why,
          held);
    }
  }
}
