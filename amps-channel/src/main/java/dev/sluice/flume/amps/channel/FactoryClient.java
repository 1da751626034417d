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
package dev.sluice.flume.amps.channel;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.ConnectionStateListener;
import com.crankuptheamps.client.HAClient;
import dev.sluice.flume.amps.client.CustomClientFactory;
import dev.sluice.flume.common.retry.Backoff;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the channel's two clients taken from the user's {@code clientFactoryClass}, on its
 * connector thread ({@link #run}): calls the factory (with every key of the channel, {@code
 * clientName} set to this client's name), hands the connected client to the channel's {@link
 * Setup}, and calls the factory again when that client is lost for good: a plain {@code Client} at
 * its first disconnect, an {@code HAClient} (which reconnects by itself) only when it shuts down. A
 * factory that fails is retried, paced by the reconnect delays; a client the {@link Setup} refuses
 * ({@link Refused}) ends the attempts, with the reason kept for every later put or take.
 */
final class FactoryClient {
  private static final Logger LOG = LoggerFactory.getLogger(FactoryClient.class);

  /** What the channel does with each new client (listeners, stores, the subscription). */
  interface Setup {
    void accept(Client client) throws Exception;
  }

  /** A client the channel cannot use, whatever the server does: retrying would not help. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private final AmpsChannelConfig config;
  private final CustomClientFactory factory;
  private final String clientName;
  private final Setup setup;
  private final Object lock = new Object();
  private Client current;
  private boolean lost;
  private boolean closed;
  private volatile String lastError = "";
  private volatile String refusal;

  FactoryClient(
      AmpsChannelConfig config, CustomClientFactory factory, String clientName, Setup setup) {
    this.config = config;
    this.factory = factory;
    this.clientName = clientName;
    this.setup = setup;
  }

  /** Connects, and replaces the client whenever it is lost, until {@link #close}. */
  void run() {
    Backoff backoff =
        new Backoff(config.client.reconnectInitialDelay, config.client.reconnectMaxDelay);
    while (!isClosed()) {
      Client c = null;
      try {
        Properties keys = config.client.factoryProperties();
        keys.setProperty("clientName", clientName);
        c = factory.newClient(config.client, keys);
        Client mine = c;
        c.addConnectionStateListener(state -> stateChanged(mine, state));
        synchronized (lock) {
          current = c;
          lost = false;
        }
        setup.accept(c);
        backoff.reset();
        LOG.info(
            "Channel '{}': {} comes from clientFactoryClass {}",
            config.channelName,
            clientName,
            factory.className());
        awaitLost(c);
      } catch (Refused e) {
        refusal = e.getMessage();
        LOG.error("Channel '{}': {}", config.channelName, e.getMessage());
        closeQuietly(c);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closeQuietly(c);
        return;
      } catch (Exception e) {
        lastError = config.redactor.redact(String.valueOf(e));
        closeQuietly(c);
        if (!waitBeforeRetry(backoff)) {
          return;
        }
        continue;
      }
      closeQuietly(c);
    }
  }

  private void stateChanged(Client c, int state) {
    boolean gone =
        state == ConnectionStateListener.Shutdown
            || (state == ConnectionStateListener.Disconnected && !(c instanceof HAClient));
    if (gone) {
      synchronized (lock) {
        if (c == current) {
          lost = true;
          lock.notifyAll();
        }
      }
    }
  }

  private void awaitLost(Client c) throws InterruptedException {
    synchronized (lock) {
      while (!closed && !(lost && current == c)) {
        lock.wait();
      }
      current = null;
    }
    if (!isClosed()) {
      LOG.warn(
          "Channel '{}': {} from clientFactoryClass {} lost its connection; calling the factory"
              + " again",
          config.channelName,
          clientName,
          factory.className());
    }
  }

  private boolean waitBeforeRetry(Backoff backoff) {
    long delay = backoff.nextDelayMillis();
    LOG.warn(
        "Channel '{}': clientFactoryClass {} gave no client for {}: {}; retrying in {} ms",
        config.channelName,
        factory.className(),
        clientName,
        lastError,
        delay);
    synchronized (lock) {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
      try {
        while (!closed) {
          long left = end - System.nanoTime();
          if (left <= 0) {
            return true;
          }
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }

  /** Why the channel refused the factory's client, or null. */
  String refusal() {
    return refusal;
  }

  /** The last factory or connection failure ("" when none). */
  String lastError() {
    return lastError;
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /** Ends {@link #run}'s waits; the channel closes the client itself. */
  void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
  }

  private void closeQuietly(Client c) {
    if (c != null) {
      try {
        c.close();
      } catch (RuntimeException e) {
        LOG.debug("Channel '{}': closing {}", config.channelName, clientName, e);
      }
    }
  }
}
