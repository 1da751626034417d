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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * One topic: its subscribers, and for a SOW topic its records. Publishing to a topic runs under the
 * topic's own monitor, which keeps each topic's delivery order equal to its log order and makes
 * "snapshot the SOW, then subscribe" atomic; different topics never contend. The subscriber array
 * is copy-on-write, so delivery iterates it without further locking.
 */
final class Topic {
  private static final Subscription[] NONE = new Subscription[0];

  /** Outcome of a publish that was refused. */
  enum Refusal {
    NOT_JSON,
    NO_KEY
  }

  final String name;

  /** The name as a JSON string, written into every delivery. */
  final byte[] jsonName;

  final Engine engine;
  final boolean logged;
  private final String[][] keySteps;
  private final Map<String, SowRecord> sow;
  private volatile Subscription[] subscriptions = NONE;

  Topic(Engine engine, String name, boolean logged, String[][] keySteps) {
    this.engine = engine;
    this.name = name;
    this.jsonName = new ByteSink(name.length() + 2).jsonString(name).toByteArray();
    this.logged = logged;
    this.keySteps = keySteps;
    this.sow = keySteps == null ? null : new LinkedHashMap<>();
  }

  boolean isSow() {
    return sow != null;
  }

  String[][] keySteps() {
    return keySteps;
  }

  void warnOnce(String what, Supplier<String> message) {
    engine.warnOnce(name + ':' + what, message);
  }

  synchronized void add(Subscription s) {
    for (Subscription x : subscriptions) {
      if (x == s) {
        return;
      }
    }
    Subscription[] next = Arrays.copyOf(subscriptions, subscriptions.length + 1);
    next[next.length - 1] = s;
    subscriptions = next;
  }

  synchronized void remove(Subscription s) {
    Subscription[] current = subscriptions;
    for (int i = 0; i < current.length; i++) {
      if (current[i] == s) {
        Subscription[] next = new Subscription[current.length - 1];
        System.arraycopy(current, 0, next, 0, i);
        System.arraycopy(current, i + 1, next, i, current.length - i - 1);
        subscriptions = next;
        return;
      }
    }
  }

  int subscriberCount() {
    return subscriptions.length;
  }

  /**
   * Publishes one message: updates the SOW, appends to the log, delivers to every subscriber.
   * Returns null on success or why the message was refused.
   */
  Refusal publish(
      PublisherState publisher,
      long clientSequence,
      byte[] buf,
      int offset,
      int length,
      boolean deltaPublish,
      String correlationId,
      long expirationSeconds,
      LongConsumer onLogged) {
    byte[] body = Arrays.copyOfRange(buf, offset, offset + length);
    synchronized (this) {
      Object document = null;
      String key = null;
      SowRecord previous = null;
      byte[] delta = null;
      if (sow != null) {
        try {
          document = Json.parse(body, 0, body.length);
        } catch (Json.ParseException e) {
          return Refusal.NOT_JSON;
        }
        key = sowKey(document, body);
        if (key == null) {
          return Refusal.NO_KEY;
        }
        previous = sow.get(key);
        if (deltaPublish && previous != null) {
          Object base = previous.document();
          if (base instanceof Map && document instanceof Map) {
            delta = body;
            @SuppressWarnings("unchecked")
            Map<String, Object> merged =
                JsonMerge.merge((Map<String, Object>) base, (Map<String, Object>) document);
            document = merged;
            body = Json.write(merged).getBytes(StandardCharsets.UTF_8);
          }
        }
      }
      LogEntry entry = null;
      if (logged) {
        entry =
            engine.append(
                LogEntry.PUBLISH,
                name,
                publisher,
                clientSequence,
                key,
                body,
                correlationId,
                expirationSeconds);
        if (entry == null) {
          return null; // replication brought this very message first
        }
        onLogged.accept(entry.index);
      }
      if (sow != null) {
        SowRecord record =
            new SowRecord(
                key,
                body,
                entry,
                entry == null ? System.currentTimeMillis() : entry.timestampMillis,
                correlationId,
                expirationSeconds);
        sow.put(key, record);
        scheduleExpiry(record);
      }
      Subscription[] subs = subscriptions;
      if (subs.length > 0) {
        Publication p =
            new Publication(this, body, 0, body.length, entry, key, previous, delta, document);
        p.correlationId = correlationId;
        for (Subscription s : subs) {
          s.deliver(p);
        }
      }
      return null;
    }
  }

  /**
   * Applies a message another instance logged: stores it in the SOW and the log under its original
   * bookmark and timestamp, and delivers it to this instance's subscribers, as a publish here
   * would. Returns false when the log already holds it (it came back round, or its publisher's
   * store re-sent it here first).
   */
  boolean applyReplicated(LogEntry origin, PublisherState publisher) {
    synchronized (this) {
      LogEntry entry = engine.appendReplicated(origin, publisher);
      if (entry == null) {
        return false;
      }
      if (entry.kind == LogEntry.DELETE) {
        SowRecord removed = sow == null || entry.sowKey == null ? null : sow.remove(entry.sowKey);
        if (removed != null) {
          for (Subscription s : subscriptions) {
            s.outOfFocus(this, removed, "deleted");
          }
        }
        return true;
      }
      SowRecord previous = null;
      if (sow != null && entry.sowKey != null) {
        SowRecord record =
            new SowRecord(
                entry.sowKey,
                entry.body,
                entry,
                entry.timestampMillis,
                entry.correlationId,
                entry.expirationSeconds);
        previous = sow.put(entry.sowKey, record);
        scheduleExpiry(record);
      }
      Subscription[] subs = subscriptions;
      if (subs.length > 0) {
        Publication p =
            new Publication(
                this, entry.body, 0, entry.body.length, entry, entry.sowKey, previous, null, null);
        p.correlationId = entry.correlationId;
        for (Subscription s : subs) {
          s.deliver(p);
        }
      }
      return true;
    }
  }

  /** The SOW key of a document: a hash of its key fields, or of the whole body without keys. */
  String sowKey(Object document, byte[] body) {
    if (keySteps.length == 0) {
      return Long.toUnsignedString(hash(body));
    }
    StringBuilder sb = new StringBuilder();
    for (String[] steps : keySteps) {
      Object v = Json.path(document, steps);
      if (v == null) {
        return null;
      }
      Json.write(v, sb);
      sb.append('\u0001');
    }
    return Long.toUnsignedString(hash(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static long hash(byte[] bytes) {
    long h = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h & Long.MAX_VALUE;
  }

  /**
   * Takes a message that never reached the log's file out of the SOW, if its record is still the
   * current one of its key (the record it replaced is gone with it, as after a restart).
   */
  synchronized void forget(LogEntry e) {
    if (sow == null || e.sowKey == null) {
      return;
    }
    SowRecord r = sow.get(e.sowKey);
    if (r != null && r.entry == e) {
      sow.remove(e.sowKey);
    }
  }

  // expire() only drops the record from the SOW and tells subscriptions; nothing waits for it.
  @SuppressWarnings("FutureReturnValueIgnored")
  private void scheduleExpiry(SowRecord r) {
    if (r.expiresAtMillis == 0) {
      return;
    }
    long delay = Math.max(0, r.expiresAtMillis - System.currentTimeMillis());
    engine.scheduler().schedule(() -> expire(r), delay, TimeUnit.MILLISECONDS);
  }

  /** Takes an expired record out of the SOW, unless a newer message of its key replaced it. */
  synchronized void expire(SowRecord r) {
    if (sow.get(r.key) != r) {
      return;
    }
    sow.remove(r.key);
    for (Subscription s : subscriptions) {
      s.outOfFocus(this, r, "expired");
    }
  }

  /** Rebuilds the SOW from a recovered log entry. */
  synchronized void recover(LogEntry e) {
    if (sow == null || e.sowKey == null) {
      return;
    }
    if (e.kind == LogEntry.PUBLISH) {
      SowRecord r =
          new SowRecord(
              e.sowKey, e.body, e, e.timestampMillis, e.correlationId, e.expirationSeconds);
      if (r.isExpired(System.currentTimeMillis())) {
        sow.remove(e.sowKey);
      } else {
        sow.put(e.sowKey, r);
        scheduleExpiry(r);
      }
    } else {
      sow.remove(e.sowKey);
    }
  }

  /**
   * Returns the records matching the filter (all when null). When {@code subscriber} is given it is
   * added to the topic in the same critical section, so it misses nothing published after the
   * snapshot and sees nothing twice.
   */
  synchronized List<SowRecord> query(Filter filter, Subscription subscriber) {
    List<SowRecord> out = new ArrayList<>();
    if (sow != null) {
      long now = System.currentTimeMillis();
      for (SowRecord r : sow.values()) {
        if (r.isExpired(now)) {
          continue; // its expiry task is about to remove it
        }
        if (filter == null || filter.matches(r.document())) {
          out.add(r);
        }
      }
    }
    if (subscriber != null) {
      add(subscriber);
    }
    return out;
  }

  /**
   * Deletes the records whose key is in {@code keys}, or that match {@code filter}, or all records
   * when both are null. Subscribers asking for out-of-focus notices hear of each deletion.
   */
  synchronized List<SowRecord> delete(Filter filter, List<String> keys, PublisherState deleter) {
    List<SowRecord> removed = new ArrayList<>();
    if (sow == null) {
      return removed;
    }
    if (keys != null) {
      for (String k : keys) {
        SowRecord r = sow.remove(k);
        if (r != null) {
          removed.add(r);
        }
      }
    } else {
      Iterator<SowRecord> it = sow.values().iterator();
      while (it.hasNext()) {
        SowRecord r = it.next();
        if (filter == null || filter.matches(r.document())) {
          it.remove();
          removed.add(r);
        }
      }
    }
    for (SowRecord r : removed) {
      if (logged) {
        engine.append(LogEntry.DELETE, name, deleter, 0, r.key, new byte[0]);
      }
      for (Subscription s : subscriptions) {
        s.outOfFocus(this, r, "deleted");
      }
    }
    return removed;
  }
}
