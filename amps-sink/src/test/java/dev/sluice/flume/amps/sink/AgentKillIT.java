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
package dev.sluice.flume.amps.sink;

import static dev.sluice.flume.amps.sink.SinkIt.GENEROUS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.PluginAgent;
import dev.sluice.flume.testsupport.SequenceReport;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.api.RpcClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real agent (Avro source, file channel, the sink with its default settings: no publish store, a
 * persisted ack per message, a flush per batch) is killed with SIGKILL mid-stream and restarted.
 * The sender resends what the source had not acknowledged; the file channel keeps what it had; the
 * sink commits only what AMPS acknowledged. Nothing is missing.
 */
class AgentKillIT {
  private static final int EVENTS = 60_000;
  private static final int BATCH = 500;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopSender() {
    executor.shutdownNow();
  }

  @Test
  void nothingIsMissingAfterTheAgentIsKilledMidStreamAndRestarted() throws Exception {
    AmpsTestkitProcess amps = SinkIt.testkit(children, "amps", false);
    Path work = children.workDir("agent");
    int avroPort = FreePorts.allocate();
    PluginAgent agent =
        SinkIt.agent(
            children,
            work,
            "a1.sources = src",
            "a1.channels = ch",
            "a1.sinks = k1",
            "a1.sources.src.type = avro",
            "a1.sources.src.bind = 127.0.0.1",
            "a1.sources.src.port = " + avroPort,
            "a1.sources.src.channels = ch",
            "a1.channels.ch.type = file",
            "a1.channels.ch.checkpointDir = " + work.resolve("checkpoint"),
            "a1.channels.ch.dataDirs = " + work.resolve("data"),
            "a1.channels.ch.transactionCapacity = 1000",
            "a1.sinks.k1.type = dev.sluice.flume.amps.sink.AmpsSink",
            "a1.sinks.k1.channel = ch",
            "a1.sinks.k1.clientName = " + SinkIt.unique("flume-a1-k1"),
            "a1.sinks.k1.uri = " + amps.uri(),
            "a1.sinks.k1.topic = " + SinkIt.unique("seq"),
            "a1.sinks.k1.maxBatch = 1000");
    agent.awaitStarted(GENEROUS);

    AtomicLong acknowledged = new AtomicLong();
    CountDownLatch killPoint = new CountDownLatch(1);
    CountDownLatch restarted = new CountDownLatch(1);
    Future<Integer> sender =
        executor.submit(
            () -> {
              int failures = 0;
              RpcClient client = SinkIt.rpc(avroPort, BATCH);
              try {
                long next = 0;
                while (next < EVENTS) {
                  try {
                    client.appendBatch(SinkIt.numbered(next, BATCH, Map.of()));
                    next += BATCH;
                    acknowledged.set(next);
                    if (next == EVENTS / 3) {
                      killPoint.countDown();
                    }
                  } catch (EventDeliveryException e) {
                    if (++failures > 3) {
                      throw e;
                    }
                    client.close();
                    assertTrue(restarted.await(3, TimeUnit.MINUTES), "agent never restarted");
                    client = SinkIt.rpc(avroPort, BATCH);
                  }
                }
              } finally {
                client.close();
              }
              return failures;
            });
    assertTrue(killPoint.await(2, TimeUnit.MINUTES), "the sender never reached the kill point");
    agent.kill();
    long acknowledgedAtKill = acknowledged.get();
    assertTrue(acknowledgedAtKill < EVENTS, "the stream ended before the kill");
    agent.restart();
    agent.awaitStarted(GENEROUS);
    restarted.countDown();
    int failures = sender.get(3, TimeUnit.MINUTES);

    try (ReplaySubscriber subscriber = ReplaySubscriber.replay(amps.uri(), SinkIt.unique("seq"))) {
      SequenceReport report = subscriber.awaitComplete(0, EVENTS, GENEROUS);
      System.out.printf(
          "agent killed after the source acknowledged %d of %d events; sender failures %d;"
              + " in AMPS after the restart: %s%n",
          acknowledgedAtKill, EVENTS, failures, report);
      assertEquals(0, report.missing(), report::toString);
    }
    assertTrue(failures >= 1, "the kill did not interrupt the sender");
    await().atMost(GENEROUS).until(() -> agent.counter("CHANNEL.ch", "ChannelSize") == 0);
  }
}
