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

import java.io.IOException;

/**
 * What the plaintext and pickle TCP transports share: connecting (a no-op when connected), the
 * connection's health, writing a buffer, and counting failures in a row. Subclasses decide how
 * datapoints become bytes and when they are written.
 */
abstract class TcpTransport implements GraphiteTransport {
  private final TcpConnection connection;
  private int failures;

  TcpTransport(TcpConnection connection) {
    this.connection = connection;
  }

  @Override
  public final void connect() throws IOException {
    if (connection.isOpen()) {
      return;
    }
    try {
      connection.open();
    } catch (IOException e) {
      failures++;
      throw e;
    }
  }

  @Override
  public final boolean isConnected() {
    return connection.isOpen() && !connection.peerClosed();
  }

  /** Writes the bytes built so far; a failure is counted and rethrown. */
  final void write(ByteBuilder bytes) throws IOException {
    try {
      connection.write(bytes.buffer());
    } catch (IOException e) {
      failures++;
      throw e;
    }
  }

  /** A flush went through: the failures in a row start again from zero. */
  final void succeeded() {
    failures = 0;
  }

  /** Drops whatever the subclass holds for the next flush. */
  abstract void discardPending();

  @Override
  public final void close() {
    discardPending();
    connection.close();
  }

  @Override
  public final int failures() {
    return failures;
  }
}
