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

import java.util.List;

/**
 * What the sink needs from an AMPS connection, so that its batch logic never touches socket details
 * and tests can run it against a fake. Tokens returned by {@link #send} rise strictly. Every method
 * but {@link #drainFailedWrites} and the readers is called on the sink's thread only.
 */
interface AmpsTransport extends AutoCloseable {
  /** The deadline that means "no limit of its own" for {@link #awaitAcknowledged}. */
  long NO_DEADLINE = Long.MAX_VALUE;

  /**
   * Returns when the client is logged on, connecting or waiting for a reconnect as needed.
   *
   * @param deadlineNanos a {@link System#nanoTime()} value after which to give up
   * @throws Exception when not logged on by the deadline, when interrupted, or when closed
   */
  void awaitLoggedOn(long deadlineNanos) throws Exception;

  /**
   * Sends one message (into the publish store first, when there is one).
   *
   * @return a token naming the message in acknowledgements and failed writes
   */
  long send(OutgoingMessage message) throws Exception;

  /**
   * Returns once AMPS has acknowledged every message from {@code firstToken} up to and including
   * {@code lastToken} (stored or refused; refusals then appear in {@link #drainFailedWrites}).
   *
   * @param deadlineNanos when to give up, or {@link #NO_DEADLINE} for no limit of its own: the wait
   *     still ends when the connection has been down for longer than the reconnect timeout, when
   *     the thread is interrupted and when the transport is closed
   * @throws FlushTimeoutException when the deadline passed first
   */
  void awaitAcknowledged(long firstToken, long lastToken, long deadlineNanos) throws Exception;

  /** Moves the failed writes reported since the last call into {@code into}, in arrival order. */
  void drainFailedWrites(List<FailedWrite> into);

  /** True when a sent message is in a durable publish store that replays it after a crash. */
  boolean isDurableOnSend();

  /** This client's publisher id, as AMPS reported it at logon; null before the first logon. */
  String publisherId();

  /** Messages sent and not yet acknowledged. */
  long unacknowledgedCount();

  boolean isLoggedOn();

  /**
   * Waits up to {@code timeoutMillis} for outstanding acknowledgements, then disconnects and
   * releases the publish store. Never throws.
   */
  void close(long timeoutMillis);

  @Override
  default void close() {
    close(0);
  }
}
