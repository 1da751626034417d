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
package dev.sluice.flume.monitor.graphite;

import java.io.Closeable;
import java.io.IOException;

/**
 * A connection to one carbon endpoint. Used by one sender thread only. Modelled on Dropwizard's
 * {@code GraphiteSender}: connect, send datapoints (buffered), flush them, close, and a failure
 * count; unlike it, every connect resolves the host name again and every blocking step has a
 * timeout.
 */
interface GraphiteTransport extends Closeable {
  /** Resolves the host name again and connects; a no-op when already connected. */
  void connect() throws IOException;

  /**
   * Whether the connection is usable: connected, and (for TCP) carbon has not closed its end, which
   * a restarted carbon does and which would otherwise swallow the next batch.
   */
  boolean isConnected();

  /** Buffers one datapoint; may write when the buffer fills. */
  void send(Datapoint point, long epochSeconds) throws IOException;

  /** Writes everything buffered. */
  void flush() throws IOException;

  /** Closes the connection and discards anything buffered. Never throws. */
  @Override
  void close();

  /** Failed connects and writes since the last successful flush. */
  int failures();
}
