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
package dev.sluice.flume.sink.file;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.PluginAgent;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.api.RpcClient;
import org.apache.flume.api.RpcClientFactory;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real agent (Avro source, file channel, this sink from plugins.d) takes 200,000 events spread
 * over 1,000 header values and is SIGKILLed twice mid-stream. Afterwards every event is in the file
 * its header named, at least once; no finished file holds a partial line; no in-use file is left.
 */
class SigkillRecoveryIT {
  private static final int EVENTS = 200_000;
  private static final int FILES = 1_000;

  /** Consecutive events that name the same file: a batch of 1,000 touches 50 files. */
  private static final int RUN = 20;

  private static final int BATCH = 1_000;
  private static final long[] KILL_AT = {60_000, 130_000};
  private static final Duration GENEROUS = Duration.ofMinutes(3);
  private static final Pattern FINISHED = Pattern.compile("(.*?)(?:\\.\\d+)?\\.log");

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopSender() {
    executor.shutdownNow();
  }

  /** The file event {@code seq} names. */
  static String fileOf(long seq) {
    long key = (seq / RUN) % FILES;
    return String.format("svc-%d/host-%03d.log", key / 100, key);
  }

  @Test
  void everyEventIsInItsFileAfterTwoSigkills() throws Exception {
    Path work = children.workDir("agent");
    Path out = work.resolve("out");
    int port = FreePorts.allocate();
    PluginAgent agent =
        PluginAgent.ofThisModule("header-filename-sink")
            .config(config(work, out, port))
            .startupTimeout(GENEROUS)
            .start(children, work);

    AtomicLong acknowledged = new AtomicLong();
    Semaphore killPoint = new Semaphore(0);
    Future<Integer> sender = executor.submit(() -> send(port, acknowledged, killPoint));

    int inUseAtKills = 0;
    long recovered = 0;
    for (long killAt : KILL_AT) {
      assertTrue(
          killPoint.tryAcquire(GENEROUS.toSeconds(), TimeUnit.SECONDS),
          "the sender never reached " + killAt + " acknowledged events");
      agent.kill();
      inUseAtKills += inUseFiles(out).size();
      agent.restart();
      agent.awaitStarted(GENEROUS);
      recovered += agent.counter("SINK.k1", "FilesRecovered");
    }
    int senderFailures = sender.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
    assertTrue(senderFailures >= 2, "both kills interrupted the stream: " + senderFailures);
    assertTrue(inUseAtKills > 0, "the kills found files open");
    assertEquals(inUseAtKills, recovered, "every in-use file left by a kill was recovered");

    // Idle files close after 2 s, so with the channel drained no in-use file is left.
    await()
        .atMost(GENEROUS)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertEquals(List.of(), inUseFiles(out), "in-use files");
              SequenceReport r = check(out).report();
              assertEquals(0, r.missing(), r::toString);
            });
    SequenceReport report = check(out).report();
    System.out.printf(
        "SIGKILL x2: %d in-use files at the kills, %d recovered (%d cut), sender retried %d"
            + " batch(es); %s%n",
        inUseAtKills, recovered, agent.counter("SINK.k1", "RecoveryCuts"), senderFailures, report);
    assertTrue(report.isComplete(), report::toString);
    assertEquals(0, report.partialLines(), "no finished file ends in a partial line");
    assertEquals(0, report.unparseable(), "no line is a fragment");
    assertEquals(0, agent.counter("SINK.k1", "EventsRefused"));

    assertEquals(143, agent.stop(GENEROUS));
    assertEquals(List.of(), inUseFiles(out), "a clean stop leaves no in-use file");
  }

  /**
   * Checks every finished file: each line parses as a sequence number whose header named this file
   * (rolled names like {@code host-007.3.log} count as {@code host-007.log}).
   */
  private static SequenceChecker check(Path out) throws IOException {
    SequenceChecker checker = SequenceChecker.expecting(0, EVENTS);
    Map<String, Integer> misplaced = new HashMap<>();
    for (Path file : finishedFiles(out)) {
      String relative = out.relativize(file).toString();
      Matcher m = FINISHED.matcher(relative);
      assertTrue(m.matches(), "unexpected file " + relative);
      String requested = m.group(1) + ".log";
      checker.addFile(file);
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.matches("\\d+") && !fileOf(Long.parseLong(line)).equals(requested)) {
          misplaced.merge(relative, 1, Integer::sum);
        }
      }
    }
    assertEquals(Map.of(), misplaced, "events in a file their header did not name");
    return checker;
  }

  private static List<Path> finishedFiles(Path out) throws IOException {
    return files(out).stream()
        .filter(p -> !p.getFileName().toString().endsWith(".tmp"))
        .filter(p -> !p.getFileName().toString().equals(FileNaming.LOCK_FILE))
        .collect(Collectors.toList());
  }

  private static List<Path> inUseFiles(Path out) throws IOException {
    return files(out).stream()
        .filter(p -> p.getFileName().toString().endsWith(".tmp"))
        .collect(Collectors.toList());
  }

  private static List<Path> files(Path out) throws IOException {
    if (!Files.exists(out)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(out)) {
      return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    } catch (UncheckedIOException e) {
      return files(out); // a file was renamed while walking: look again
    }
  }

  /**
   * Sends every event; a batch that was not acknowledged is sent again, through a new client, until
   * the agent is back and takes it. Signals each kill point. Returns how many sends failed.
   */
  private static int send(int port, AtomicLong acknowledged, Semaphore killPoint) throws Exception {
    int failures = 0;
    int kills = 0;
    AtomicReference<RpcClient> client = new AtomicReference<>(client(port));
    try {
      long next = 0;
      while (next < EVENTS) {
        try {
          client.get().appendBatch(batch(next));
        } catch (EventDeliveryException e) {
          failures++;
          client.get().close();
          long first = next;
          await()
              .atMost(GENEROUS)
              .pollInterval(Duration.ofMillis(500))
              .ignoreExceptions()
              .until(
                  () -> {
                    RpcClient fresh = client(port);
                    try {
                      fresh.appendBatch(batch(first));
                    } catch (EventDeliveryException | RuntimeException again) {
                      fresh.close();
                      throw again;
                    }
                    client.set(fresh);
                    return true;
                  });
        }
        next += BATCH;
        acknowledged.set(next);
        if (kills < KILL_AT.length && next == KILL_AT[kills]) {
          kills++;
          killPoint.release();
        }
      }
    } finally {
      client.get().close();
    }
    return failures;
  }

  private static RpcClient client(int port) {
    Properties p = new Properties();
    p.setProperty("hosts", "h1");
    p.setProperty("hosts.h1", "127.0.0.1:" + port);
    p.setProperty("batch-size", Integer.toString(BATCH));
    p.setProperty("connect-timeout", "60000");
    p.setProperty("request-timeout", "120000");
    return RpcClientFactory.getInstance(p);
  }

  private static List<Event> batch(long first) {
    List<Event> events = new ArrayList<>(BATCH);
    for (long seq = first; seq < first + BATCH; seq++) {
      Map<String, String> headers = new HashMap<>();
      headers.put("file", fileOf(seq));
      events.add(
          EventBuilder.withBody(Long.toString(seq).getBytes(StandardCharsets.UTF_8), headers));
    }
    return events;
  }

  private static String config(Path work, Path out, int port) {
    return String.join(
        "\n",
        "a1.sources = src",
        "a1.channels = ch",
        "a1.sinks = k1",
        "a1.sources.src.type = avro",
        "a1.sources.src.bind = 127.0.0.1",
        "a1.sources.src.port = " + port,
        "a1.sources.src.channels = ch",
        "a1.channels.ch.type = file",
        "a1.channels.ch.checkpointDir = " + work.resolve("channel/checkpoint"),
        "a1.channels.ch.dataDirs = " + work.resolve("channel/data"),
        "a1.channels.ch.capacity = " + 2 * EVENTS,
        "a1.channels.ch.transactionCapacity = " + 2 * BATCH,
        "a1.sinks.k1.type = dev.sluice.flume.sink.file.HeaderFilenameSink",
        "a1.sinks.k1.channel = ch",
        "a1.sinks.k1.sink.directory = " + out,
        "a1.sinks.k1.sink.batchSize = " + BATCH,
        // fewer open files than names: files are closed least-recently-used all the time
        "a1.sinks.k1.sink.maxOpenFiles = 500",
        "a1.sinks.k1.sink.rollInterval = 0",
        "a1.sinks.k1.sink.idleTimeout = 2",
        "a1.sinks.k1.strictConfig = true",
        "");
  }
}
