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
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.ConnectionStateListener;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.LoggedBookmarkStore;
import com.crankuptheamps.client.MemoryPublishStore;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.Store;
import com.crankuptheamps.client.exception.AMPSException;
import com.crankuptheamps.client.fields.Field;
import dev.sluice.flume.amps.client.HaClientFactory;
import dev.sluice.flume.amps.client.ReconnectStrategy;
import dev.sluice.flume.common.log.ThrottledLog;
import dev.sluice.flume.common.retry.Backoff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * persisted acks) and {@code <clientName>-take} with the channel's {@link LoggedBookmarkStore} and
 * one bookmark subscription from the most recent undiscarded point. Two clients, because the
 * subscription's handler waits while the prefetch is full, on the client's only reader thread,
 * which would otherwise also carry the put side's acks.
 *
 * <p>Threads: one connector thread per client connects it (retrying, paced by the shared reconnect
 * strategy, until connected or closed): the publishing client's at start, the subscribing client's
 * at the first take (an agent whose channel has no sink only publishes); after that each HAClient
 * reconnects (and the take client resubscribes) on its own. Put commits run on the sources'
 * threads, discards on the sink runners' threads (serialised on the bookmark store).
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
  private final HaClientFactory putFactory;
  private final HaClientFactory takeFactory;
  private final ThrottledLog connectLog = new ThrottledLog(30, TimeUnit.SECONDS);
  private final ThrottledLog undecodableLog = new ThrottledLog(30, TimeUnit.SECONDS);
  private final CountDownLatch stopLatch = new CountDownLatch(1);
  private final Object putState = new Object();
  private final Object discardLock = new Object();

  private volatile HAClient put;
  private volatile HAClient take;
  private volatile LoggedBookmarkStore bookmarks;
  private volatile boolean putLoggedOn;
  private volatile boolean closed;
  private final AtomicInteger logons = new AtomicInteger();
  private long lastPruneNanos = System.nanoTime();
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
    this.putFactory = factory(config.putClientName());
    this.takeFactory = factory(config.takeClientName());
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
      HAClient p = putFactory.newClient();
      p.setPublishStore(new MemoryPublishStore(PUBLISH_STORE_BLOCK));
      p.addConnectionStateListener(this::putStateChanged);
      this.put = p;
      HAClient t = takeFactory.newClient();
      this.bookmarks = new LoggedBookmarkStore(config.bookmarkLog);
      t.setBookmarkStore(bookmarks);
      t.addConnectionStateListener(this::takeStateChanged);
      this.take = t;
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
        takeConnector = thread("take", this::connectTake);
      }
    }
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
        put.connectAndLogon();
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
          take.connectAndLogon();
          connected = true;
        }
        Command c =
            new Command("subscribe")
                .setTopic(config.topic)
                .setSubId(config.subscriptionId)
                .setBookmark(Client.Bookmarks.MOST_RECENT)
                .setTimeout(SUBSCRIBE_TIMEOUT_MILLIS);
        take.executeAsync(c, this::delivered);
        takeFactory.running();
        LOG.info(
            "Channel '{}': taking from topic '{}' (bookmark subscription '{}', bookmark store {})",
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

  private final AtomicInteger takeLogons = new AtomicInteger();

  private void takeStateChanged(int state) {
    if (state == ConnectionStateListener.LoggedOn && takeLogons.incrementAndGet() > 1) {
      counters.reconnected();
    }
  }

  /** The subscription's handler: decode, then wait for room in the prefetch. */
  private void delivered(Message m) {
    Field data = m.getDataRaw();
    byte[] raw =
        data == null || data.buffer == null || data.length == 0
            ? new byte[0]
            : Arrays.copyOfRange(data.buffer, data.position, data.position + data.length);
    Event event;
    try {
      event = EventCodec.decode(raw);
    } catch (EventCodec.Undecodable e) {
      counters.undecodable();
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
      if (prefetch.put(new Delivery(event, m.getBookmarkSeqNo()))) {
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
    HAClient p = put;
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
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException(
              "not connected to AMPS "
                  + config.redactedUris()
                  + " within putTimeout ("
                  + config.putTimeoutMillis
                  + " ms); last error: "
                  + putFactory.lastError());
        }
        TimeUnit.NANOSECONDS.timedWait(putState, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
      }
    }
  }

  @Override
  public void discard(List<Delivery> taken) throws Exception {
    LoggedBookmarkStore s = bookmarks;
    synchronized (discardLock) {
      for (Delivery d : taken) {
        if (d.bookmarkSeqNo > 0) {
          s.discard(subId, d.bookmarkSeqNo);
        }
      }
      long now = System.nanoTime();
      if (config.pruneTimeThresholdMillis > 0
          && now - lastPruneNanos
              >= TimeUnit.MILLISECONDS.toNanos(config.pruneTimeThresholdMillis)) {
        lastPruneNanos = now;
        s.prune();
      }
    }
  }

  @Override
  public long publishStoreDepth() {
    HAClient p = put;
    Store s = p == null ? null : p.getPublishStore();
    return s == null ? 0 : s.unpersistedCount();
  }

  @Override
  public void close() {
    closed = true;
    stopLatch.countDown();
    putFactory.close();
    takeFactory.close();
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
    LoggedBookmarkStore s = bookmarks;
    if (s != null) {
      synchronized (discardLock) {
        try {
          if (config.pruneTimeThresholdMillis > 0) {
            s.prune();
          }
        } catch (IOException | AMPSException e) {
          LOG.warn("Channel '{}': pruning the bookmark store failed", config.channelName, e);
        }
        try {
          s.close();
        } catch (AMPSException e) {
          LOG.warn("Channel '{}': closing the bookmark store failed", config.channelName, e);
        }
      }
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
