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

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.api.RpcClient;
import org.apache.flume.api.RpcClientFactory;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real agent with Flume built-ins only (avro source, file channel, file_roll sink): every event
 * arrives, and an agent killed with SIGKILL mid-stream loses nothing it had acknowledged.
 */
class FlumeAgentSigkillIT {
  private static final int EVENTS = 100_000;
  private static final int BATCH = 1_000;
  private static final Duration GENEROUS = Duration.ofMinutes(2);

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopSender() {
    executor.shutdownNow();
  }

  @Test
  void losesNoAcknowledgedEventWhenKilledMidStreamAndRestarted() throws Exception {
    Path work = children.workDir("agent");
    Path out = Files.createDirectories(work.resolve("out"));
    int port = FreePorts.allocate();
    FlumeAgent agent =
        children.start(
            FlumeAgent.builder("a1").workDir(work).config(config(work, out, port)).build());
    agent.awaitStarted(GENEROUS);
    long firstPid = agent.pid();

    // 1. A healthy agent delivers 100,000 events exactly once.
    RpcClient client = client(port);
    try {
      for (long next = 0; next < EVENTS; next += BATCH) {
        client.appendBatch(batch(next));
      }
    } finally {
      client.close();
    }
    SequenceReport clean = awaitNoneMissing(out, EVENTS);
    assertTrue(clean.isExactlyOnce(), clean::toString);
    assertEquals(EVENTS, agent.counter("SOURCE.src", "EventAcceptedCount"));
    await()
        .atMost(GENEROUS)
        .until(() -> agent.counter("SINK.out", "EventDrainSuccessCount") == EVENTS);

    // 2. SIGKILL while another 100,000 stream in; the client resends what was not acknowledged.
    AtomicLong acknowledged = new AtomicLong(EVENTS);
    CountDownLatch killPointReached = new CountDownLatch(1);
    CountDownLatch restarted = new CountDownLatch(1);
    AtomicReference<String> senderFailures = new AtomicReference<>("");
    Future<Integer> sender =
        executor.submit(
            () -> {
              int failures = 0;
              RpcClient resilient = client(port);
              try {
                long next = EVENTS;
                while (next < 2 * EVENTS) {
                  try {
                    resilient.appendBatch(batch(next));
                    next += BATCH;
                    acknowledged.set(next);
                    if (next == EVENTS + 30 * BATCH) {
                      killPointReached.countDown();
                    }
                  } catch (EventDeliveryException e) {
                    failures++;
                    senderFailures.set(senderFailures.get() + e + "; ");
                    if (failures > 3) {
                      throw e;
                    }
                    resilient.close();
                    assertTrue(restarted.await(3, TimeUnit.MINUTES), "agent never restarted");
                    resilient = client(port);
                  }
                }
              } finally {
                resilient.close();
              }
              return failures;
            });
    assertTrue(killPointReached.await(2, TimeUnit.MINUTES), "sender never reached the kill point");
    agent.kill();
    long acknowledgedAtKill = acknowledged.get();
    assertFalse(isAlive(firstPid), "agent pid " + firstPid + " survived SIGKILL");
    long deliveredAtKill =
        SequenceChecker.expecting(EVENTS, 2 * EVENTS).addFiles(out).report().distinct();

    agent.restart();
    agent.awaitStarted(GENEROUS);
    long secondPid = agent.pid();
    restarted.countDown();
    int failures = sender.get(3, TimeUnit.MINUTES);
    assertTrue(failures >= 1, "the kill did not interrupt the stream");

    SequenceReport afterKill = awaitNoneMissing(out, 2 * EVENTS);
    System.out.printf(
        "SIGKILL after %d acknowledged events (%d of them not yet in the sink's output);"
            + " sender saw %d failure(s): %s%nafter restart: %s%n",
        acknowledgedAtKill - EVENTS,
        acknowledgedAtKill - EVENTS - deliveredAtKill,
        failures,
        senderFailures.get(),
        afterKill);
    assertTrue(afterKill.isComplete(), afterKill::toString);

    // 3. A graceful stop ends the JVM through Flume's shutdown hook; no child is left.
    assertEquals(143, agent.stop(GENEROUS));
    assertFalse(isAlive(firstPid), "first agent JVM is still alive");
    assertFalse(isAlive(secondPid), "restarted agent JVM is still alive");
    List<ProcessHandle> leftovers = new ArrayList<>();
    ProcessHandle.current().descendants().filter(LiveChildren::isRunning).forEach(leftovers::add);
    assertTrue(leftovers.isEmpty(), () -> "child processes left: " + leftovers);
  }

  private static SequenceReport awaitNoneMissing(Path out, long endExclusive) {
    AtomicReference<SequenceReport> report = new AtomicReference<>();
    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              report.set(SequenceChecker.expecting(0, endExclusive).addFiles(out).report());
              assertEquals(0, report.get().missing(), report.get()::toString);
            });
    return report.get();
  }

  /** An Avro RPC client with timeouts generous enough for a loaded two-core machine. */
  private static RpcClient client(int port) {
    Properties properties = new Properties();
    properties.setProperty("hosts", "h1");
    properties.setProperty("hosts.h1", "127.0.0.1:" + port);
    properties.setProperty("batch-size", Integer.toString(BATCH));
    properties.setProperty("connect-timeout", "60000");
    properties.setProperty("request-timeout", "120000");
    return RpcClientFactory.getInstance(properties);
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static List<Event> batch(long first) {
    List<Event> events = new ArrayList<>(BATCH);
    for (long sequence = first; sequence < first + BATCH; sequence++) {
      events.add(EventBuilder.withBody(Long.toString(sequence), StandardCharsets.UTF_8));
    }
    return events;
  }

  private static String config(Path work, Path out, int port) {
    return String.join(
        "\n",
        "a1.sources = src",
        "a1.channels = ch",
        "a1.sinks = out",
        "a1.sources.src.type = avro",
        "a1.sources.src.bind = 127.0.0.1",
        "a1.sources.src.port = " + port,
        "a1.sources.src.channels = ch",
        "a1.channels.ch.type = file",
        "a1.channels.ch.checkpointDir = " + work.resolve("channel/checkpoint"),
        "a1.channels.ch.dataDirs = " + work.resolve("channel/data"),
        "a1.channels.ch.capacity = " + 3 * EVENTS,
        "a1.channels.ch.transactionCapacity = " + 2 * BATCH,
        "a1.sinks.out.type = file_roll",
        "a1.sinks.out.channel = ch",
        "a1.sinks.out.sink.directory = " + out,
        "a1.sinks.out.sink.rollInterval = 0",
        "a1.sinks.out.sink.batchSize = " + BATCH,
        "");
  }
}
