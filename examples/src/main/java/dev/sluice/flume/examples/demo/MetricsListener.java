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
package dev.sluice.flume.examples.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for carbon when it is not installed: accepts Graphite's plaintext protocol on a
 * loopback port, counts datapoints and keeps the last value of each series.
 */
final class MetricsListener implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicLong datapoints = new AtomicLong();
  private final Map<String, String> last = new ConcurrentHashMap<>();
  private final Thread acceptor;

  MetricsListener() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "demo-metrics-listener");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  long datapoints() {
    return datapoints.get();
  }

  int series() {
    return last.size();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> read(s), "demo-metrics-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void read(Socket s) {
    try (Socket socket = s;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] parts = line.split(" ");
        if (parts.length == 3) {
          datapoints.incrementAndGet();
          last.put(parts[0], parts[1]);
        }
      }
    } catch (IOException e) {
      // the agent went away; it reconnects
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
