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

/** Carbon's line protocol over TCP: {@code <name> <value> <timestamp>\n} per datapoint. */
final class PlaintextTcpTransport extends TcpTransport {
  /** Bytes buffered before a write goes out mid-batch. */
  static final int WRITE_CHUNK = 64 * 1024;

  private final ByteBuilder buffer = new ByteBuilder(WRITE_CHUNK + 1024);

  PlaintextTcpTransport(TcpConnection connection) {
    super(connection);
  }

  @Override
  public void send(Datapoint point, long epochSeconds) throws IOException {
    PlaintextLines.append(buffer, point, epochSeconds);
    if (buffer.size() >= WRITE_CHUNK) {
      writeBuffer();
    }
  }

  @Override
  public void flush() throws IOException {
    writeBuffer();
    succeeded();
  }

  private void writeBuffer() throws IOException {
    try {
      write(buffer);
    } finally {
      buffer.clear();
    }
  }

  @Override
  void discardPending() {
    buffer.clear();
  }
}
