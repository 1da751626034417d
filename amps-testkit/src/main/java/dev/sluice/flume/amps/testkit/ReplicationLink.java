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

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An asynchronous replication link to another instance: one thread reads this instance's log in
 * order and ships each entry to the other instance's {@link ReplicationListener}, no earlier than
 * {@code lag} after it was appended here. The other side acknowledges what it has applied (the
 * highest index of this log it has received). An {@code async} link (AMPS's async destination)
 * holds nothing back: persisted acks to publishers go out once the entry is in this instance's log,
 * so an instance that dies takes its not-yet-shipped entries with it until it comes back. A {@code
 * sync} link holds this instance's persisted acks until the other side has acknowledged the entry,
 * so a publish store still has, and replays elsewhere, whatever was not replicated.
 *
 * <p>Each connection starts shipping from the beginning of the log; the receiver drops what it
 * already holds (by bookmark), so a restarted instance catches up and nothing loops between two
 * instances that replicate to each other.
 *
 * <p>Wire format: per entry a 4-byte length and the record {@link TransactionLog#encode} writes;
 * back, 8-byte acknowledged indexes.
 */
final class ReplicationLink implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ReplicationLink.class.getName());
  private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Engine engine;
  private final String name;
  private final InetSocketAddress target;
  private final long lagNanos;
  private final boolean sync;
  private final AtomicLong shipped = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;
  private volatile Socket socket;

  private ReplicationLink(
      Engine engine, String name, String host, int port, long lagMillis, boolean sync) {
    this.engine = engine;
    this.sync = sync;
    this.name = name;
    this.target = InetSocketAddress.createUnresolved(host, port);
    this.lagNanos = TimeUnit.MILLISECONDS.toNanos(lagMillis);
    this.thread = new Thread(this::run, "amps-testkit-replicate-to-" + name);
    thread.setDaemon(true);
  }

  static ReplicationLink start(
      Engine engine, String name, String host, int port, long lagMillis, boolean sync) {
    if (lagMillis < 0) {
      throw new IllegalArgumentException("replication lag must be >= 0 ms, got " + lagMillis);
    }
    ReplicationLink l = new ReplicationLink(engine, name, host, port, lagMillis, sync);
    l.thread.start();
    return l;
  }

  String name() {
    return name;
  }

  boolean isSync() {
    return sync;
  }

  /** The highest index of this instance's log the other side has acknowledged. */
  long acknowledged() {
    return acknowledged.get();
  }

  /** Entries written to the link since it started (again after each reconnect). */
  long shipped() {
    return shipped.get();
  }

  private void run() {
    boolean warned = false;
    while (!closed) {
      try (Socket s = new Socket()) {
        socket = s;
        s.connect(new InetSocketAddress(target.getHostString(), target.getPort()), 2000);
        s.setTcpNoDelay(true);
        LOG.info(() -> "replicating to " + name + " at " + target);
        warned = false;
        readAcks(s);
        ship(new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16)));
      } catch (IOException e) {
        if (closed) {
          return;
        }
        if (!warned) {
          warned = true;
          LOG.log(Level.INFO, "replication link to " + name + " at " + target + " is down", e);
        }
        LockSupport.parkNanos(RETRY_NANOS);
      }
    }
  }

  private void readAcks(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
    Thread t =
        new Thread(
            () -> {
              try {
                while (true) {
                  long index = in.readLong();
                  acknowledged.accumulateAndGet(index, Math::max);
                  engine.replicationAcknowledged();
                }
              } catch (IOException e) {
                LOG.log(Level.FINE, "the replication link to " + name + " closed", e);
              }
            },
            "amps-testkit-replication-acks-from-" + name);
    t.setDaemon(true);
    t.start();
  }

  private void ship(DataOutputStream out) throws IOException {
    TransactionLog log = engine.log();
    ByteArrayOutputStream record = new ByteArrayOutputStream(256);
    DataOutputStream recordOut = new DataOutputStream(record);
    long next = 1;
    while (!closed) {
      if (next >= log.nextIndex()) {
        out.flush();
        LockSupport.parkNanos(IDLE_NANOS);
        continue;
      }
      LogEntry e = log.get(next);
      if (e.appendedNanos != 0 && lagNanos > 0) {
        long wait = e.appendedNanos + lagNanos - System.nanoTime();
        if (wait > 0) {
          out.flush();
          LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(20)));
          continue;
        }
      }
      next++;
      if (e.topic.isEmpty()) {
        continue; // a slot lost in a crash
      }
      record.reset();
      TransactionLog.encode(e, recordOut);
      out.writeInt(record.size());
      record.writeTo(out);
      shipped.incrementAndGet();
    }
  }

  @Override
  public void close() {
    closed = true;
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing the replication link to " + name, e);
      }
    }
    LockSupport.unpark(thread);
  }
}
