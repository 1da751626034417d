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
package dev.sluice.flume.common.sink;

import java.util.List;
import org.apache.flume.Event;

/**
 * A sink module's per-batch step, run by {@link SinkTransactionTemplate} inside a channel
 * transaction.
 */
public interface BatchWriter {
  /**
   * Writes the batch and returns only once it is safe downstream (flushed, acknowledged, or in a
   * durable store that will replay it). Any exception rolls the channel transaction back, so the
   * same events are taken again later: the write must be safe to repeat (at-least-once).
   *
   * @param events one or more events, in channel order
   */
  void write(List<Event> events) throws Exception;

  /**
   * Called, inside the template's transaction handling, when the channel had nothing to take: a
   * place for housekeeping on the sink's own thread, such as closing idle files. An exception here
   * is reported like a write failure.
   */
  default void idle() throws Exception {}
}
