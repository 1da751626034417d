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

import java.util.List;

/**
 * The channel's AMPS topic as the transactions see it: publish a put batch and wait until AMPS has
 * persisted it, discard the bookmarks of a committed take batch. Deliveries of the subscription go
 * to the channel's {@link Prefetch}. The seam of the channel's unit tests.
 */
interface ChannelTopic {
  /** Starts connecting (in the background: an unreachable server does not block the agent). */
  void start();

  /**
   * Starts the subscription, once: called at the first take, so an agent whose channel has no sink
   * (the first tier of two) only publishes. Idempotent.
   */
  void startTaking();

  /**
   * Publishes the messages, in order, and returns once AMPS has persisted every one.
   *
   * @throws Exception when not connected in time, when the client refuses, or when the persisted
   *     acks did not come before the deadline (the messages may still arrive: a duplicate, never a
   *     loss, since the put transaction fails)
   */
  void publish(List<byte[]> messages, long deadlineNanos) throws Exception;

  /** Discards the bookmarks of these deliveries: the subscription never delivers them again. */
  void discard(List<Delivery> taken) throws Exception;

  /** Messages published and not yet persisted-acked. */
  long publishStoreDepth();

  void close();
}
