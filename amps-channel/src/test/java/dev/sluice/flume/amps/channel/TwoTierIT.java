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
package dev.sluice.flume.amps.channel;

import static dev.sluice.flume.amps.channel.ChannelIt.GENEROUS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.SequenceReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flume.Event;
import org.apache.flume.api.RpcClient;
import org.apache.flume.api.RpcClientFactory;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two tiers sharing one channel topic, the Kafka-channel-between-tiers pattern: a client agent
 * (Avro source -> amps-channel, no sink) puts, an aggregator agent (amps-channel -> file_roll, no
 * source) takes, both from the example configurations in examples/conf. The aggregator is SIGKILLed
 * twice mid-stream; nothing is missing.
 */
class TwoTierIT {
  private static final int EVENTS = 40_000;
  private static final int BATCH = 500;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopSender() {
    executor.shutdownNow();
  }

  @Test
  void theAggregatorKilledTwiceMissesNothingTheClientTierPut() throws Exception {
    String uri =
        ChannelIt.testkit(
                children, "amps", "an empty topic for the example configurations' fixed topic name")
            .uri();
    Path clientWork = children.workDir("client");
    Path aggWork = children.workDir("aggregator");
    int avroPort = FreePorts.allocate();
    Files.createDirectories(aggWork.resolve("out"));
    // The example configurations in examples/conf, as a user would run them.
    FlumeAgent client =
        children.start(
            ChannelIt.agentNamed(
                    "client",
                    clientWork,
                    ChannelIt.example(
                        "amps-channel-client.properties",
                        Map.of(
                            "AMPS_URI", uri,
                            "STATE_DIR", clientWork.toString(),
                            "AVRO_PORT", Integer.toString(avroPort))))
                .build());
    FlumeAgent aggregator =
        children.start(
            ChannelIt.agentNamed(
                    "aggregator",
                    aggWork,
                    ChannelIt.example(
                        "amps-channel-aggregator.properties",
                        Map.of(
                            "AMPS_URI", uri,
                            "STATE_DIR", aggWork.toString(),
                            "OUT_DIR", aggWork.resolve("out").toString())))
                .build());
    client.awaitStarted(GENEROUS);
    aggregator.awaitStarted(GENEROUS);

    AtomicLong sent = new AtomicLong();
    Future<?> sender =
        executor.submit(
            () -> {
              RpcClient rpc = rpc(avroPort);
              try {
                for (long next = 0; next < EVENTS; next += BATCH) {
                  rpc.appendBatch(numbered(next, BATCH));
                  sent.set(next + BATCH);
                }
              } finally {
                rpc.close();
              }
              return null;
            });

    for (int k = 1; k <= 2; k++) {
      long killAt = (long) EVENTS * k / 3;
      await().atMost(GENEROUS).until(() -> ChannelIt.output(aggWork, EVENTS).distinct() >= killAt);
      aggregator.kill();
      aggregator.restart();
      aggregator.awaitStarted(GENEROUS);
    }
    sender.get(5, TimeUnit.MINUTES);
    assertEquals(EVENTS, sent.get());
    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> ChannelIt.output(aggWork, EVENTS).distinct() == EVENTS);
    SequenceReport report = ChannelIt.output(aggWork, EVENTS);
    System.out.println("two tiers, aggregator killed twice: " + report);
    assertEquals(0, report.missing(), report::toString);
    assertTrue(report.duplicates() <= 2L * BATCH, report::toString);
    assertEquals(EVENTS, client.counter("CHANNEL.amps", "EventPutSuccessCount"));
    assertEquals(0, client.counter("CHANNEL.amps", "EventTakeSuccessCount"));
    assertEquals(
        0, client.counter("CHANNEL.amps", AmpsChannelCounter.PREFETCHED), "tier 1 took nothing");
  }

  private static List<Event> numbered(long first, int n) {
    List<Event> events = new ArrayList<>(n);
    for (long seq = first; seq < first + n; seq++) {
      events.add(EventBuilder.withBody(Long.toString(seq), StandardCharsets.UTF_8));
    }
    return events;
  }

  private static RpcClient rpc(int port) {
    Properties p = new Properties();
    p.setProperty("hosts", "h1");
    p.setProperty("hosts.h1", "127.0.0.1:" + port);
    p.setProperty("batch-size", Integer.toString(BATCH));
    p.setProperty("connect-timeout", "20000");
    p.setProperty("request-timeout", "60000");
    return RpcClientFactory.getInstance(p);
  }
}
