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
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.PluginAgent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real agent's monitor sending plaintext over UDP to a datagram socket of the test. */
class UdpDeliveryIT {
  private static final long EVENTS = 1_000;
  private static final String P = MonitoredFlow.PREFIX;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  private final DatagramChannel listener;
  private final List<String> datagrams = new ArrayList<>();

  /** The latest value and timestamp of each metric, from every line received. */
  private final Map<String, String[]> latest = new LinkedHashMap<>();

  UdpDeliveryIT() throws IOException {
    listener = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    listener.configureBlocking(false);
  }

  @AfterEach
  void closeListener() throws IOException {
    listener.close();
  }

  /** Reads every datagram waiting; called from the await conditions, on the test thread. */
  private void receive() throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(65_536);
    while (true) {
      buf.clear();
      if (listener.receive(buf) == null) {
        return;
      }
      buf.flip();
      String datagram = StandardCharsets.US_ASCII.decode(buf).toString();
      datagrams.add(datagram);
      for (String line : datagram.split("\n")) {
        String[] f = line.split(" ");
        assertEquals(3, f.length, "not 'name value timestamp': " + line);
        latest.put(f[0], new String[] {f[1], f[2]});
      }
    }
  }

  @Test
  void countersArriveAsWholeLinesInSmallDatagrams() throws Exception {
    int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
    PluginAgent agent =
        new MonitoredFlow()
            .totalEvents(EVENTS)
            .set("host", "127.0.0.1")
            .set("protocol", "udp")
            .set("port", Integer.toString(port))
            .start(children);

    await("the agent moved all its events")
        .atMost(120, SECONDS)
        .until(() -> agent.counter("SINK.k1", "EventDrainSuccessCount") == EVENTS);
    String drained = P + ".sink.k1.event-drain-success-count";
    await("the final drain count arrived")
        .atMost(60, SECONDS)
        .until(
            () -> {
              receive();
              return latest.containsKey(drained) && latest.get(drained)[0].equals("1000");
            });

    long now = System.currentTimeMillis() / 1000;
    long stamped = Long.parseLong(latest.get(drained)[1]);
    assertTrue(Math.abs(now - stamped) < 120, "timestamp " + stamped + " is not about now " + now);
    assertEquals("1000", latest.get(P + ".source.r1.event-accepted-count")[0]);
    assertEquals(
        Datapoint.formatDouble((EVENTS / (double) MonitoredFlow.C2_CAPACITY) * 100),
        latest.get(P + ".channel.c2.channel-fill-percentage")[0]);
    assertTrue(latest.containsKey(P + ".other.graphite-monitor.metric-sent-count"));
    for (String d : datagrams) {
      assertTrue(d.length() <= PlaintextUdpTransport.MAX_DATAGRAM, "datagram of " + d.length());
      assertTrue(d.endsWith("\n"), "a line was split across datagrams");
    }
    assertTrue(
        datagrams.size() > latest.size() / 30,
        "a poll's lines are spread over several datagrams: " + datagrams.size());
  }
}
