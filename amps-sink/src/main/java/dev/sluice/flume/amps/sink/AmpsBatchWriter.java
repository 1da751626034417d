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

import dev.sluice.flume.amps.sink.AmpsSinkConfig.LoopPolicy;
import dev.sluice.flume.amps.sink.AmpsSinkConfig.UnpublishablePolicy;
import dev.sluice.flume.amps.sink.EventRouter.Route;
import dev.sluice.flume.common.log.ThrottledLog;
import dev.sluice.flume.common.sink.BatchWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.flume.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's per-batch step, run inside the channel transaction by {@code SinkTransactionTemplate}:
 * it returns only when the batch is safe, and any exception rolls the transaction back.
 *
 * <p>Design: one pass sends every event (an event that can never be published goes to the
 * unpublishable policy instead; a republish loop to the loop policy); then the batch is safe when
 * AMPS has acknowledged all of it (a publish flush, bounded by {@code publishFlushTimeout}), or at
 * once when a durable file publish store holds it and no flush is configured. Then the failed
 * writes AMPS reported are sorted: a duplicate is delivered; a transient server failure rolls the
 * batch back ({@code rollbackOnError}); a refused message follows the unpublishable policy, whose
 * dead letters are sent and awaited in turn. Events are never dropped without a count and a log
 * line, and a refused event is never retried for ever.
 */
final class AmpsBatchWriter implements BatchWriter {
  private static final Logger LOG = LoggerFactory.getLogger(AmpsBatchWriter.class);
  private static final int MAX_LOGGED_BODY = 1024;

  private final AmpsSinkConfig config;
  private final AmpsTransport transport;
  private final AmpsSinkCounters counters;
  private final LongSupplier nanoClock;
  private final EventRouter router;
  private final RepublishLoopGuard loopGuard;

  /** One throttle per kind of unpublishable event (no topic, each refusal reason, ...). */
  private final Map<String, ThrottledLog> unpublishableLogs = new HashMap<>();

  private final ThrottledLog loopLog = new ThrottledLog(10, TimeUnit.SECONDS);
  private final ThrottledLog failedWriteLog = new ThrottledLog(10, TimeUnit.SECONDS);

  /** Tokens of the messages sent in the current pass, rising, and their events' indexes. */
  private long[] sentTokens = new long[64];

  private int[] sentIndexes = new int[64];
  private int sentCount;
  private final List<FailedWrite> failed = new ArrayList<>();

  AmpsBatchWriter(
      AmpsSinkConfig config,
      AmpsTransport transport,
      AmpsSinkCounters counters,
      LongSupplier nanoClock) {
    this.config = config;
    this.transport = transport;
    this.counters = counters;
    this.nanoClock = nanoClock;
    this.router = new EventRouter(config);
    this.loopGuard = new RepublishLoopGuard(config.bookmarkHeader, config.originTopicHeader);
  }

  @Override
  public void write(List<Event> events) throws Exception {
    try {
      writeBatch(events);
    } catch (RuntimeException e) {
      // The client's own runtime exceptions may carry a URI: never let one out unmasked.
      throw new AmpsDeliveryException(
          "publishing failed: " + config.redactor.redact(e.toString()),
          config.redactor.sanitize(e));
    }
  }

  private void writeBatch(List<Event> events) throws Exception {
    reportLateFailedWrites();
    sentCount = 0;
    boolean connected = false;
    List<Integer> deadLetters = null;
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      Route route = router.route(event);
      if (!route.isPublishable()) {
        if (unpublishable(event, route.unpublishableReason, "route")) {
          deadLetters = add(deadLetters, i);
        }
        continue;
      }
      if (!connected) {
        transport.awaitLoggedOn(reconnectDeadline());
        connected = true;
      }
      if (loopGuard.isLoop(event, route.message.topic, transport.publisherId())
          && republishLoop(route.message.topic)) {
        continue;
      }
      record(transport.send(route.message), i);
    }
    counters.published(sentCount);
    awaitSafe();
    deadLetters = sortFailedWrites(events, deadLetters);
    if (deadLetters != null) {
      sendDeadLetters(events, deadLetters);
    }
  }

  @Override
  public void idle() {
    reportLateFailedWrites();
  }

  // ------------------------------------------------------------------ safety

  private void awaitSafe() throws Exception {
    if (sentCount == 0) {
      return;
    }
    if (!config.flushEnabled()) {
      if (!transport.isDurableOnSend()) {
        throw new IllegalStateException("no flush and no durable store: refused at start");
      }
      return;
    }
    long start = nanoClock.getAsLong();
    long deadline =
        config.publishFlushTimeout == 0
            ? AmpsTransport.NO_DEADLINE
            : start + TimeUnit.MILLISECONDS.toNanos(config.publishFlushTimeout);
    try {
      transport.awaitAcknowledged(sentTokens[0], sentTokens[sentCount - 1], deadline);
    } catch (FlushTimeoutException e) {
      counters.flushTimedOut();
      throw e;
    }
    counters.flushed(TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - start));
  }

  private long reconnectDeadline() {
    return nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(config.reconnectTimeout);
  }

  // ------------------------------------------------------------------ failed writes

  /**
   * Sorts the failed writes AMPS reported for this pass. Throws (rolling the batch back) on a
   * transient failure when {@code rollbackOnError}; applies the unpublishable policy to refused
   * messages; returns the events to dead-letter.
   */
  private List<Integer> sortFailedWrites(List<Event> events, List<Integer> deadLetters)
      throws AmpsDeliveryException {
    failed.clear();
    transport.drainFailedWrites(failed);
    if (failed.isEmpty()) {
      return deadLetters;
    }
    if (config.rollbackOnError) {
      for (FailedWrite f : failed) {
        if (f.kind() == FailedWrite.Kind.TRANSIENT && indexOf(f.token) >= 0) {
          counters.failedWrite();
          throw new AmpsDeliveryException(
              "AMPS failed to store a message ("
                  + f.reasonText()
                  + ", a server-side failure that may pass); rolling the batch back"
                  + " (rollbackOnError = true)");
        }
      }
    }
    for (FailedWrite f : failed) {
      int index = indexOf(f.token);
      if (f.kind() == FailedWrite.Kind.DUPLICATE) {
        counters.duplicate();
      } else if (index < 0) {
        lateFailedWrite(f);
      } else if (f.kind() == FailedWrite.Kind.TRANSIENT) {
        counters.failedWrite();
        counters.dropped();
        logFailedWrite(
            f, events.get(index), "dropped: rollbackOnError = false commits failed writes");
      } else {
        counters.failedWrite();
        String reason = f.reasonText();
        if (unpublishable(events.get(index), "AMPS refused it: " + reason, reason)) {
          deadLetters = add(deadLetters, index);
        }
      }
    }
    return deadLetters;
  }

  /** Failed writes that arrive outside their batch: counted and logged, nothing else possible. */
  private void reportLateFailedWrites() {
    failed.clear();
    transport.drainFailedWrites(failed);
    for (FailedWrite f : failed) {
      if (f.kind() == FailedWrite.Kind.DUPLICATE) {
        counters.duplicate();
      } else {
        lateFailedWrite(f);
      }
    }
  }

  private void lateFailedWrite(FailedWrite f) {
    counters.failedWrite();
    long held = failedWriteLog.tryAcquire();
    if (held >= 0) {
      LOG.error(
          "{}: AMPS refused a message of an earlier batch ({}, topic '{}'){}{}; a batch that was"
              + " rolled back sends it again, a committed one has lost it",
          config.component,
          f.reasonText(),
          f.topic,
          bodyText(f.body),
          heldBack(held));
    }
  }

  // ------------------------------------------------------------------ policies

  /**
   * Applies the unpublishable policy to one event: counted, logged, and either dropped or marked
   * for the dead-letter topic (returns true).
   */
  private boolean unpublishable(Event event, String reason, String kind) {
    counters.unpublishable();
    boolean deadLetter = config.unpublishablePolicy == UnpublishablePolicy.DEAD_LETTER;
    if (!deadLetter) {
      counters.dropped();
    }
    long held =
        unpublishableLogs
            .computeIfAbsent(kind, k -> new ThrottledLog(10, TimeUnit.SECONDS))
            .tryAcquire();
    if (held >= 0) {
      LOG.warn(
          "{}: an event cannot be published ({}); {}{}{}",
          config.component,
          reason,
          deadLetter
              ? "sending it to dead-letter topic '" + config.deadLetterTopic + "'"
              : "dropped (unpublishablePolicy = drop)",
          bodyText(event.getBody()),
          heldBack(held));
    }
    return deadLetter;
  }

  /** Counts and logs a republish loop; returns true when the event is to be skipped. */
  private boolean republishLoop(String topic) {
    counters.republishLoop();
    boolean drop = config.republishLoopPolicy == LoopPolicy.DROP;
    long held = loopLog.tryAcquire();
    if (held >= 0) {
      LOG.warn(
          "{}: republish loop: an event this sink published to topic '{}' came back to be"
              + " published there again (its '{}' header names this client); {}{}",
          config.component,
          topic,
          config.bookmarkHeader,
          drop
              ? "skipped, AMPS already has it (republishLoopPolicy = drop)"
              : "published again (republishLoopPolicy = publish)",
          heldBack(held));
    }
    return drop;
  }

  private void sendDeadLetters(List<Event> events, List<Integer> indexes) throws Exception {
    transport.awaitLoggedOn(reconnectDeadline());
    sentCount = 0;
    for (int index : indexes) {
      record(transport.send(router.deadLetter(events.get(index))), index);
    }
    counters.published(sentCount);
    awaitSafe();
    failed.clear();
    transport.drainFailedWrites(failed);
    for (FailedWrite f : failed) {
      int index = indexOf(f.token);
      if (f.kind() == FailedWrite.Kind.DUPLICATE) {
        counters.duplicate();
      } else if (index < 0) {
        lateFailedWrite(f);
      } else {
        counters.failedWrite();
        counters.dropped();
        logFailedWrite(f, events.get(index), "dropped: the dead-letter topic refused it too");
        sentIndexes[Arrays.binarySearch(sentTokens, 0, sentCount, f.token)] = -1;
      }
    }
    for (int i = 0; i < sentCount; i++) {
      if (sentIndexes[i] >= 0) {
        counters.deadLettered();
      }
    }
  }

  private void logFailedWrite(FailedWrite f, Event event, String outcome) {
    long held = failedWriteLog.tryAcquire();
    if (held >= 0) {
      LOG.error(
          "{}: AMPS refused a message ({}, topic '{}'); {}{}{}",
          config.component,
          f.reasonText(),
          f.topic,
          outcome,
          bodyText(event.getBody()),
          heldBack(held));
    }
  }

  // ------------------------------------------------------------------ bookkeeping

  private void record(long token, int index) {
    if (sentCount == sentTokens.length) {
      sentTokens = Arrays.copyOf(sentTokens, sentCount * 2);
      sentIndexes = Arrays.copyOf(sentIndexes, sentCount * 2);
    }
    sentTokens[sentCount] = token;
    sentIndexes[sentCount] = index;
    sentCount++;
  }

  /** The index of the event sent with this token in the current pass, or -1. */
  private int indexOf(long token) {
    int i = Arrays.binarySearch(sentTokens, 0, sentCount, token);
    return i < 0 ? -1 : sentIndexes[i];
  }

  private static List<Integer> add(List<Integer> list, int index) {
    List<Integer> l = list == null ? new ArrayList<>() : list;
    l.add(index);
    return l;
  }

  /** The body for a log line, only when logMsgOnWriteError allows it. */
  private String bodyText(byte[] body) {
    if (!config.logMsgOnWriteError || body == null) {
      return "";
    }
    String text =
        new String(body, 0, Math.min(body.length, MAX_LOGGED_BODY), StandardCharsets.UTF_8);
    return "; body: " + text + (body.length > MAX_LOGGED_BODY ? "..." : "");
  }

  private static String heldBack(long held) {
    return held > 0 ? " (" + held + " similar messages held back)" : "";
  }
}
