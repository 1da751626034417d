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

import java.util.List;

/**
 * What the source needs from AMPS once subscribed: acknowledging what is safe, keeping the bookmark
 * log small, and a clean end. The AMPS client stays behind this interface.
 */
interface AmpsSubscription {
  /**
   * Acknowledges messages that every channel has committed: for a bookmark subscription, hands
   * their bookmarks over to be discarded, so a restart resumes after them. The client's receive
   * thread discards them before its next message, or {@link #discardOverdue} does (see {@link
   * PendingDiscards}); a failure is counted and logged there, and the messages come again after a
   * restart (duplicates, never a gap).
   */
  void acknowledge(List<Delivery> committed);

  /**
   * Flume's polling thread: discards the acknowledged bookmarks the receive thread has not
   * discarded within its grace period, or all of them when {@code idle}; prunes the bookmark log if
   * {@code pruneTimeThreshold} has passed since the last prune.
   */
  void discardOverdue(boolean idle);

  /** Stops the flow of messages (best effort: a lost connection has stopped it already). */
  void unsubscribe();

  /**
   * Discards every acknowledged bookmark, prunes (unless {@code pruneTimeThreshold} is 0), closes
   * the client and its bookmark store.
   */
  void close();
}
