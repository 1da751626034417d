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

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.CommandId;
import com.crankuptheamps.client.ConnectionStateListener;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.Store;
import com.crankuptheamps.client.exception.AMPSException;
import com.crankuptheamps.client.exception.AlreadyConnectedException;
import dev.sluice.flume.common.log.CredentialRedactor;
import dev.sluice.flume.common.log.ThrottledLog;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's connection to AMPS through the real client (an {@link HAClient} the sink builds, or
 * whatever client a configured {@code clientFactoryClass} returns).
 *
 * <p>Threads: the sink's thread calls {@link #awaitLoggedOn}, {@link #send}, {@link
 * #awaitAcknowledged} and {@link #close}; the client's reader thread calls the connection-state
 * listener, the failed-write handler, the acknowledgement handlers and the store's discard
 * listener, which only set fields, queue failures and signal {@link #changed}. No client method is
 * ever called with {@link #lock} held.
 *
 * <p>Acknowledgements: with a publish store (memory or file) a message is acknowledged when AMPS's
 * persisted ack lets the client discard it from the store; the store replays unacknowledged
 * messages after a reconnect. Without a store ({@code pubStoreType = none}) every message asks for
 * its own persisted ack, and messages whose acks were lost with a connection fail their batch.
 *
 * <p>Why one class: the connection state (logged on, down since, who reconnects) and the waits for
 * acknowledgements share one lock and condition, and every wait must see every state change.
 */
final class ClientTransport implements AmpsTransport {
  private static final Logger LOG = LoggerFactory.getLogger(ClientTransport.class);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final AmpsSinkConfig config;
  private final AmpsSinkCounters counters;
  private final CredentialRedactor redactor;
  private final ClientFactory factory;
  private final ThrottledLog disconnectLog = new ThrottledLog(10, TimeUnit.SECONDS);
  private final ThrottledLog connectFailureLog = new ThrottledLog(10, TimeUnit.SECONDS);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  private volatile Client client;
  private volatile Store store;
  private volatile boolean durable;

  private volatile boolean loggedOn;

  /** True while nobody is (re)connecting the client: the sink's thread must connect it. */
  private volatile boolean needsConnect = true;

  private volatile long downSinceNanos = System.nanoTime();
  private volatile boolean closed;
  private volatile String publisherId;
  private final AtomicInteger logons = new AtomicInteger();

  private final Queue<FailedWrite> failedWrites = new ConcurrentLinkedQueue<>();

  /** pubStoreType = none: one persisted ack per message. */
  private final PerMessageAcks acks;

  ClientTransport(AmpsSinkConfig config, AmpsSinkCounters counters, ClientFactory factory) {
    this.config = config;
    this.counters = counters;
    this.redactor = config.redactor;
    this.factory = factory;
    this.acks =
        new PerMessageAcks(
            failedWrites,
            () -> {
              counters.acknowledged(1);
              signal();
            });
  }

  /** Builds (and for a custom factory, connects) the client. */
  void start() throws AmpsDeliveryException {
    attach(factory.create(this::connectFailed, this::gaveUp, this::discarded));
  }

  private void attach(Client c) {
    Store s = c.getPublishStore();
    this.store = s;
    this.durable = factory.isDurable(s);
    c.setFailedWriteHandler(this::failedWrite);
    c.addConnectionStateListener(this::stateChanged);
    this.client = c;
    if (!factory.owned()) {
      // A custom factory hands over a client it has already connected and logged on.
      loggedOn = true;
      needsConnect = false;
      downSinceNanos = 0;
      publisherId = c.getNameHash();
      logons.incrementAndGet();
    }
  }

  // ------------------------------------------------------------------ sink thread

  @Override
  public void awaitLoggedOn(long deadlineNanos) throws Exception {
    while (true) {
      if (closed) {
        throw new AmpsDeliveryException("the sink is stopping");
      }
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting for an AMPS connection");
      }
      if (loggedOn) {
        return;
      }
      if (needsConnect && client instanceof HAClient) {
        connect((HAClient) client);
        continue;
      }
      if (needsConnect) {
        reattach();
        continue;
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        throw new AmpsDeliveryException(
            "not connected to AMPS within "
                + config.reconnectTimeout
                + " ms (reconnectTimeout); last error: "
                + lastError());
      }
      await(Math.min(left, POLL_NANOS));
    }
  }

  private void connect(HAClient ha) throws Exception {
    needsConnect = false;
    try {
      ha.connectAndLogon(); // paced and bounded by the shared ReconnectStrategy
    } catch (AlreadyConnectedException e) {
      // A reconnect on the reader thread is under way or just ended: wait for its outcome.
      if (!loggedOn) {
        needsConnect = true;
        await(POLL_NANOS);
      }
    } catch (AMPSException e) {
      needsConnect = true;
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while connecting to AMPS");
      }
      throw new AmpsDeliveryException(
          "cannot connect to AMPS "
              + config.redactedUris()
              + " within "
              + config.reconnectTimeout
              + " ms (reconnectTimeout): "
              + redactor.redact(e.toString()),
          redactor.sanitize(e));
    }
  }

  /** A custom factory's plain client lost its connection: make a new one. */
  private void reattach() throws AmpsDeliveryException {
    Client old = client;
    closeQuietly(old);
    needsConnect = false;
    try {
      attach(factory.create(this::connectFailed, this::gaveUp, this::discarded));
    } catch (AmpsDeliveryException e) {
      needsConnect = true;
      throw e;
    }
  }

  @Override
  public long send(OutgoingMessage m) throws Exception {
    Client c = client;
    try {
      if (store != null) {
        if (m.isPlainPublish()) {
          return c.publish(m.topicBytes, 0, m.topicBytes.length, m.body, 0, m.body.length);
        }
        Command cmd = m.toCommand();
        c.executeAsync(cmd, null);
        return cmd.getClientSequenceNumber();
      }
      long token = acks.register();
      CommandId cid = CommandId.nextIdentifier();
      Command cmd = m.toCommand().setAckType(Message.AckType.Persisted).setCommandId(cid);
      // The route is added here rather than by executeAsync(cmd, handler), which would also ask
      // for a processed ack and wait for it: one round trip per message. It ends with the ack.
      c.addMessageHandler(cid, acks.watcher(token), Message.AckType.Persisted, false);
      try {
        c.executeAsync(cmd, null);
      } catch (AMPSException | RuntimeException e) {
        acks.unregister(token);
        c.removeMessageHandler(cid);
        throw e;
      }
      return token;
    } catch (AMPSException e) {
      throw new AmpsDeliveryException(
          m.command.word + " to topic '" + m.topic + "' failed: " + redactor.redact(e.toString()),
          redactor.sanitize(e));
    }
  }

  @Override
  public void awaitAcknowledged(long firstToken, long lastToken, long deadlineNanos)
      throws Exception {
    long downLimit = TimeUnit.MILLISECONDS.toNanos(config.reconnectTimeout);
    while (true) {
      if (isAcknowledged(firstToken, lastToken)) {
        return;
      }
      if (closed) {
        throw new AmpsDeliveryException("the sink is stopping");
      }
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting for AMPS to acknowledge");
      }
      long now = System.nanoTime();
      if (deadlineNanos != NO_DEADLINE && now - deadlineNanos >= 0) {
        throw new FlushTimeoutException(
            "AMPS did not acknowledge the batch within "
                + config.publishFlushTimeout
                + " ms (publishFlushTimeout); "
                + unacknowledgedCount()
                + " messages unacknowledged");
      }
      long down = downSinceNanos;
      if (!loggedOn && down != 0 && now - down >= downLimit) {
        throw new AmpsDeliveryException(
            "disconnected from AMPS for longer than "
                + config.reconnectTimeout
                + " ms (reconnectTimeout) while waiting for acknowledgements; last error: "
                + lastError());
      }
      await(deadlineNanos == NO_DEADLINE ? POLL_NANOS : Math.min(deadlineNanos - now, POLL_NANOS));
    }
  }

  private boolean isAcknowledged(long firstToken, long lastToken) throws AmpsDeliveryException {
    Store s = store;
    if (s != null) {
      long lowest = s.getLowestUnpersisted();
      return lowest == -1 || lowest > lastToken;
    }
    switch (acks.settle(firstToken, lastToken)) {
      case LOST:
        throw new AmpsDeliveryException(
            "the connection to AMPS was lost before it acknowledged the batch"
                + " (pubStoreType = none keeps no copy to replay)");
      case ACKNOWLEDGED:
        acks.settledBefore(firstToken);
        return true;
      default:
        return false;
    }
  }

  @Override
  public void drainFailedWrites(List<FailedWrite> into) {
    FailedWrite f;
    while ((f = failedWrites.poll()) != null) {
      into.add(f);
    }
  }

  @Override
  public boolean isDurableOnSend() {
    return durable;
  }

  @Override
  public String publisherId() {
    return publisherId;
  }

  @Override
  public long unacknowledgedCount() {
    Store s = store;
    return s != null ? s.unpersistedCount() : acks.waiting();
  }

  @Override
  public boolean isLoggedOn() {
    return loggedOn;
  }

  @Override
  public void close(long timeoutMillis) {
    if (closed) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    try {
      while (loggedOn && unacknowledgedCount() > 0 && deadline - System.nanoTime() > 0) {
        await(Math.min(deadline - System.nanoTime(), POLL_NANOS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long left = unacknowledgedCount();
    closed = true;
    signal();
    factory.close();
    Client c = client;
    closeQuietly(c);
    Store s = store;
    if (s != null && factory.owned()) {
      try {
        s.close();
      } catch (Exception e) {
        LOG.warn("{}: closing the publish store failed", config.component, redactor.sanitize(e));
      }
    }
    if (left > 0) {
      LOG.warn(
          "{}: closed with {} messages AMPS had not acknowledged: {}",
          config.component,
          left,
          durable
              ? "the file publish store replays them at the next start"
              : "their transactions were rolled back, so they are still in the channel");
    } else {
      LOG.info("{}: closed; AMPS acknowledged every message", config.component);
    }
  }

  private void closeQuietly(Client c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (RuntimeException e) {
      LOG.debug("{}: closing the AMPS client", config.component, redactor.sanitize(e));
    }
  }

  private String lastError() {
    String e = factory.lastError();
    return e == null || e.isEmpty() ? "none reported" : e;
  }

  // Every caller loops and re-checks its condition after the wait; Error Prone cannot see it here.
  @SuppressWarnings("WaitNotInLoop")
  private void await(long nanos) throws InterruptedException {
    if (nanos <= 0) {
      return;
    }
    lock.lock();
    try {
      changed.awaitNanos(nanos);
    } finally {
      lock.unlock();
    }
  }

  private void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ client threads

  private void stateChanged(int state) {
    switch (state) {
      case ConnectionStateListener.LoggedOn:
        Client c = client;
        publisherId = c == null ? null : c.getNameHash();
        loggedOn = true;
        needsConnect = false;
        downSinceNanos = 0;
        counters.connectionCreated();
        boolean again = logons.getAndIncrement() > 0;
        if (again) {
          counters.reconnected();
        }
        LOG.info(
            "{}: {} to AMPS at {} as client '{}'",
            config.component,
            again ? "reconnected" : "logged on",
            c == null || c.getURI() == null
                ? "?"
                : CredentialRedactor.redactUri(c.getURI().toString()),
            config.clientName);
        break;
      case ConnectionStateListener.Disconnected:
      case ConnectionStateListener.Shutdown:
        if (loggedOn) {
          loggedOn = false;
          downSinceNanos = System.nanoTime();
          counters.connectionClosed();
          if (store == null) {
            acks.connectionLost();
          }
          if (!closed && disconnectLog.tryAcquire() >= 0) {
            LOG.warn("{}: disconnected from AMPS; reconnecting", config.component);
          }
        }
        if (state == ConnectionStateListener.Shutdown && !factory.owned()) {
          needsConnect = true;
        }
        break;
      default:
        return;
    }
    signal();
  }

  private void failedWrite(Message m, int reason) {
    long token = store != null ? m.getSequence() : 0;
    if (token == 0) {
      return; // without a store, failures arrive on the message's own ack (PerMessageAcks)
    }
    byte[] body = null;
    if (config.logMsgOnWriteError && !m.isDataNull()) {
      body = m.getData().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    failedWrites.add(new FailedWrite(token, reason, m.isTopicNull() ? null : m.getTopic(), body));
  }

  private void discarded(long count) {
    if (count > 0) {
      counters.acknowledged(count);
    }
    signal();
  }

  private void connectFailed(String redactedUri, Throwable safeCause) {
    counters.connectionFailed();
    if (!closed && connectFailureLog.tryAcquire() >= 0) {
      LOG.warn("{}: cannot connect to {}: {}", config.component, redactedUri, safeCause.toString());
    }
  }

  private void gaveUp() {
    needsConnect = true;
    signal();
  }
}
