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
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A non-blocking TCP socket driven through a selector, so connecting and writing both give up at a
 * deadline: a blocking {@code java.net.Socket} has a connect timeout but no write timeout, and a
 * carbon that stops reading (disk full, stopped process) would hang the sender forever. Shared by
 * the plaintext and pickle transports.
 */
final class TcpConnection {
  private final String host;
  private final int port;
  private final AddressResolver resolver;
  private final long connectTimeoutNanos;
  private final long writeTimeoutNanos;
  private final ByteBuffer probe = ByteBuffer.allocate(64);
  private SocketChannel channel;
  private Selector selector;
  private SelectionKey key;

  TcpConnection(
      String host,
      int port,
      AddressResolver resolver,
      long connectTimeoutMillis,
      long writeTimeoutMillis) {
    this.host = host;
    this.port = port;
    this.resolver = resolver;
    this.connectTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(connectTimeoutMillis);
    this.writeTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(writeTimeoutMillis);
  }

  void open() throws IOException {
    close();
    InetSocketAddress address = resolver.resolve(host, port);
    SocketChannel ch = SocketChannel.open();
    Selector sel = null;
    try {
      ch.configureBlocking(false);
      ch.socket().setTcpNoDelay(true);
      ch.socket().setKeepAlive(true);
      sel = Selector.open();
      SelectionKey k = ch.register(sel, 0);
      if (!ch.connect(address)) {
        k.interestOps(SelectionKey.OP_CONNECT);
        long deadline = System.nanoTime() + connectTimeoutNanos;
        while (!ch.finishConnect()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new SocketTimeoutException(
                "connect to "
                    + address
                    + " timed out after "
                    + millis(connectTimeoutNanos)
                    + " ms");
          }
          select(sel, left);
        }
        k.interestOps(0);
      }
      channel = ch;
      selector = sel;
      key = k;
    } catch (ConnectException e) {
      closeQuietly(ch, sel);
      ConnectException named = new ConnectException(e.getMessage() + ": " + address);
      named.initCause(e);
      throw named;
    } catch (IOException | RuntimeException e) {
      closeQuietly(ch, sel);
      throw e;
    }
  }

  boolean isOpen() {
    return channel != null && channel.isOpen();
  }

  /**
   * True when carbon has closed its end or reset the connection. Carbon never writes on these
   * ports, so anything but "nothing to read" means the connection is finished.
   */
  boolean peerClosed() {
    if (!isOpen()) {
      return true;
    }
    try {
      probe.clear();
      return channel.read(probe) < 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** Writes all of {@code buf} or throws, waiting at most the write timeout for progress. */
  void write(ByteBuffer buf) throws IOException {
    if (!isOpen()) {
      throw new IOException("not connected to " + host + ":" + port);
    }
    long deadline = System.nanoTime() + writeTimeoutNanos;
    try {
      while (buf.hasRemaining()) {
        if (channel.write(buf) > 0) {
          deadline = System.nanoTime() + writeTimeoutNanos;
          continue;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SocketTimeoutException(
              "write to "
                  + host
                  + ":"
                  + port
                  + " made no progress for "
                  + millis(writeTimeoutNanos)
                  + " ms (carbon not reading)");
        }
        key.interestOps(SelectionKey.OP_WRITE);
        select(selector, left);
      }
    } finally {
      if (key.isValid()) {
        key.interestOps(0);
      }
    }
  }

  void close() {
    closeQuietly(channel, selector);
    channel = null;
    selector = null;
    key = null;
  }

  private static void select(Selector sel, long nanos) throws IOException {
    sel.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
    sel.selectedKeys().clear();
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted while waiting for the socket");
    }
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static void closeQuietly(SocketChannel ch, Selector sel) {
    try {
      if (sel != null) {
        sel.close();
      }
    } catch (IOException ignored) {
      // closing: nothing left to do with it
    }
    try {
      if (ch != null) {
        ch.close();
      }
    } catch (IOException ignored) {
      // closing: nothing left to do with it
    }
  }
}
