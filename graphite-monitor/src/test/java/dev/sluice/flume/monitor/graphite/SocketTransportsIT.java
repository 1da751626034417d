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

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The transports against loopback sockets of the test: timeouts, reconnects, framing. */
class SocketTransportsIT {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final long T = 1_795_313_176L;

  private static TcpConnection connection(int port, long connectMillis, long writeMillis) {
    return new TcpConnection(
        "carbon.test",
        port,
        (host, p) -> new InetSocketAddress(LOOPBACK, p),
        connectMillis,
        writeMillis);
  }

  @Test
  void plaintextLinesArriveOverTcp() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
      PlaintextTcpTransport t =
          new PlaintextTcpTransport(connection(server.getLocalPort(), 5_000, 5_000));
      t.connect();
      try (Socket accepted = server.accept()) {
        t.send(Datapoint.ofLong("a.b", 42), T);
        t.send(Datapoint.ofDouble("a.c", 5.0E-4), T);
        t.flush();
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(accepted.getInputStream(), StandardCharsets.US_ASCII));
        assertEquals("a.b 42 " + T, in.readLine());
        assertEquals("a.c 0.0005 " + T, in.readLine());
      } finally {
        t.close();
      }
    }
  }

  @Test
  void pickleFramesArriveWholeWithTheirLength() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
      PickleTcpTransport t =
          new PickleTcpTransport(connection(server.getLocalPort(), 5_000, 5_000));
      t.connect();
      try (Socket accepted = server.accept()) {
        for (int i = 0; i < 1_234; i++) {
          t.send(Datapoint.ofLong("m" + i, i), T);
        }
        t.flush();
        DataInputStream in = new DataInputStream(accepted.getInputStream());
        for (int frame = 0; frame < 3; frame++) {
          byte[] payload = new byte[in.readInt()];
          in.readFully(payload);
          assertEquals((byte) 0x80, payload[0]);
          assertEquals(2, payload[1]);
          assertEquals('.', payload[payload.length - 1]);
        }
      } finally {
        t.close();
      }
    }
  }

  @Test
  void writeGivesUpWhenCarbonStopsReading() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
      server.setReceiveBufferSize(4096);
      PlaintextTcpTransport t =
          new PlaintextTcpTransport(connection(server.getLocalPort(), 5_000, 300));
      t.connect();
      try (Socket accepted = server.accept()) {
        long start = System.nanoTime();
        assertThrows(
            SocketTimeoutException.class,
            () -> {
              for (int i = 0; i < 2_000_000; i++) {
                t.send(Datapoint.ofLong("flume.host.agent.sink.k1.metric-" + i, i), T);
              }
              t.flush();
            });
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 30_000, "gave up after " + tookMillis + " ms");
        assertEquals(1, t.failures());
        assertFalse(accepted.isClosed());
      } finally {
        t.close();
      }
    }
  }

  @Test
  void connectGivesUpWhenCarbonNeverAnswers() throws Exception {
    List<Socket> fillers = new ArrayList<>();
    try (ServerSocket hung = new ServerSocket(0, 1, LOOPBACK)) {
      for (int i = 0; i < 2; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(LOOPBACK, hung.getLocalPort()), 5_000);
        fillers.add(s);
      }
      PlaintextTcpTransport t =
          new PlaintextTcpTransport(connection(hung.getLocalPort(), 300, 5_000));
      long start = System.nanoTime();
      SocketTimeoutException e = assertThrows(SocketTimeoutException.class, t::connect);
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(tookMillis >= 250 && tookMillis < 10_000, "gave up after " + tookMillis + " ms");
      assertTrue(e.getMessage().contains("timed out after 300 ms"), e.getMessage());
      assertEquals(1, t.failures());
    } finally {
      for (Socket s : fillers) {
        s.close();
      }
    }
  }

  @Test
  void refusedConnectNamesTheAddress() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      port = s.getLocalPort();
    }
    PlaintextTcpTransport t = new PlaintextTcpTransport(connection(port, 5_000, 5_000));
    java.net.ConnectException e = assertThrows(java.net.ConnectException.class, t::connect);
    assertTrue(e.getMessage().contains(":" + port), e.getMessage());
  }

  @Test
  void hostNameIsResolvedAgainOnEveryConnectSoAMovedCarbonIsFound() throws Exception {
    try (ServerSocket first = new ServerSocket(0, 50, LOOPBACK);
        ServerSocket second = new ServerSocket(0, 50, LOOPBACK)) {
      AtomicInteger lookups = new AtomicInteger();
      int[] answers = {first.getLocalPort(), second.getLocalPort()};
      TcpConnection c =
          new TcpConnection(
              "carbon.test",
              2003,
              (host, port) -> {
                assertEquals("carbon.test", host);
                return new InetSocketAddress(
                    LOOPBACK, answers[Math.min(1, lookups.getAndIncrement())]);
              },
              5_000,
              5_000);
      PlaintextTcpTransport t = new PlaintextTcpTransport(c);
      t.connect();
      first.accept().close(); // the old carbon goes away
      await().atMost(30, SECONDS).until(() -> !t.isConnected());
      t.close();
      t.connect();
      try (Socket accepted = second.accept()) {
        t.send(Datapoint.ofLong("moved", 1), T);
        t.flush();
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(accepted.getInputStream(), StandardCharsets.US_ASCII));
        assertEquals("moved 1 " + T, in.readLine());
      } finally {
        t.close();
      }
      assertEquals(2, lookups.get());
    }
  }

  @Test
  void udpPacksWholeLinesIntoSmallDatagrams() throws Exception {
    try (DatagramSocket listener = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      listener.setSoTimeout(10_000);
      PlaintextUdpTransport t =
          new PlaintextUdpTransport(
              "carbon.test", listener.getLocalPort(), (h, p) -> new InetSocketAddress(LOOPBACK, p));
      t.connect();
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        Datapoint p = Datapoint.ofLong("flume.web01.a1.sink.k1.a-rather-long-metric-name-" + i, i);
        sent.add(p.name + " " + i + " " + T);
        t.send(p, T);
      }
      t.flush();
      t.close();
      List<String> received = new ArrayList<>();
      int datagrams = 0;
      while (received.size() < sent.size()) {
        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        listener.receive(packet);
        datagrams++;
        String text =
            new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
        assertTrue(
            packet.getLength() <= PlaintextUdpTransport.MAX_DATAGRAM, "" + packet.getLength());
        assertTrue(text.endsWith("\n"), "a line was split");
        received.addAll(List.of(text.split("\n")));
      }
      assertEquals(sent, received);
      assertTrue(datagrams > 1 && datagrams < 20, datagrams + " datagrams for 100 lines");
    }
  }
}
