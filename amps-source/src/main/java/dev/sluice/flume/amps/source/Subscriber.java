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
import dev.sluice.flume.amps.client.CustomClientFactory;
import dev.sluice.flume.amps.client.ReconnectStrategy;
import dev.sluice.flume.common.batch.HandoffBuffer;
import dev.sluice.flume.common.log.ThrottledLog;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at what the source needs from AMPS: a client from the factory (the built-in HAClient
 * one, or {@code clientFactoryClass}) with Sluice's listeners on it, and the subscription with
 * {@link MessageReceiver} as its handler. A failed attempt says whether retrying can help ({@link
 * Unreachable}) or not ({@link Refused}, naming the key to change).
 */
final class Subscriber {
  private static final Logger LOG = LoggerFactory.getLogger(Subscriber.class);
  static final long SUBSCRIBE_TIMEOUT_MILLIS = 30_000;

  private final AmpsSourceConfig config;
  private final AmpsConnection connection;
  private final MessageReceiver receiver;
  private final AmpsSourceCounters counters;
  private final LongSupplier wallClock;
  private final LongSupplier nanoClock;
  private final ThrottledLog clientErrorLog = new ThrottledLog(10, TimeUnit.SECONDS);
  private volatile ConnectionWatcher watcher;
  private volatile boolean stopping;

  Subscriber(
      AmpsSourceConfig config,
      AmpsConnection connection,
      HandoffBuffer<Delivery> buffer,
      AmpsSourceCounters counters,
      LongSupplier wallClock,
      LongSupplier nanoClock) {
    this.config = config;
    this.connection = connection;
    this.counters = counters;
    this.wallClock = wallClock;
    this.nanoClock = nanoClock;
    this.receiver =
        new MessageReceiver(
            config.sourceName,
            buffer,
            new HeaderMapper(config.eventHeaders, wallClock),
            config.cmdTypeFilter,
            counters);
  }

  /** The first subscription is in place: from now on the client reconnects on its own. */
  void running() {
    connection.running();
  }

  /** Ends any reconnect wait of the built-in client; its disconnects are no longer news. */
  void stop() {
    stopping = true;
    connection.close();
    ConnectionWatcher w = watcher;
    if (w != null) {
      w.stopping();
    }
  }

  /**
   * Creates the client and subscribes. {@code published} receives the subscription just before the
   * subscribe command is sent (messages can reach the channels before it returns, and their
   * bookmarks are discarded through it), and null again if the command fails.
   */
  ClientSubscription subscribe(Consumer<ClientSubscription> published) throws AttemptFailed {
    Client client;
    boolean[] watchedFromBirth = {false};
    try {
      client =
          connection.connect(
              c -> {
                c.setExceptionListener(this::clientError);
                watch(c, false);
                watchedFromBirth[0] = true;
              });
    } catch (CustomClientFactory.FactoryFailed e) {
      if (e.getCause() == null) {
        throw new Refused(
            config.describe(AmpsSourceConfig.CLIENT_FACTORY_CLASS) + ": " + e.getMessage(), null);
      }
      throw classify(e, ServerRefusal.Phase.LOGON);
    } catch (Exception e) {
      throw classify(e, ServerRefusal.Phase.LOGON);
    }
    if (client == null) {
      throw new Refused(
          config.describe(AmpsSourceConfig.CLIENT_FACTORY_CLASS) + ": no client was returned",
          null);
    }
    if (!watchedFromBirth[0]) {
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
            nanoClock,
            counters,
            config.redactor,
            () -> {
              if (w != null) {
                w.stopping();
              }
            });
    // Published before the subscribe: messages may reach the channels before executeAsync
    // returns, and their bookmarks must be discarded through this subscription.
    published.accept(s);
    receiver.discardThrough(s);
    try {
      s.subscribed(client.executeAsync(command(), receiver));
      if (w != null) {
        w.subscribed();
      }
      return s;
    } catch (AMPSException | RuntimeException e) {
      published.accept(null);
      receiver.discardThrough(null);
      if (w != null) {
        w.stopping(); // the source closes this client: not a lost connection
      }
      client.close();
      AmpsConnection.closeQuietly(client.getBookmarkStore());
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
    Throwable cause =
        e instanceof CustomClientFactory.FactoryFailed && e.getCause() != null ? e.getCause() : e;
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
    if (stopping || ReconnectStrategy.isGiveUp(e)) {
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

  /** One attempt to connect and subscribe failed. */
  abstract static class AttemptFailed extends Exception {
    private static final long serialVersionUID = 1L;

    AttemptFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Retrying cannot help; the message names the key. */
  static final class Refused extends AttemptFailed {
    private static final long serialVersionUID = 1L;

    Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** No server could be reached, or the connection dropped: retried. */
  static final class Unreachable extends AttemptFailed {
    private static final long serialVersionUID = 1L;

    Unreachable(Throwable cause) {
      super(String.valueOf(cause), cause);
    }
  }
}
