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
package dev.sluice.flume.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreePortsTest {

  @Test
  void neverHandsOutAPortTwice() {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      int port = FreePorts.allocate();
      assertTrue(seen.add(port), "port " + port + " handed out twice");
    }
  }

  @Test
  void handsOutPortsThatCanBeBoundOnLoopback() throws IOException {
    int[] ports = FreePorts.allocate(20);

    assertEquals(20, Arrays.stream(ports).distinct().count());
    for (int port : ports) {
      assertTrue(port > 0 && port < 65536, "port " + port);
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        assertEquals(port, socket.getLocalPort());
      }
    }
  }

  @Test
  void readsTheEphemeralRangeOfThisKernelAndHandsOutPortsBelowIt() throws IOException {
    Path range = Paths.get("/proc/sys/net/ipv4/ip_local_port_range");
    Requirement.require(Files.isReadable(range), range + " (a Linux kernel)");
    int low = Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);

    assertEquals(low, FreePorts.ephemeralLow(), "read from " + range);
    Requirement.require(
        low - 1024 >= 4096, "room for ports below the ephemeral range starting at " + low);
    for (int port : FreePorts.allocate(50)) {
      assertTrue(port < low, "port " + port + " is in the ephemeral range from " + low);
    }
    int base = FreePorts.allocateBlock(400);
    assertTrue(base + 400 <= low, "block " + base + "+400 reaches the ephemeral range from " + low);
  }

  @Test
  void handsOutABlockOfPortsNoneOfWhichComesOutAgain() throws IOException {
    int base = FreePorts.allocateBlock(30);
    for (int p = base; p < base + 30; p++) {
      try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
        assertEquals(p, s.getLocalPort());
      }
    }
    for (int port : FreePorts.allocate(200)) {
      assertTrue(port < base || port >= base + 30, "port " + port + " of the block came out again");
    }
    assertThrows(IllegalArgumentException.class, () -> FreePorts.allocateBlock(0));
  }

  @Test
  void parsesARangeFileAndFallsBackToZero(@TempDir Path dir) throws IOException {
    Path file =
        Files.write(dir.resolve("range"), "32768\t60999\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(32768, FreePorts.ephemeralLow(file));
    assertEquals(0, FreePorts.ephemeralLow(dir.resolve("missing")));
    assertEquals(0, FreePorts.ephemeralLow(Files.write(dir.resolve("bad"), new byte[] {'x'})));
  }

  @Test
  void rejectsAnEmptyRequest() {
    assertThrows(IllegalArgumentException.class, () -> FreePorts.allocate(0));
  }
}
