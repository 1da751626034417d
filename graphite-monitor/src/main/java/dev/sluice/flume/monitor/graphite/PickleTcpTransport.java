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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Carbon's pickle protocol over TCP: datapoints gathered until flush, then sent as frames. */
final class PickleTcpTransport extends TcpTransport {
  private final ByteBuilder buffer = new ByteBuilder(64 * 1024);
  private final List<Datapoint> pending = new ArrayList<>();
  private long[] timestamps = new long[256];

  PickleTcpTransport(TcpConnection connection) {
    super(connection);
  }

  @Override
  public void send(Datapoint point, long epochSeconds) {
    if (pending.size() == timestamps.length) {
      timestamps = Arrays.copyOf(timestamps, timestamps.length * 2);
    }
    timestamps[pending.size()] = epochSeconds;
    pending.add(point);
  }

  @Override
  public void flush() throws IOException {
    try {
      for (int from = 0; from < pending.size(); from += PickleEncoder.MAX_POINTS_PER_FRAME) {
        int to = Math.min(pending.size(), from + PickleEncoder.MAX_POINTS_PER_FRAME);
        buffer.clear();
        PickleEncoder.appendFrame(buffer, pending, timestamps, from, to);
        write(buffer);
      }
      succeeded();
    } finally {
      discardPending();
    }
  }

  @Override
  void discardPending() {
    pending.clear();
    buffer.clear();
  }
}
