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

import com.crankuptheamps.client.BookmarkStore;
import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.ConnectionStateListener;
import com.crankuptheamps.client.DefaultBookmarkStore;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.MemoryBookmarkStore;
import com.crankuptheamps.client.MemoryPublishStore;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.Store;
import com.crankuptheamps.client.exception.AMPSException;
import com.crankuptheamps.client.fields.Field;
import dev.sluice.flume.amps.client.CustomClientFactory;
import dev.sluice.flume.amps.client.HaClientFactory;
import dev.sluice.flume.amps.client.ReconnectStrategy;
import dev.sluice.flume.common.log.ThrottledLog;
import dev.sluice.flume.common.retry.Backoff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flume.Event;
import org.apache.flume.FlumeException;
import org.apache.flume.event.EventBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel's topic through the real amps-client: two HAClients built by the shared {@link
 * HaClientFactory}, {@code <clientName>-put} with a memory publish store (commit waits for its
 * persisted acks) and {@code <clientName>-take} with a {@link MemoryBookmarkStore} whose recovery
 * points go to the channel's {@link RecoveryPointFile} (written once per take commit), and one
 * bookmark subscription from the most recent undiscarded point. Two clients, because the
 * subscription's handler waits while the prefetch is full, on the client's only reader thread,
 * which would otherwise also carry the put side's acks.
 *
 * <p>Threads: one connector thread per client connects it (retrying, paced by the shared reconnect
 * strategy, until connected or closed): the publishing client's at start, the subscribing client's
 * at the first take (an agent whose channel has no sink only publishes); after that each HAClient
 * reconnects (and the take client resubscribes) on its own. Put commits run on the sources'
 * threads, discards on the sink runners' threads (serialised on the bookmark store, each take
 * commit ending with one write of the bookmark file).
 */
final class ClientTopic implements ChannelTopic {
  private static final Logger LOG = LoggerFactory.getLogger(ClientTopic.class);
  static final String UNDECODABLE_HEADER = "ampsChannelUndecodable";
  private static final long SUBSCRIBE_TIMEOUT_MILLIS = 30_000;
  private static final int PUBLISH_STORE_BLOCK = 10_000;

  private final AmpsChannelConfig config;
  private final AmpsChannelCounter counters;
  private final Prefetch<Delivery> prefetch;
  private final byte[] topicBytes;
  private final Field subId;
  // Built-in HAClients (no clientFactoryClass), else the user's factory's clients.
  private final HaClientFactory putFactory;
  private final HaClientFactory takeFactory;
  private final CustomClientFactory custom;
  private volatile FactoryClient customPut;
  private volatile FactoryClient customTake;
  private final ThrottledLog connectLog = new ThrottledLog(30, TimeUnit.SECONDS);
  private final ThrottledLog undecodableLog = new ThrottledLog(30, TimeUnit.SECONDS);
  private final CountDownLatch stopLatch = new CountDownLatch(1);
  private final Object putState = new Object();
  private final Object discardLock = new Object();

  private volatile Client put;
  private volatile Client take;
  private volatile HAClient builtInPut;
  private volatile HAClient builtInTake;
  // The take client's bookmark store: the built-in MemoryBookmarkStore over the channel's
  // RecoveryPointFile, or the store a factory's client came with (recoveryPoints then null).
  private volatile BookmarkStore bookmarks;
  private volatile RecoveryPointFile recoveryPoints;
  private volatile boolean putLoggedOn;
  private volatile boolean closed;
  private final AtomicInteger logons = new AtomicInteger();
  private final AtomicInteger takeLogons = new AtomicInteger();
  private final AtomicBoolean takeStarted = new AtomicBoolean();
  private final Object connectors = new Object();
  private Thread putConnector;
  private Thread takeConnector;

  ClientTopic(AmpsChannelConfig config, AmpsChannelCounter counters, Prefetch<Delivery> prefetch) {
    this.config = config;
    this.counters = counters;
    this.prefetch = prefetch;
    this.topicBytes = config.topic.getBytes(StandardCharsets.UTF_8);
    this.subId = new Field(config.subscriptionId);
    if (config.client.builtInClient()) {
      this.putFactory = factory(config.putClientName());
      this.takeFactory = factory(config.takeClientName());
      this.custom = null;
    } else {
      this.putFactory = null;
      this.takeFactory = null;
      try {
        this.custom = CustomClientFactory.create(config.client);
      } catch (CustomClientFactory.FactoryFailed e) {
        throw new FlumeException(
            "Channel '" + config.channelName + "' (amps-channel): " + e.getMessage(), e.getCause());
      }
    }
  }

  private HaClientFactory factory(String name) {
    return HaClientFactory.builder(config.client, "channel '" + config.channelName + "'")
        .clientName(name)
        .onConnectFailure(
            (uri, cause) -> {
              long held = connectLog.tryAcquire();
              if (held >= 0) {
                LOG.warn(
                    "Channel '{}': cannot connect {} to {}: {} (retrying; {} more not logged)",
                    config.channelName,
                    name,
                    config.redactor.redact(String.valueOf(uri)),
                    config.redactor.redact(String.valueOf(cause)),
                    held);
              }
            })
        .exceptionListener(
            e -> {
              if (!closed && !ReconnectStrategy.isGiveUp(e)) {
                LOG.debug("Channel '{}': client error", config.channelName, e);
              }
            })
        .build();
  }

  @Override
  public void start() {
    try {
      if (custom != null) {
        customPut = new FactoryClient(config, custom, config.putClientName(), this::usePut);
        putConnector = thread("put", customPut::run);
        return;
      }
      this.recoveryPoints = RecoveryPointFile.open(Paths.get(config.bookmarkLog));
      this.bookmarks = new MemoryBookmarkStore(1, recoveryPoints);
      HAClient p = putFactory.newClient();
      p.setPublishStore(new MemoryPublishStore(PUBLISH_STORE_BLOCK));
      p.addConnectionStateListener(this::putStateChanged);
      this.put = p;
      this.builtInPut = p;
      HAClient t = takeFactory.newClient();
      t.setBookmarkStore(bookmarks);
      t.addConnectionStateListener(this::takeStateChanged);
      this.take = t;
      this.builtInTake = t;
    } catch (AMPSException | IOException e) {
      close();
      throw new FlumeException(
          "Channel '"
              + config.channelName
              + "' (amps-channel): cannot create its AMPS clients (bookmarkLog = '"
              + config.bookmarkLog
              + "'): "
              + config.redactor.redact(String.valueOf(e)),
          e);
    }
    putConnector = thread("put", this::connectPut);
  }

  @Override
  public void startTaking() {
    if (!closed && takeStarted.compareAndSet(false, true)) {
      synchronized (connectors) {
        if (custom != null) {
          customTake = new FactoryClient(config, custom, config.takeClientName(), this::useTake);
          takeConnector = thread("take", customTake::run);
        } else {
          takeConnector = thread("take", this::connectTake);
        }
      }
    }
  }

  /**
   * A put client from the factory, connected and logged on. It must have a publish store: commit
   * waits for the persisted acks the store collects, and a store set after the logon would not know
   * the server's last sequence number for the client's name (AMPS would then drop a restarted
   * agent's first publishes as duplicates).
   */
  private void usePut(Client c) throws FactoryClient.Refused {
    if (c.getPublishStore() == null) {
      throw new FactoryClient.Refused(
          "clientFactoryClass "
              + custom.className()
              + " returned a client without a publish store for "
              + config.putClientName()
              + ": a put commit waits for the persisted acks a publish store collects, so the"
              + " factory must give the client one (a MemoryPublishStore, for example) before"
              + " its logon; puts fail until the agent is restarted with such a factory");
    }
    c.addConnectionStateListener(
        state -> {
          if (c == put) {
            putStateChanged(state);
          }
        });
    if (logons.incrementAndGet() > 1) {
      counters.reconnected();
    }
    synchronized (putState) {
      put = c;
      putLoggedOn = true;
      putState.notifyAll();
    }
  }

  /**
   * A take client from the factory, with the bookmark store it came with (the client refuses a
   * store set once it is connected), then the subscription.
   */
  private void useTake(Client c) throws AMPSException, FactoryClient.Refused {
    BookmarkStore store = c.getBookmarkStore();
    if (store == null || store instanceof DefaultBookmarkStore) {
      throw new FactoryClient.Refused(
          "clientFactoryClass "
              + custom.className()
              + " returned a client without a bookmark store for "
              + config.takeClientName()
              + ": the channel resumes taking from the store's most recent bookmark and discards"
              + " taken events in it, so the factory must give the client a durable one (a"
              + " LoggedBookmarkStore on the channel's bookmarkLog, for example) before its logon;"
              + " takes return nothing until the agent is restarted with such a factory");
    }
    synchronized (discardLock) {
      bookmarks = store;
    }
    c.addConnectionStateListener(
        state -> {
          if (c == take) {
            takeStateChanged(state);
          }
        });
    if (takeLogons.incrementAndGet() > 1) {
      counters.reconnected();
    }
    take = c;
    c.executeAsync(subscribeCommand(), m -> delivered(m, store));
    LOG.info(
        "Channel '{}': taking from topic '{}' (bookmark subscription '{}', bookmark file {})",
        config.channelName,
        config.topic,
        config.subscriptionId,
        config.bookmarkLog);
  }

  private Command subscribeCommand() {
    return new Command("subscribe")
        .setTopic(config.topic)
        .setSubId(config.subscriptionId)
        .setBookmark(Client.Bookmarks.MOST_RECENT)
        .setTimeout(SUBSCRIBE_TIMEOUT_MILLIS);
  }

  private Thread thread(String what, Runnable r) {
    Thread t = new Thread(r, "amps-channel-" + config.channelName + "-" + what + "-connector");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void connectPut() {
    Backoff backoff =
        new Backoff(config.client.reconnectInitialDelay, config.client.reconnectMaxDelay);
    while (!closed) {
      try {
        builtInPut.connectAndLogon();
        putFactory.running();
        LOG.info(
            "Channel '{}': publishing to topic '{}' as {}",
            config.channelName,
            config.topic,
            config.putClientName());
        return;
      } catch (AMPSException | RuntimeException e) {
        if (!retryLater(backoff, "connect " + config.putClientName(), e)) {
          return;
        }
      }
    }
  }

  private void connectTake() {
    Backoff backoff =
        new Backoff(config.client.reconnectInitialDelay, config.client.reconnectMaxDelay);
    boolean connected = false;
    while (!closed) {
      try {
        if (!connected) {
          builtInTake.connectAndLogon();
          connected = true;
        }
        BookmarkStore store = bookmarks;
        take.executeAsync(subscribeCommand(), m -> delivered(m, store));
        takeFactory.running();
        LOG.info(
            "Channel '{}': taking from topic '{}' (bookmark subscription '{}', bookmark file {})",
            config.channelName,
            config.topic,
            config.subscriptionId,
            config.bookmarkLog);
        return;
      } catch (AMPSException | RuntimeException e) {
        if (!retryLater(backoff, "subscribe " + config.takeClientName(), e)) {
          return;
        }
      }
    }
  }

  private boolean retryLater(Backoff backoff, String what, Exception e) {
    if (closed || ReconnectStrategy.isGiveUp(e)) {
      return false;
    }
    long delay = backoff.nextDelayMillis();
    LOG.warn(
        "Channel '{}': cannot {}: {}; retrying in {} ms",
        config.channelName,
        what,
        config.redactor.redact(String.valueOf(e)),
        delay);
    try {
      return !stopLatch.await(delay, TimeUnit.MILLISECONDS);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // ------------------------------------------------------------------ client reader threads

  private void putStateChanged(int state) {
    if (state == ConnectionStateListener.LoggedOn) {
      if (logons.incrementAndGet() > 1) {
        counters.reconnected();
      }
      synchronized (putState) {
        putLoggedOn = true;
        putState.notifyAll();
      }
    } else if (state == ConnectionStateListener.Disconnected
        || state == ConnectionStateListener.Shutdown) {
      putLoggedOn = false;
    }
  }

  private void takeStateChanged(int state) {
    if (state == ConnectionStateListener.LoggedOn && takeLogons.incrementAndGet() > 1) {
      counters.reconnected();
    }
  }

  /** The subscription's handler: decode, then wait for room in the prefetch. */
  private void delivered(Message m, BookmarkStore store) {
    Field data = m.getDataRaw();
    boolean empty = data == null || data.buffer == null || data.length == 0;
    Event event;
    try {
      // Decoded straight from the client's read buffer: the event keeps no reference to it.
      event =
          empty
              ? EventCodec.decode(new byte[0])
              : EventCodec.decode(data.buffer, data.position, data.length);
    } catch (EventCodec.Undecodable e) {
      counters.undecodable();
      byte[] raw =
          empty
              ? new byte[0]
              : Arrays.copyOfRange(data.buffer, data.position, data.position + data.length);
      event = EventBuilder.withBody(raw, Map.of(UNDECODABLE_HEADER, e.getMessage()));
      long held = undecodableLog.tryAcquire();
      if (held >= 0) {
        LOG.warn(
            "Channel '{}': a message on topic '{}' is not an amps-channel event ({}); it is"
                + " passed on as it came, with header {} ({} more not logged)",
            config.channelName,
            config.topic,
            e.getMessage(),
            UNDECODABLE_HEADER,
            held);
      }
    }
    try {
      if (prefetch.put(new Delivery(event, m.getBookmarkSeqNo(), store))) {
        counters.prefetched();
      }
      // else: closing; not discarded, so delivered again after the restart.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ transactions

  @Override
  public void publish(List<byte[]> messages, long deadlineNanos) throws Exception {
    awaitPutLoggedOn(deadlineNanos);
    Client p = put;
    for (byte[] m : messages) {
      p.publish(topicBytes, 0, topicBytes.length, m, 0, m.length);
    }
    long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    p.publishFlush(Math.max(1, leftMillis));
  }

  private void awaitPutLoggedOn(long deadlineNanos) throws Exception {
    synchronized (putState) {
      while (!putLoggedOn) {
        if (closed) {
          throw new IllegalStateException("the channel is stopping");
        }
        FactoryClient f = customPut;
        if (f != null && f.refusal() != null) {
          throw new IllegalStateException(f.refusal());
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException(
              "not connected to AMPS "
                  + config.redactedUris()
                  + " within putTimeout ("
                  + config.putTimeoutMillis
                  + " ms); last error: "
                  + lastPutError());
        }
        TimeUnit.NANOSECONDS.timedWait(putState, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
      }
    }
  }

  @Override
  public void discard(List<Delivery> taken) throws Exception {
    synchronized (discardLock) {
      BookmarkStore s = bookmarks;
      for (Delivery d : taken) {
        // A delivery of a factory's client that has since been replaced belongs to that client's
        // store: its sequence means nothing in the new one (the new subscription delivers the
        // event again).
        if (d.bookmarkSeqNo > 0 && d.store == s) {
          s.discard(subId, d.bookmarkSeqNo);
        }
      }
      RecoveryPointFile f = recoveryPoints;
      if (f != null) {
        f.flush(); // the new resume point, before the take commit returns
      }
    }
  }

  @Override
  public long publishStoreDepth() {
    Client p = put;
    Store s = p == null ? null : p.getPublishStore();
    return s == null ? 0 : s.unpersistedCount();
  }

  @Override
  public void close() {
    closed = true;
    stopLatch.countDown();
    if (custom == null) {
      putFactory.close();
      takeFactory.close();
    } else {
      closeFactoryClient(customPut);
      closeFactoryClient(customTake);
    }
    prefetch.close();
    synchronized (putState) {
      putState.notifyAll();
    }
    join(putConnector);
    Thread t;
    synchronized (connectors) {
      t = takeConnector;
    }
    join(t);
    closeQuietly(put);
    closeQuietly(take);
    BookmarkStore s = custom == null ? bookmarks : null; // a factory's store is the factory's
    RecoveryPointFile f = recoveryPoints;
    synchronized (discardLock) {
      if (s != null) {
        try {
          s.close();
        } catch (Exception e) { // BookmarkStore.close() declares Exception
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
          LOG.warn("Channel '{}': closing the bookmark store failed", config.channelName, e);
        }
      }
      if (f != null) {
        try {
          f.close();
        } catch (IOException e) {
          LOG.warn("Channel '{}': writing the bookmark file failed", config.channelName, e);
        }
      }
    }
  }

  private String lastPutError() {
    if (custom == null) {
      return putFactory.lastError();
    }
    FactoryClient f = customPut;
    return f == null ? "" : f.lastError();
  }

  private static void closeFactoryClient(FactoryClient f) {
    if (f != null) {
      f.close();
    }
  }

  private void join(Thread t) {
    if (t == null) {
      return;
    }
    t.interrupt();
    try {
      t.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void closeQuietly(Client c) {
    if (c != null) {
      try {
        c.close();
      } catch (RuntimeException e) {
        LOG.debug("Channel '{}': closing a client", config.channelName, e);
      }
    }
  }
}
