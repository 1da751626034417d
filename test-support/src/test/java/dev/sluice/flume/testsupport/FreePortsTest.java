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
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
  void rejectsAnEmptyRequest() {
    assertThrows(IllegalArgumentException.class, () -> FreePorts.allocate(0));
  }
}
