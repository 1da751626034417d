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
package dev.sluice.flume.amps.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The listening socket of one server, which can be closed for a while (connection attempts are then
 * refused by the operating system) and reopened on the same port.
 */
final class Listener {
  private static final Logger LOG = Logger.getLogger(Listener.class.getName());

  private final String host;
  private final Consumer<SocketChannel> accepted;
  private final Object lock = new Object();
  private ServerSocketChannel channel;
  private Thread acceptThread;
  private int port;
  private boolean closed;
  private long refusedUntilNanos;
  private boolean refusing;

  Listener(String host, int port, Consumer<SocketChannel> accepted) {
    this.host = host;
    this.port = port;
    this.accepted = accepted;
  }

  int port() {
    synchronized (lock) {
      return port;
    }
  }

  /** Starts listening (on a free port if the port is 0, which {@link #port()} then reports). */
  void open() throws IOException {
    synchronized (lock) {
      ServerSocketChannel ch = ServerSocketChannel.open();
      try {
        ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        ch.bind(new InetSocketAddress(InetAddress.getByName(host), port), 256);
      } catch (IOException e) {
        ch.close();
        throw e;
      }
      channel = ch;
      port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
      Thread t = new Thread(() -> acceptLoop(ch), "amps-testkit-accept-" + port);
      t.setDaemon(true);
      acceptThread = t;
      t.start();
    }
  }

  /** Stops listening until {@link #reopenIfDue()} is called once {@code nanos} have passed. */
  void refuseFor(long nanos) {
    synchronized (lock) {
      refusing = true;
      refusedUntilNanos = System.nanoTime() + nanos;
      closeChannel();
    }
  }

  /** Ends a refusal now. */
  void acceptNow() {
    synchronized (lock) {
      refusing = false;
    }
    reopenIfDue();
  }

  /** Listens again if a refusal has run its time (called by a timer, or at once). */
  void reopenIfDue() {
    synchronized (lock) {
      if (closed || channel != null) {
        return;
      }
      if (refusing && refusedUntilNanos - System.nanoTime() > 0) {
        return;
      }
      refusing = false;
      try {
        open();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen again on port " + port, e);
      }
    }
  }

  void close() {
    synchronized (lock) {
      closed = true;
      closeChannel();
    }
  }

  private void closeChannel() {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing the listener", e);
    }
    channel = null;
    // The port is released only once the thread blocked in accept() has left it.
    try {
      acceptThread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop(ServerSocketChannel ch) {
    while (true) {
      SocketChannel s;
      try {
        s = ch.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!ch.isOpen()) {
          return;
        }
        LOG.log(Level.WARNING, "accept failed on port " + port, e);
        continue;
      }
      try {
        s.setOption(StandardSocketOptions.TCP_NODELAY, true);
        s.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
        s.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
      } catch (IOException e) {
        LOG.log(Level.FINE, "socket options", e);
      }
      accepted.accept(s);
    }
  }
}
