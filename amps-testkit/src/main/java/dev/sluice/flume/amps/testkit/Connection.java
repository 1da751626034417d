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
import java.io.InputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client's TCP connection: a reader thread that splits the stream into frames (4-byte
 * big-endian length, then header and body) and hands each to the {@link Session}, and an {@link
 * Outbound} writer thread. A frame that cannot be read closes this connection only, with one log
 * line saying why.
 *
 * <p>A reader batch (whose end is where {@link Session#afterBatch} syncs the transaction log and
 * sends the persisted acks) is everything the client had sent when the reader caught up: after
 * handling what one read returned, the reader reads on without ending the batch while more bytes
 * are already waiting in the socket (up to {@link #MAX_BATCH_BYTES}, and not while a subscriber is
 * congested). Ending the batch at every read instead cost a publisher's burst of 1,000 messages
 * four to seven fsyncs in a row (one per 128 KiB read), each ack waiting for all of them; now it
 * costs one or two, and an ack still goes out only after the fsync that covers its message.
 */
final class Connection {
  private static final Logger LOG = Logger.getLogger(Connection.class.getName());
  private static final int INITIAL_BUFFER = 128 * 1024;
  private static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;

  private final AmpsTestServer server;
  private final SocketChannel channel;
  private final long id;
  private final String remote;
  private final Outbound outbound;
  private final Session session;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long lastReadNanos = System.nanoTime();

  Connection(AmpsTestServer server, SocketChannel channel, long id) {
    this.server = server;
    this.channel = channel;
    this.id = id;
    String r;
    try {
      SocketAddress a = channel.getRemoteAddress();
      r = String.valueOf(a);
    } catch (IOException e) {
      r = "?";
    }
    this.remote = r;
    this.outbound = new Outbound(this, channel, server.outboundLimitBytes());
    this.session = new Session(this, server);
  }

  AmpsTestServer server() {
    return server;
  }

  long id() {
    return id;
  }

  Outbound outbound() {
    return outbound;
  }

  Session session() {
    return session;
  }

  long lastReadNanos() {
    return lastReadNanos;
  }

  boolean isClosed() {
    return closed.get();
  }

  void start() {
    Thread reader = new Thread(this::readLoop, "amps-testkit-read-" + id);
    reader.setDaemon(true);
    Thread writer = new Thread(outbound, "amps-testkit-write-" + id);
    writer.setDaemon(true);
    writer.start();
    reader.start();
  }

  private void readLoop() {
    ByteBuffer in = ByteBuffer.allocate(INITIAL_BUFFER);
    int maxFrame = server.maxFrameBytes();
    InputStream waiting;
    try {
      waiting = channel.socket().getInputStream();
    } catch (IOException e) {
      close("cannot read: " + e);
      return;
    }
    long batchBytes = 0;
    try {
      while (!closed.get()) {
        server.awaitNotStalled();
        int n = channel.read(in);
        if (n < 0) {
          close(in.position() > 0 ? "connection closed in the middle of a frame" : null);
          return;
        }
        batchBytes += n;
        lastReadNanos = System.nanoTime();
        in.flip();
        while (in.remaining() >= 4) {
          int length = in.getInt(in.position());
          if (length < 2 || length > maxFrame) {
            malformed("frame length " + length + " is outside 2.." + maxFrame);
            return;
          }
          if (in.remaining() < 4 + length) {
            if (4 + length > in.capacity()) {
              ByteBuffer bigger = ByteBuffer.allocate(Math.max(4 + length, in.capacity() * 2));
              bigger.put(in);
              bigger.flip();
              in = bigger;
            }
            break;
          }
          server.awaitNotStalled();
          if (closed.get()) {
            return;
          }
          int start = in.position() + 4;
          try {
            session.handleFrame(in.array(), start, length);
          } catch (Header.MalformedHeaderException e) {
            malformed(e.getMessage());
            return;
          }
          in.position(start + length);
        }
        in.compact();
        if (batchBytes < MAX_BATCH_BYTES
            && session.batchMayGrow()
            && in.hasRemaining()
            && waiting.available() > 0) {
          continue; // more of the client's burst is here already: part of this batch
        }
        batchBytes = 0;
        session.afterBatch();
      }
    } catch (IOException e) {
      close(closed.get() ? null : "read failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close("interrupted");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "connection " + describe() + " failed", e);
      close("internal error: " + e);
    }
  }

  private void malformed(String why) {
    close("malformed input: " + why);
  }

  String describe() {
    String name = session.clientName();
    return "#" + id + " " + remote + (name == null ? "" : " (" + name + ")");
  }

  /** Closes the connection; {@code why} is logged once (null for an orderly close). */
  void close(String why) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (why != null) {
      LOG.warning(() -> "closing connection " + describe() + ": " + why);
    } else {
      LOG.fine(() -> "connection " + describe() + " closed");
    }
    outbound.close();
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing " + describe(), e);
    }
    session.closed();
    server.connectionClosed(this);
  }
}
