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
 * source) takes. The aggregator is SIGKILLed twice mid-stream; nothing is missing.
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
    String uri = ChannelIt.testkit(children, "amps");
    Path clientWork = children.workDir("client");
    Path aggWork = children.workDir("aggregator");
    int avroPort = FreePorts.allocate();
    FlumeAgent client =
        children.start(
            ChannelIt.agent(
                    clientWork,
                    "a1.sources = src",
                    "a1.channels = ch",
                    "a1.sources.src.type = avro",
                    "a1.sources.src.bind = 127.0.0.1",
                    "a1.sources.src.port = " + avroPort,
                    "a1.sources.src.channels = ch",
                    "a1.channels.ch.type = " + AmpsChannel.class.getName(),
                    "a1.channels.ch.clientName = tier1-ch",
                    "a1.channels.ch.uri = " + uri,
                    "a1.channels.ch.topic = flume-tier",
                    "a1.channels.ch.bookmarkLog = " + clientWork.resolve("ch.bookmarks"),
                    "a1.channels.ch.strictConfig = true")
                .build());
    Files.createDirectories(aggWork.resolve("out"));
    FlumeAgent aggregator =
        children.start(
            ChannelIt.agent(
                    aggWork,
                    "a1.channels = ch",
                    "a1.sinks = k1",
                    "a1.channels.ch.type = " + AmpsChannel.class.getName(),
                    "a1.channels.ch.clientName = tier2-ch",
                    "a1.channels.ch.uri = " + uri,
                    "a1.channels.ch.topic = flume-tier",
                    "a1.channels.ch.bookmarkLog = " + aggWork.resolve("ch.bookmarks"),
                    "a1.channels.ch.strictConfig = true",
                    "a1.sinks.k1.type = file_roll",
                    "a1.sinks.k1.channel = ch",
                    "a1.sinks.k1.sink.directory = " + aggWork.resolve("out"),
                    "a1.sinks.k1.sink.rollInterval = 0",
                    "a1.sinks.k1.sink.batchSize = " + BATCH)
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
    assertEquals(EVENTS, client.counter("CHANNEL.ch", "EventPutSuccessCount"));
    assertEquals(0, client.counter("CHANNEL.ch", "EventTakeSuccessCount"));
    assertEquals(
        0, client.counter("CHANNEL.ch", AmpsChannelCounter.PREFETCHED), "tier 1 took nothing");
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
