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
import com.crankuptheamps.client.ConnectionStateListener;
import dev.sluice.flume.common.log.CredentialRedactor;
import dev.sluice.flume.common.log.ThrottledLog;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one client's connection state: counts reconnects and failovers (a reconnect to another
 * URI than the last), keeps the {@code Connected} and {@code Subscribed} gauges, and logs each
 * change once, with passwords masked.
 */
final class ConnectionWatcher implements ConnectionStateListener {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionWatcher.class);

  private final String sourceName;
  private final Client client;
  private final AmpsSourceCounters counters;
  private final CredentialRedactor redactor;
  private final boolean bookmarks;
  private final ThrottledLog lostLog = new ThrottledLog(10, TimeUnit.SECONDS);
  private volatile boolean stopping;
  private volatile boolean subscribedOnce;

  // Written by the client's threads one at a time (state changes are broadcast in order).
  private boolean everLoggedOn;
  private boolean lost;
  private String lastUri;

  /**
   * @param alreadyLoggedOn true when the client is connected already (a custom factory connects
   *     before the watcher is added)
   */
  ConnectionWatcher(
      String sourceName,
      Client client,
      AmpsSourceCounters counters,
      CredentialRedactor redactor,
      boolean bookmarks,
      boolean alreadyLoggedOn) {
    this.sourceName = sourceName;
    this.client = client;
    this.counters = counters;
    this.redactor = redactor;
    this.bookmarks = bookmarks;
    if (alreadyLoggedOn) {
      everLoggedOn = true;
      lastUri = currentUri();
      counters.connected(true);
    }
  }

  /** The subscription is in place; from now on each resubscribe after a reconnect restores it. */
  void subscribed() {
    subscribedOnce = true;
    counters.subscribed(true);
  }

  /** Disconnects from now on are the source closing the client: not counted, not logged. */
  void stopping() {
    stopping = true;
  }

  @Override
  public synchronized void connectionStateChanged(int state) {
    if (state == LoggedOn) {
      String uri = currentUri();
      counters.connected(true);
      if (everLoggedOn && lost) {
        boolean failover = lastUri != null && !lastUri.equals(uri);
        counters.reconnected(failover);
        LOG.info(
            "Source '{}': {} {}{}",
            sourceName,
            failover ? "failed over to" : "reconnected to",
            uri,
            bookmarks
                ? "; resubscribing from the last bookmark discarded (no gap)"
                : "; resubscribing (not a bookmark subscription: messages published while"
                    + " disconnected are not replayed)");
      } else if (!everLoggedOn) {
        LOG.info("Source '{}': logged on to {}", sourceName, uri);
      }
      everLoggedOn = true;
      lost = false;
      lastUri = uri;
    } else if (state == Resubscribed) {
      if (subscribedOnce) {
        counters.subscribed(true);
      }
    } else if (state == Disconnected || state == Shutdown) {
      counters.connected(false);
      counters.subscribed(false);
      if (everLoggedOn && !lost && !stopping) {
        lost = true;
        long held = lostLog.tryAcquire();
        if (held >= 0) {
          LOG.warn(
              "Source '{}': lost the connection to {}; reconnecting ({} earlier losses not"
                  + " logged)",
              sourceName,
              lastUri,
              held);
        }
      }
    }
  }

  private String currentUri() {
    URI uri = client.getURI();
    return uri == null ? "(unknown)" : redactor.redact(uri.toString());
  }
}
