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
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.PluginAgent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An agent whose Graphite is never reachable still shuts down within seconds. */
class UnreachableCarbonShutdownIT {

  /** Flume's own shutdown of this agent plus the monitor's 2 s shutdownTimeout, with room. */
  private static final Duration FEW_SECONDS = Duration.ofSeconds(8);

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void agentStopsWithinSecondsWhenCarbonRefusesConnections() throws Exception {
    int nobodyListens = FreePorts.allocate();
    PluginAgent agent =
        new MonitoredFlow()
            .set("host", "127.0.0.1")
            .set("port", Integer.toString(nobodyListens))
            .set("initialBackoff", "100")
            .set("maxBackoff", "500")
            .start(children);
    await("the monitor keeps failing")
        .atMost(60, SECONDS)
        .until(() -> agent.counter(MonitoredFlow.MONITOR, "SendFailureCount") >= 3);

    assertStopsWithinAFewSeconds(agent);
  }

  @Test
  void agentStopsWithinSecondsWhenCarbonNeverAnswersTheConnect() throws Exception {
    // A listener whose backlog is full: the kernel drops further SYNs, so a connect hangs.
    List<Socket> fillers = new ArrayList<>();
    try (ServerSocket hung = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < 2; i++) {
        Socket s = new Socket();
        s.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), hung.getLocalPort()), 5_000);
        fillers.add(s);
      }
      PluginAgent agent =
          new MonitoredFlow()
              .set("host", "127.0.0.1")
              .set("port", Integer.toString(hung.getLocalPort()))
              .set("connectTimeout", "10m")
              .start(children);
      await("batches pile up behind the hung connect")
          .atMost(60, SECONDS)
          .until(() -> agent.counter(MonitoredFlow.MONITOR, "QueuedBatches") >= 2);
      assertTrue(
          agent.counter(MonitoredFlow.MONITOR, "SendFailureCount") == 0,
          "the connect did not hang");

      assertStopsWithinAFewSeconds(agent);
    } finally {
      for (Socket s : fillers) {
        s.close();
      }
    }
  }

  private static void assertStopsWithinAFewSeconds(PluginAgent agent) throws Exception {
    long start = System.nanoTime();
    agent.agent().stop(Duration.ofSeconds(60));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(FEW_SECONDS) < 0, "the agent took " + took + " to stop");
    String log = agent.log();
    assertTrue(log.contains("Graphite monitor stopped"), "the monitor did not report stopping");
    assertTrue(log.matches("(?s).*Graphite monitor stopped: 0 batches.*"), "a batch was sent?");
  }
}
