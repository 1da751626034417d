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

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Client;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Raw sockets sending what no client should: each closes only its own connection, with a log line
 * saying why, and the server keeps serving a real client.
 */
class MalformedInputIT {
  private AmpsTestServer server;
  private LogCapture log;

  @BeforeEach
  void start() throws Exception {
    log = new LogCapture();
    server = AmpsTestServer.builder().maxFrameBytes(1 << 20).start();
  }

  @AfterEach
  void stop() {
    server.close();
    log.close();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", server.port());
    s.setSoTimeout(20_000);
    return s;
  }

  private static byte[] frame(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    byte[] f = new byte[4 + b.length];
    f[0] = (byte) (b.length >>> 24);
    f[1] = (byte) (b.length >>> 16);
    f[2] = (byte) (b.length >>> 8);
    f[3] = (byte) b.length;
    System.arraycopy(b, 0, f, 4, b.length);
    return f;
  }

  /** Sends bytes and expects the server to close the connection, logging {@code why}. */
  private void assertClosedFor(byte[] bytes, String why) throws Exception {
    Socket bystander = connect();
    bystander
        .getOutputStream()
        .write(
            frame(
                "{\"c\":\"logon\",\"cid\":\"1\",\"client_name\":\"bystander-"
                    + why.hashCode()
                    + "\",\"a\":\"processed\"}"));
    readFrame(bystander.getInputStream());
    try (Socket s = connect()) {
      s.getOutputStream().write(bytes);
      s.getOutputStream().flush();
      assertEquals(-1, s.getInputStream().read(), "the server closed the connection");
    }
    await().atMost(Collector.WAIT).until(() -> log.contains(why));
    stillServesClients();
    bystander
        .getOutputStream()
        .write(frame("{\"c\":\"heartbeat\",\"opts\":\"beat\",\"cid\":\"2\",\"a\":\"processed\"}"));
    String ack = readFrame(bystander.getInputStream());
    assertTrue(ack.contains("\"status\":\"success\""), "other connections are untouched: " + ack);
    bystander.close();
  }

  private static String readFrame(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    byte[] b = new byte[d.readInt()];
    d.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private void stillServesClients() throws Exception {
    try (Client c = new Client("after-" + System.nanoTime())) {
      c.connect(server.uri());
      c.logon();
      c.publish("still-up", "{}");
      c.publishFlush(5_000);
    }
  }

  @Test
  void garbageBytes() throws Exception {
    assertClosedFor(
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        "malformed input: frame length");
  }

  @Test
  void anAbsurdLengthPrefix() throws Exception {
    assertClosedFor(
        new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, '{'}, "is outside 2..1048576");
  }

  @Test
  void aNegativeLengthPrefix() throws Exception {
    assertClosedFor(new byte[] {(byte) 0xff, 0, 0, 0}, "frame length -16777216");
  }

  @Test
  void aHeaderThatIsNotJson() throws Exception {
    assertClosedFor(frame("c=publish t=orders"), "header does not start with '{'");
  }

  @Test
  void aHeaderWithABrokenValue() throws Exception {
    assertClosedFor(frame("{\"c\":\"p\",\"t\":orders}{}"), "is not a string, number");
  }

  @Test
  void aHeaderWithoutACommand() throws Exception {
    assertClosedFor(frame("{\"t\":\"orders\"}{}"), "the header has no command");
  }

  @Test
  void aTruncatedFrame() throws Exception {
    byte[] whole = frame("{\"c\":\"p\",\"t\":\"orders\"}{\"a\":1}");
    Socket s = connect();
    s.getOutputStream().write(whole, 0, whole.length - 4);
    s.getOutputStream().flush();
    s.shutdownOutput(); // the peer goes away mid-frame
    assertEquals(-1, s.getInputStream().read());
    s.close();
    await().atMost(Collector.WAIT).until(() -> log.contains("in the middle of a frame"));
    stillServesClients();
  }

  @Test
  void aFrameStillArrivingIsWaitedFor() throws Exception {
    try (Socket s = connect()) {
      byte[] logon =
          frame("{\"c\":\"logon\",\"cid\":\"7\",\"client_name\":\"slow\",\"a\":\"processed\"}");
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      for (byte b : logon) {
        out.write(b); // one byte at a time
        out.flush();
      }
      String ack = readFrame(s.getInputStream());
      assertTrue(ack.contains("\"cid\":\"7\"") && ack.contains("success"), ack);
    }
  }

  @Test
  void aDuplicatePublishSequenceIsDiscarded() throws Exception {
    try (Socket s = connect()) {
      var out = s.getOutputStream();
      out.write(
          frame("{\"c\":\"logon\",\"cid\":\"1\",\"client_name\":\"raw-pub\",\"a\":\"processed\"}"));
      readFrame(s.getInputStream());
      out.write(frame("{\"c\":\"p\",\"t\":\"dups\",\"a\":\"persisted\",\"s\":5}{\"v\":1}"));
      assertTrue(readFrame(s.getInputStream()).contains("\"s\":5"));
      out.write(frame("{\"c\":\"p\",\"t\":\"dups\",\"a\":\"persisted\",\"s\":5}{\"v\":2}"));
      String dup = readFrame(s.getInputStream());
      assertTrue(dup.contains("\"reason\":\"duplicate\"") && dup.contains("\"s\":5"), dup);
      out.write(frame("{\"c\":\"p\",\"t\":\"dups\",\"a\":\"persisted\",\"s\":6}{\"v\":3}"));
      assertTrue(readFrame(s.getInputStream()).contains("\"s\":6"));
    }
    assertEquals(2, server.transactionLogSize());
    assertEquals(6, server.lastSequence("raw-pub"));
  }

  @Test
  void nothingIsSentToAConnectionThatSendsNothing() throws Exception {
    try (Socket s = connect()) {
      s.setSoTimeout(300);
      try {
        int b = s.getInputStream().read();
        throw new AssertionError("unexpected byte " + b);
      } catch (SocketTimeoutException expected) {
        // the server waits for a logon
      }
    }
  }
}
