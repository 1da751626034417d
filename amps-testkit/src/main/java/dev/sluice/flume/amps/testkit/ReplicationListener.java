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
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Accepts {@link ReplicationLink}s from other instances and applies what they ship to this
 * instance's engine, one thread per link, in the order shipped.
 */
final class ReplicationListener implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ReplicationListener.class.getName());

  private final Engine engine;
  private final ServerSocket server;
  private final Set<Socket> links = ConcurrentHashMap.newKeySet();

  private ReplicationListener(Engine engine, ServerSocket server) {
    this.engine = engine;
    this.server = server;
  }

  static ReplicationListener open(Engine engine, String host, int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getByName(host), port), 8);
    ReplicationListener l = new ReplicationListener(engine, s);
    Thread t = new Thread(l::acceptLoop, "amps-testkit-replication-accept-" + s.getLocalPort());
    t.setDaemon(true);
    t.start();
    return l;
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        links.add(s);
        Thread t = new Thread(() -> receive(s), "amps-testkit-replication-in-" + s.getPort());
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.log(Level.WARNING, "accepting a replication link failed", e);
        }
      }
    }
  }

  private void receive(Socket s) {
    try (s;
        DataInputStream in =
            new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
        DataOutputStream acks = new DataOutputStream(s.getOutputStream())) {
      while (true) {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException e) {
          return;
        }
        byte[] record = new byte[length];
        in.readFully(record);
        LogEntry e =
            TransactionLog.decode(new DataInputStream(new ByteArrayInputStream(record)), 0);
        engine.applyReplicated(e);
        if (in.available() == 0) {
          acks.writeLong(e.index); // applied (or already held) up to there
          acks.flush();
        }
      }
    } catch (IOException e) {
      if (!server.isClosed()) {
        LOG.log(Level.INFO, "a replication link from " + s.getRemoteSocketAddress() + " ended", e);
      }
    } finally {
      links.remove(s);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing the replication port", e);
    }
    for (Socket s : links) {
      try {
        s.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing a replication link", e);
      }
    }
  }
}
