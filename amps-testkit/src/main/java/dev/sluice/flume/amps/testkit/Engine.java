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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The state behind one server, or behind both servers of a replicated pair: topics, SOW records,
 * the transaction log, and what is known of each publisher. Connections belong to a server; this is
 * what survives a restart.
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

  Collection<String> sowTopicNames() {
    return sowTopics.keySet();
  }

  Collection<Topic> topics() {
    return topics.values();
  }

  PublisherState publisher(String name) {
    return publishers.computeIfAbsent(name, PublisherState::new);
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
    scheduler.shutdownNow();
    if (log != null) {
      log.close();
    }
  }
}
