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
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Carbon's line protocol over UDP, lines packed into datagrams of at most {@link #MAX_DATAGRAM}
 * bytes (a line is never split), small enough to cross an Ethernet path unfragmented. Delivery is
 * not confirmed: a send fails only when the local network stack refuses it, or when an earlier
 * datagram came back as "port unreachable" on the connected socket.
 */
final class PlaintextUdpTransport implements GraphiteTransport {
  static final int MAX_DATAGRAM = 1400;

  private final String host;
  private final int port;
  private final AddressResolver resolver;
  private final ByteBuilder packet = new ByteBuilder(MAX_DATAGRAM * 2);
  private final ByteBuilder line = new ByteBuilder(256);
  private DatagramChannel channel;
  private int failures;

  PlaintextUdpTransport(String host, int port, AddressResolver resolver) {
    this.host = host;
    this.port = port;
    this.resolver = resolver;
  }

  @Override
  public void connect() throws IOException {
    if (channel != null && channel.isOpen()) {
      return;
    }
    DatagramChannel ch = null;
    try {
      InetSocketAddress address = resolver.resolve(host, port);
      ch = DatagramChannel.open();
      ch.connect(address);
      channel = ch;
    } catch (IOException e) {
      failures++;
      if (ch != null) {
        ch.close();
      }
      throw e;
    }
  }

  @Override
  public boolean isConnected() {
    return channel != null && channel.isOpen();
  }

  @Override
  public void send(Datapoint point, long epochSeconds) throws IOException {
    line.clear();
    PlaintextLines.append(line, point, epochSeconds);
    if (packet.size() > 0 && packet.size() + line.size() > MAX_DATAGRAM) {
      writePacket();
    }
    packet.append(line.toByteArray());
  }

  @Override
  public void flush() throws IOException {
    if (packet.size() > 0) {
      writePacket();
    }
    failures = 0;
  }

  private void writePacket() throws IOException {
    try {
      if (channel == null) {
        throw new IOException("not connected to " + host + ":" + port);
      }
      ByteBuffer b = packet.buffer();
      channel.write(b);
    } catch (IOException e) {
      failures++;
      throw e;
    } finally {
      packet.clear();
    }
  }

  @Override
  public void close() {
    packet.clear();
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing: nothing left to do with it
      }
      channel = null;
    }
  }

  @Override
  public int failures() {
    return failures;
  }
}
