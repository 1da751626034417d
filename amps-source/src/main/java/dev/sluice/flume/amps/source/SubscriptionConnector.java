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

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.exception.AMPSException;
import com.crankuptheamps.client.util.SerializableFunction;
import dev.sluice.flume.common.batch.HandoffBuffer;
import dev.sluice.flume.common.log.ThrottledLog;
import dev.sluice.flume.common.retry.Backoff;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
  static final long SUBSCRIBE_TIMEOUT_MILLIS = 30_000;

  private enum State {
    CONNECTING,
    SUBSCRIBED,
    FAILED,
    STOPPED
  }

  private final AmpsSourceConfig config;
  private final Function<Properties, Client> factory;
  private final HaClientFactory builtIn;
  private final MessageReceiver receiver;
  private final AmpsSourceCounters counters;
  private final LongSupplier wallClock;
  private final CountDownLatch stopLatch = new CountDownLatch(1);
  private final ThrottledLog retryLog = new ThrottledLog(30, TimeUnit.SECONDS);
  private final ThrottledLog clientErrorLog = new ThrottledLog(10, TimeUnit.SECONDS);
  private final Thread thread;

  // Guarded by this.
  private State state = State.CONNECTING;
  private boolean firstAttemptDone;
  private ClientSubscription subscription;
  private FlumeException failure;
  private volatile ConnectionWatcher watcher;

  private SubscriptionConnector(
      AmpsSourceConfig config,
      HandoffBuffer<Delivery> buffer,
      AmpsSourceCounters counters,
      LongSupplier wallClock) {
    this.config = config;
    this.counters = counters;
    this.wallClock = wallClock;
    this.receiver =
        new MessageReceiver(
            config.sourceName,
            buffer,
            new HeaderMapper(config.eventHeaders, wallClock),
            config.cmdTypeFilter,
            counters);
    if (config.clientFactoryClass == null) {
      this.builtIn = new HaClientFactory(config, this::clientError, this::watchBeforeConnect);
      this.factory = builtIn;
    } else {
      this.builtIn = null;
      this.factory = loadFactory(config.clientFactoryClass);
    }
    this.thread = new Thread(this::run, "amps-source-" + config.sourceName + "-connector");
    thread.setDaemon(true);
  }

  static SubscriptionConnector start(
      AmpsSourceConfig config,
      HandoffBuffer<Delivery> buffer,
      AmpsSourceCounters counters,
      LongSupplier wallClock) {
    SubscriptionConnector c = new SubscriptionConnector(config, buffer, counters, wallClock);
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
    if (builtIn != null) {
      builtIn.stop();
    }
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
    ConnectionWatcher w = watcher;
    if (w != null) {
      w.stopping();
    }
    synchronized (this) {
      state = State.STOPPED;
      notifyAll();
      return subscription;
    }
  }

  // ------------------------------------------------------------------ connector thread

  private void run() {
    Backoff backoff =
        new Backoff(config.reconnectInitialDelayMillis, config.reconnectMaxDelayMillis);
    while (stopLatch.getCount() > 0) {
      ClientSubscription s;
      try {
        s = subscribeOnce();
      } catch (Refused r) {
        fail(r);
        return;
      } catch (AttemptFailed unreachable) {
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
      if (builtIn != null) {
        builtIn.running();
      }
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
  private boolean retryLater(Backoff backoff, AttemptFailed unreachable) {
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
          config.reconnectMaxDelayMillis,
          held);
    }
    try {
      return !stopLatch.await(delay, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stop() interrupts: the thread ends
      return false;
    }
  }

  private void fail(Refused r) {
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

  private ClientSubscription subscribeOnce() throws AttemptFailed {
    Client client;
    try {
      client = factory.apply(config.factoryProperties());
    } catch (RuntimeException e) {
      throw classify(e, ServerRefusal.Phase.LOGON);
    }
    if (client == null) {
      throw new Refused(
          config.describe(AmpsSourceConfig.CLIENT_FACTORY_CLASS) + ": the factory returned null",
          null);
    }
    if (builtIn == null) {
      if (client.getExceptionListener() == null) {
        client.setExceptionListener(this::clientError);
      }
      watch(client, true);
    }
    ConnectionWatcher w = watcher;
    ClientSubscription s =
        new ClientSubscription(
            config.sourceName,
            client,
            config.bookmarkSubscription() ? config.subscriptionId : null,
            config.pruneTimeThresholdMillis,
            wallClock,
            config.redactor,
            () -> {
              if (w != null) {
                w.stopping();
              }
            });
    // Published before the subscribe: messages may reach the channels before executeAsync
    // returns, and their bookmarks must be discarded through this subscription.
    synchronized (this) {
      subscription = s;
    }
    try {
      s.subscribed(client.executeAsync(command(), receiver));
      if (w != null) {
        w.subscribed();
      }
      return s;
    } catch (AMPSException | RuntimeException e) {
      synchronized (this) {
        subscription = null;
      }
      if (w != null) {
        w.stopping(); // the source closes this client: not a lost connection
      }
      client.close();
      HaClientFactory.closeQuietly(client.getBookmarkStore());
      throw classify(e, ServerRefusal.Phase.SUBSCRIBE);
    }
  }

  private Command command() {
    Command c = new Command(config.command).setTopic(config.topic);
    if (config.filter != null) {
      c.setFilter(config.filter);
    }
    if (config.options != null) {
      c.setOptions(config.options);
    }
    if (config.subscriptionId != null && !"sow".equals(config.command)) {
      c.setSubId(config.subscriptionId);
    }
    if (config.bookmarkSubscription()) {
      c.setBookmark(Client.Bookmarks.MOST_RECENT);
    }
    c.setTimeout(SUBSCRIBE_TIMEOUT_MILLIS);
    return c;
  }

  private AttemptFailed classify(Exception e, ServerRefusal.Phase phase) {
    Throwable cause = e instanceof HaClientFactory.ClientCreationException ? e.getCause() : e;
    ServerRefusal refusal = ServerRefusal.of(cause, phase);
    String detail = " (" + config.redactor.redact(String.valueOf(cause)) + ")";
    if (refusal != null) {
      return new Refused(config.describe(refusal.key) + ": " + refusal.explanation + detail, cause);
    }
    if (fromClientOrNetwork(cause)) {
      return new Unreachable(cause);
    }
    // Neither the server nor the network: a bug or a setting the factory or client rejects.
    String key =
        phase == ServerRefusal.Phase.LOGON
            ? AmpsSourceConfig.CLIENT_FACTORY_CLASS
            : AmpsSourceConfig.COMMAND;
    return new Refused(
        config.describe(key)
            + ": "
            + (phase == ServerRefusal.Phase.LOGON
                ? "creating the client failed"
                : "the client rejected the command")
            + detail,
        cause);
  }

  private static boolean fromClientOrNetwork(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AMPSException || t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private void watchBeforeConnect(Client client) {
    watch(client, false);
  }

  private void watch(Client client, boolean alreadyLoggedOn) {
    ConnectionWatcher w =
        new ConnectionWatcher(
            config.sourceName,
            client,
            counters,
            config.redactor,
            config.bookmarkSubscription(),
            alreadyLoggedOn);
    client.addConnectionStateListener(w);
    watcher = w;
  }

  /** Errors the client absorbed on its own threads (reconnect failures, handler errors). */
  private void clientError(Exception e) {
    if (stopLatch.getCount() == 0 || causedByGiveUp(e)) {
      LOG.debug("Source '{}': client error while stopping", config.sourceName, e);
      return;
    }
    long held = clientErrorLog.tryAcquire();
    if (held >= 0) {
      LOG.warn(
          "Source '{}': the AMPS client reported an error ({} more not logged)",
          config.sourceName,
          held,
          config.redactor.redact(e));
    }
  }

  private static boolean causedByGiveUp(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ReconnectDelays.GiveUp) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static Function<Properties, Client> loadFactory(String className) {
    try {
      Class<?> c = Class.forName(className, true, SubscriptionConnector.class.getClassLoader());
      SerializableFunction<Properties, Client> f =
          (SerializableFunction<Properties, Client>) c.getConstructor().newInstance();
      return f::apply;
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      throw new FlumeException(
          "cannot create the client factory " + className + " (clientFactoryClass): " + e, e);
    }
  }

  /** One attempt to connect and subscribe failed. */
  private abstract static class AttemptFailed extends Exception {
    private static final long serialVersionUID = 1L;

    AttemptFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Retrying cannot help; the message names the key. */
  private static final class Refused extends AttemptFailed {
    private static final long serialVersionUID = 1L;

    Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** No server could be reached, or the connection dropped: retried. */
  private static final class Unreachable extends AttemptFailed {
    private static final long serialVersionUID = 1L;

    Unreachable(Throwable cause) {
      super(String.valueOf(cause), cause);
    }
  }
}
