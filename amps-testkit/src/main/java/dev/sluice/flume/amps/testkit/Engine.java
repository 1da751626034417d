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
package dev.sluice.flume.amps.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The state behind one server: topics, SOW records, the transaction log, and what is known of each
 * publisher. Connections belong to a server; this is what survives a restart. Each instance of a
 * replicated pair has its own engine; they exchange log entries over {@link ReplicationLink}s
 * (outgoing) and a {@link ReplicationListener} (incoming), never shared memory.
 */
final class Engine implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Engine.class.getName());

  private final ConcurrentHashMap<String, Topic> topics = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<Subscription> regexSubscriptions =
      new CopyOnWriteArrayList<>();
  private final Map<String, String[][]> sowTopics;
  private final Pattern loggedTopics;
  private final TransactionLog log;
  private final ConcurrentHashMap<String, PublisherState> publishers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, PublisherState> publishersById = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<ReplicationLink> links = new CopyOnWriteArrayList<>();
  private volatile ReplicationListener replicationListener;
  private final AtomicLong replicatedIn = new AtomicLong();
  private final AtomicLong replicatedAgain = new AtomicLong();
  private final PriorityQueue<WaitingAck> waitingAcks = new PriorityQueue<>();
  private long waitingOrder;

  /** A persisted ack held back until the sync destinations have the entry at {@code index}. */
  private static final class WaitingAck implements Comparable<WaitingAck> {
    final long index;
    final long order;
    final Runnable send;

    WaitingAck(long index, long order, Runnable send) {
      this.index = index;
      this.order = order;
      this.send = send;
    }

    @Override
    public int compareTo(WaitingAck o) {
      int c = Long.compare(index, o.index);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService scheduler;

  Engine(Map<String, String[][]> sowTopics, Pattern loggedTopics, Path logDirectory)
      throws IOException {
    this(sowTopics, loggedTopics, logDirectory, true);
  }

  Engine(Map<String, String[][]> sowTopics, Pattern loggedTopics, Path logDirectory, boolean fsync)
      throws IOException {
    this.sowTopics = Map.copyOf(sowTopics);
    this.loggedTopics = loggedTopics;
    this.log =
        loggedTopics == null
            ? null
            : logDirectory == null
                ? TransactionLog.inMemory()
                : TransactionLog.onDisk(logDirectory, fsync);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "amps-testkit-timer");
              t.setDaemon(true);
              return t;
            });
    if (log != null && log.isOnDisk()) {
      recover();
    }
  }

  private void recover() {
    long end = log.nextIndex();
    for (long i = 1; i < end; i++) {
      LogEntry e = log.get(i);
      if (e.topic.isEmpty()) {
        continue;
      }
      topic(e.topic).recover(e);
      publisher(e.publisher).located(e.bookmarkSequence, e.index);
      if (e.clientSequence > 0) {
        publisher(e.publisher).recover(e.clientSequence);
      }
    }
    LOG.info(() -> "recovered " + (end - 1) + " transaction log entries");
  }

  /** Takes messages that never reached the log's file out of the SOW. */
  void forgetLost() {
    if (log == null) {
      return;
    }
    for (LogEntry e : log.drainLost()) {
      publisher(e.publisher).forget(e.bookmarkSequence);
      Topic t = topics.get(e.topic);
      if (t != null) {
        t.forget(e);
      }
    }
  }

  TransactionLog log() {
    return log;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** The topic of that name, created on first use (and joined by matching regex subscriptions). */
  Topic topic(String name) {
    Topic t = topics.get(name);
    if (t != null) {
      return t;
    }
    t =
        topics.computeIfAbsent(
            name,
            n ->
                new Topic(
                    this,
                    n,
                    loggedTopics != null && loggedTopics.matcher(n).matches(),
                    sowTopics.get(n)));
    for (Subscription s : regexSubscriptions) {
      if (s.matchesTopic(name)) {
        t.add(s);
      }
    }
    return t;
  }

  /** Whether a topic of that name would be recorded in the transaction log. */
  boolean isLogged(String name) {
    return loggedTopics != null && loggedTopics.matcher(name).matches();
  }

  boolean isSowTopic(String name) {
    return sowTopics.containsKey(name);
  }

  Map<String, String[][]> sowTopics() {
    return sowTopics;
  }

  Pattern loggedTopics() {
    return loggedTopics;
  }

  Collection<String> sowTopicNames() {
    return sowTopics.keySet();
  }

  Collection<Topic> topics() {
    return topics.values();
  }

  PublisherState publisher(String name) {
    PublisherState p = publishers.get(name);
    if (p != null) {
      return p;
    }
    p = publishers.computeIfAbsent(name, PublisherState::new);
    publishersById.putIfAbsent(p.id, p);
    return p;
  }

  /** The publisher whose messages carry this publisher id in their bookmarks, or null. */
  PublisherState publisherById(long id) {
    return publishersById.get(id);
  }

  /**
   * Appends a message published here to the log, giving it its bookmark; null when the log already
   * holds that publisher's message with this sequence number (replication brought it first).
   */
  LogEntry append(
      byte kind,
      String topicName,
      PublisherState p,
      long clientSequence,
      String sowKey,
      byte[] body) {
    return append(kind, topicName, p, clientSequence, sowKey, body, null, 0);
  }

  /** {@link #append} for a publish with a correlation id and an expiration (0 for none). */
  LogEntry append(
      byte kind,
      String topicName,
      PublisherState p,
      long clientSequence,
      String sowKey,
      byte[] body,
      String correlationId,
      long expirationSeconds) {
    synchronized (p) {
      if (clientSequence > 0 && p.holds(clientSequence)) {
        return null;
      }
      LogEntry e =
          log.append(
              kind,
              topicName,
              p.name,
              p.id,
              clientSequence,
              index -> p.bookmarkFor(clientSequence, index),
              0,
              sowKey,
              body,
              correlationId,
              expirationSeconds);
      p.located(e.bookmarkSequence, e.index);
      return e;
    }
  }

  /**
   * Appends a message another instance logged, keeping its bookmark and timestamp; null when the
   * log already holds it.
   */
  LogEntry appendReplicated(LogEntry origin, PublisherState p) {
    synchronized (p) {
      if (p.holds(origin.bookmarkSequence)) {
        replicatedAgain.incrementAndGet();
        return null;
      }
      LogEntry e =
          log.append(
              origin.kind,
              origin.topic,
              p.name,
              p.id,
              origin.clientSequence,
              index -> origin.bookmarkSequence,
              origin.timestampMillis,
              origin.sowKey,
              origin.body,
              origin.correlationId,
              origin.expirationSeconds);
      p.located(e.bookmarkSequence, e.index);
      if (origin.clientSequence > 0) {
        p.recover(origin.clientSequence);
      }
      replicatedIn.incrementAndGet();
      return e;
    }
  }

  /** Applies one entry that arrived over a replication link. */
  void applyReplicated(LogEntry origin) {
    if (origin.topic.isEmpty()) {
      return;
    }
    if (log == null) {
      warnOnce(
          "replication-without-log",
          () -> "this instance has no transaction log, so it drops what is replicated to it");
      return;
    }
    topic(origin.topic).applyReplicated(origin, publisher(origin.publisher));
  }

  /** Accepts replication links from other instances on {@code host:port} (0: a free port). */
  synchronized int listenForReplication(String host, int port) throws IOException {
    if (replicationListener == null) {
      replicationListener = ReplicationListener.open(this, host, port);
    }
    return replicationListener.port();
  }

  /** The replication port, or -1 without one. */
  int replicationPort() {
    ReplicationListener r = replicationListener;
    return r == null ? -1 : r.port();
  }

  /**
   * Ships every log entry to the instance whose replication port is {@code host:port}; with {@code
   * sync}, persisted acks of this instance wait until that instance has the entry.
   */
  void replicateTo(String name, String host, int port, long lagMillis, boolean sync) {
    if (log == null) {
      throw new IllegalStateException("replication needs a transaction log");
    }
    links.add(ReplicationLink.start(this, name, host, port, lagMillis, sync));
  }

  /**
   * Runs {@code sendAck} once every sync destination holds the log entries up to {@code index}: at
   * once without sync destinations (AMPS's async replication), later with them. Acks waiting for
   * the same index run in the order they were handed in.
   */
  void afterReplicated(long index, Runnable sendAck) {
    if (index <= syncedIndex()) {
      sendAck.run();
      return;
    }
    synchronized (waitingAcks) {
      waitingAcks.add(new WaitingAck(index, waitingOrder++, sendAck));
    }
    replicationAcknowledged();
  }

  /** Sends the held-back acks the sync destinations now allow; called when one acknowledges. */
  void replicationAcknowledged() {
    long synced = syncedIndex();
    synchronized (waitingAcks) {
      while (!waitingAcks.isEmpty() && waitingAcks.peek().index <= synced) {
        waitingAcks.poll().send.run();
      }
    }
  }

  /** The highest log index every sync destination has acknowledged (no limit without any). */
  private long syncedIndex() {
    long synced = Long.MAX_VALUE;
    for (ReplicationLink l : links) {
      if (l.isSync()) {
        synced = Math.min(synced, l.acknowledged());
      }
    }
    return synced;
  }

  /** For status lines: entries received and applied, received again, and shipped per link. */
  String replicationStatus() {
    StringBuilder sb = new StringBuilder();
    sb.append("replicated_in=").append(replicatedIn.get());
    sb.append(" replicated_again=").append(replicatedAgain.get());
    for (ReplicationLink l : links) {
      sb.append(" shipped_to_").append(l.name()).append('=').append(l.shipped());
      sb.append(" acked_by_").append(l.name()).append('=').append(l.acknowledged());
    }
    return sb.toString();
  }

  /** Adds a subscription to its topic, or for a regex to every matching topic, now and later. */
  void subscribe(Subscription s) {
    if (s.regex == null) {
      topic(s.topicSpec).add(s);
      return;
    }
    regexSubscriptions.add(s);
    for (String name : sowTopics.keySet()) {
      if (s.matchesTopic(name)) {
        topic(name);
      }
    }
    for (Topic t : topics.values()) {
      if (s.matchesTopic(t.name)) {
        t.add(s);
      }
    }
  }

  void unsubscribe(Subscription s) {
    if (s.regex == null) {
      Topic t = topics.get(s.topicSpec);
      if (t != null) {
        t.remove(s);
      }
      return;
    }
    regexSubscriptions.remove(s);
    for (Topic t : topics.values()) {
      t.remove(s);
    }
  }

  void warnOnce(String key, Supplier<String> message) {
    if (warned.add(key)) {
      LOG.warning(message);
    }
  }

  @Override
  public void close() {
    for (ReplicationLink l : links) {
      l.close();
    }
    ReplicationListener r = replicationListener;
    if (r != null) {
      r.close();
    }
    scheduler.shutdownNow();
    if (log != null) {
      log.close();
    }
  }
}
