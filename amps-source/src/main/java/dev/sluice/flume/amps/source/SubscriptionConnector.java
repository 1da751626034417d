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

import dev.sluice.flume.common.batch.HandoffBuffer;
import dev.sluice.flume.common.log.ThrottledLog;
import dev.sluice.flume.common.retry.Backoff;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.flume.FlumeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the client and the subscription on a thread of its own, retrying with back-off while no
 * server can be reached, so that start-up never blocks on an unreachable server and stop() always
 * ends it. A refusal that retrying cannot fix (see {@link ServerRefusal}) ends the attempts; during
 * the first attempt it becomes the source's start-up error.
 *
 * <p>Once subscribed, reconnecting is the client's job (the HAClient reconnects across the URIs and
 * resubscribes from the last discarded bookmark); this class only hands the subscription over.
 */
final class SubscriptionConnector {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionConnector.class);

  private enum State {
    CONNECTING,
    SUBSCRIBED,
    FAILED,
    STOPPED
  }

  private final AmpsSourceConfig config;
  private final Subscriber subscriber;
  private final AmpsSourceCounters counters;
  private final CountDownLatch stopLatch = new CountDownLatch(1);
  private final ThrottledLog retryLog = new ThrottledLog(30, TimeUnit.SECONDS);
  private final Thread thread;

  // Guarded by this.
  private State state = State.CONNECTING;
  private boolean firstAttemptDone;
  private ClientSubscription subscription;
  private FlumeException failure;

  private SubscriptionConnector(
      AmpsSourceConfig config,
      AmpsConnection connection,
      HandoffBuffer<Delivery> buffer,
      AmpsSourceCounters counters,
      LongSupplier wallClock,
      LongSupplier nanoClock) {
    this.config = config;
    this.counters = counters;
    this.subscriber = new Subscriber(config, connection, buffer, counters, wallClock, nanoClock);
    this.thread = new Thread(this::run, "amps-source-" + config.sourceName + "-connector");
    thread.setDaemon(true);
  }

  static SubscriptionConnector start(
      AmpsSourceConfig config,
      AmpsConnection connection,
      HandoffBuffer<Delivery> buffer,
      AmpsSourceCounters counters,
      LongSupplier wallClock,
      LongSupplier nanoClock) {
    SubscriptionConnector c =
        new SubscriptionConnector(config, connection, buffer, counters, wallClock, nanoClock);
    c.thread.start();
    return c;
  }

  /**
   * Waits until the first attempt to connect and subscribe has ended, or the timeout passes.
   *
   * @throws FlumeException naming the key to change, if the server refused for good
   * @return true when subscribed, false when still trying
   */
  synchronized boolean awaitFirstAttempt(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!firstAttemptDone && state == State.CONNECTING) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    if (state == State.FAILED) {
      throw failure;
    }
    return state == State.SUBSCRIBED;
  }

  /**
   * The subscription, else null. Available from just before the subscribe command is sent, since
   * messages can arrive before it returns.
   */
  synchronized AmpsSubscription subscription() {
    return subscription;
  }

  /**
   * Ends the attempts and any reconnect wait, and returns the subscription (null if there was none)
   * for the source to unsubscribe and close once it has drained the hand-off.
   */
  AmpsSubscription stop() {
    stopLatch.countDown();
    subscriber.stop();
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn(
          "Source '{}': the client factory did not return within 30 s of stop; leaving its thread",
          config.sourceName);
    }
    subscriber.stop(); // again: an attempt may have made a new client meanwhile
    synchronized (this) {
      state = State.STOPPED;
      notifyAll();
      return subscription;
    }
  }

  // ------------------------------------------------------------------ connector thread

  private void run() {
    Backoff backoff = new Backoff(config.reconnectInitialDelay, config.reconnectMaxDelay);
    while (stopLatch.getCount() > 0) {
      try {
        subscriber.subscribe(this::published);
      } catch (Subscriber.Refused r) {
        fail(r);
        return;
      } catch (Subscriber.AttemptFailed unreachable) {
        if (!retryLater(backoff, unreachable)) {
          return;
        }
        continue;
      }
      synchronized (this) {
        if (state == State.STOPPED) {
          return; // stop() gave up waiting and handed the subscription to the source to close
        }
        state = State.SUBSCRIBED;
        firstAttemptDone = true;
        notifyAll();
      }
      subscriber.running();
      LOG.info(
          "Source '{}': subscribed ({} to {}{})",
          config.sourceName,
          config.command,
          config.topic,
          config.bookmarkSubscription()
              ? ", bookmark subscription '" + config.subscriptionId + "'"
              : "");
      return;
    }
  }

  /** Logs (throttled) and waits; false when stopped meanwhile. */
  private boolean retryLater(Backoff backoff, Subscriber.AttemptFailed unreachable) {
    counters.connectFailed();
    long delay = backoff.nextDelayMillis();
    synchronized (this) {
      firstAttemptDone = true;
      notifyAll();
    }
    long held = retryLog.tryAcquire();
    if (held >= 0) {
      LOG.warn(
          "Source '{}': cannot connect and subscribe to {}: {}; retrying in {} ms, backing off up"
              + " to {} ms ({} failed attempts not logged)",
          config.sourceName,
          config.redactedUris(),
          config.redactor.redact(String.valueOf(unreachable.getCause())),
          delay,
          config.reconnectMaxDelay,
          held);
    }
    try {
      return !stopLatch.await(delay, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stop() interrupts: the thread ends
      return false;
    }
  }

  private synchronized void published(ClientSubscription s) {
    subscription = s;
  }

  private void fail(Subscriber.Refused r) {
    FlumeException f =
        new FlumeException(
            "Source '" + config.sourceName + "' (amps-source) cannot subscribe: " + r.getMessage(),
            config.redactor.redact(r.getCause()));
    boolean reportedByStart;
    synchronized (this) {
      reportedByStart = !firstAttemptDone;
      failure = f;
      state = State.FAILED;
      firstAttemptDone = true;
      notifyAll();
    }
    if (!reportedByStart) {
      // Start-up is over: nobody else will report it. The source stays up, without a
      // subscription, until the configuration is fixed.
      LOG.error("{}; not retrying", f.getMessage(), f.getCause());
    }
  }
}
