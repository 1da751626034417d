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

import com.crankuptheamps.client.BookmarkStore;
import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.CommandId;
import com.crankuptheamps.client.LoggedBookmarkStore;
import com.crankuptheamps.client.fields.Field;
import dev.sluice.flume.common.log.CredentialRedactor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A subscription on a connected AMPS client. */
final class ClientSubscription implements AmpsSubscription {
  private static final Logger LOG = LoggerFactory.getLogger(ClientSubscription.class);

  /**
   * How long a committed batch's bookmarks wait for the receive thread to discard them before
   * Flume's polling thread does (see {@link PendingDiscards}).
   */
  static final long DISCARD_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final String sourceName;
  private final Client client;
  private volatile CommandId commandId;
  private final BookmarkStore store;
  private final Field subId;
  private final long pruneThresholdMillis;
  private final LongSupplier clock;
  private final CredentialRedactor redactor;
  private final Runnable beforeClose;
  private final PendingDiscards pending; // null when there is nothing to discard
  private long lastPruneMillis; // read and written by the discarding thread only

  /**
   * @param subId the subscription id bookmarks are kept under, or null when this is not a bookmark
   *     subscription (then nothing is discarded)
   * @param beforeClose run before the client is closed (so listeners ignore the disconnect)
   */
  ClientSubscription(
      String sourceName,
      Client client,
      String subId,
      long pruneThresholdMillis,
      LongSupplier clock,
      LongSupplier nanoClock,
      AmpsSourceCounters counters,
      CredentialRedactor redactor,
      Runnable beforeClose) {
    this.sourceName = sourceName;
    this.client = client;
    this.store = client.getBookmarkStore();
    this.subId = subId == null ? null : new Field(subId);
    this.pruneThresholdMillis = pruneThresholdMillis;
    this.clock = clock;
    this.redactor = redactor;
    this.beforeClose = beforeClose;
    this.lastPruneMillis = clock.getAsLong();
    Field id = this.subId;
    this.pending =
        id == null || store == null
            ? null
            : new PendingDiscards(
                sourceName,
                seq -> store.discard(id, seq),
                this::maybePrune,
                counters,
                redactor,
                nanoClock,
                DISCARD_GRACE_NANOS);
  }

  /** The subscribe command was sent and acknowledged; its id is needed to unsubscribe. */
  void subscribed(CommandId id) {
    this.commandId = id;
  }

  @Override
  public void acknowledge(List<Delivery> committed) {
    if (pending != null) {
      pending.add(committed);
    }
  }

  @Override
  public void discardOverdue(boolean idle) {
    if (pending != null) {
      pending.discardOverdue(idle);
    }
  }

  /** The client's receive thread, before each message: see {@link PendingDiscards}. */
  void discardOnReceiveThread() {
    if (pending != null) {
      pending.discardOnReceiveThread();
    }
  }

  /** Run by the discarding thread after its discards: prunes once the threshold has passed. */
  private void maybePrune() {
    if (pruneThresholdMillis <= 0 || !(store instanceof LoggedBookmarkStore)) {
      return;
    }
    long now = clock.getAsLong();
    if (now - lastPruneMillis >= pruneThresholdMillis) {
      lastPruneMillis = now;
      prune("it is tried again after pruneTimeThreshold");
    }
  }

  /** Prunes the bookmark log; a failure is logged with {@code then} (what happens next). */
  private void prune(String then) {
    try {
      ((LoggedBookmarkStore) store).prune();
    } catch (Exception e) {
      LOG.warn(
          "Source '{}': pruning the bookmark log failed; {}", sourceName, then, redactor.redact(e));
    }
  }

  @Override
  public void unsubscribe() {
    CommandId id = commandId;
    if (id == null) {
      return;
    }
    try {
      client.unsubscribe(id);
    } catch (Exception e) {
      LOG.debug(
          "Source '{}': unsubscribe failed (the connection is gone, which ends the subscription"
              + " too)",
          sourceName,
          redactor.redact(e));
    }
  }

  @Override
  public void close() {
    if (pending != null) {
      pending.discardAll(); // what the channels committed, before the log is pruned and closed
    }
    beforeClose.run();
    if (pruneThresholdMillis > 0 && store instanceof LoggedBookmarkStore) {
      prune("it is pruned at the next start");
    }
    try {
      client.close();
    } finally {
      if (store != null) {
        try {
          store.close();
        } catch (Exception e) {
          LOG.warn(
              "Source '{}': closing the bookmark store failed", sourceName, redactor.redact(e));
        }
      }
    }
  }
}
