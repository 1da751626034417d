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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.PluginAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flume.Event;
import org.apache.flume.api.RpcClient;
import org.apache.flume.api.RpcClientFactory;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code none} for no in-use suffix or no file suffix, written in a real agent's properties file
 * (where Flume 1.11 drops an empty value before the sink sees it), and the rule that an in-use
 * prefix or suffix is required, reported in the agent's log.
 */
class AffixNoneIT {
  private static final Duration GENEROUS = Duration.ofMinutes(3);
  private static final int EVENTS = 1000;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void noneFromAPropertiesFileMeansNoSuffix() throws Exception {
    Path work = children.workDir("agent");
    Path out = work.resolve("out");
    int port = FreePorts.allocate();
    PluginAgent agent =
        PluginAgent.ofThisModule("header-filename-sink")
            .config(
                avroConfig(
                    out,
                    port,
                    "a1.sinks.k1.sink.inUsePrefix = .",
                    "a1.sinks.k1.sink.inUseSuffix = none",
                    "a1.sinks.k1.sink.codeC = gzip",
                    "a1.sinks.k1.sink.fileSuffix = none",
                    "a1.sinks.k1.sink.rollCount = " + EVENTS))
            .startupTimeout(GENEROUS)
            .start(children, work);
    send(port, 0, EVENTS / 2);
    await()
        .atMost(GENEROUS)
        .until(() -> agent.counter("SINK.k1", "EventDrainSuccessCount") == EVENTS / 2);
    // Still open: the in-use name is the prefix and the requested name, nothing after it.
    assertEquals(List.of(".app.log"), names(out.resolve("svc")));

    send(port, EVENTS / 2, EVENTS); // rollCount reached: the file is finished
    await().atMost(GENEROUS).until(() -> agent.counter("SINK.k1", "FilesRolled") == 1);
    // No .gz either: none takes away the suffix gzip would add.
    assertEquals(List.of("app.log"), names(out.resolve("svc")));
    List<String> lines = gunzip(out.resolve("svc/app.log"));
    assertEquals(EVENTS, lines.size());
    for (int i = 0; i < EVENTS; i++) {
      assertEquals(Integer.toString(i), lines.get(i), "line " + i);
    }
  }

  @Test
  void noneForBothInUsePrefixAndSuffixIsAConfigurationErrorInTheAgentsLog() throws Exception {
    Path work = children.workDir("agent");
    Path out = work.resolve("out");
    PluginAgent agent =
        PluginAgent.ofThisModule("header-filename-sink")
            .config(
                config(
                    out,
                    "a1.sinks.k1.sink.inUsePrefix = none",
                    "a1.sinks.k1.sink.inUseSuffix = none"))
            .startupTimeout(GENEROUS)
            .startWithoutWaiting(children, work);
    List<String> expected =
        List.of(
            "Invalid configuration for sink 'k1' (header-filename-sink):",
            "sink.inUseSuffix = 'none': a suffix such as .tmp, or none only together with an"
                + " sink.inUsePrefix such as . (here it is none): without an in-use prefix or"
                + " suffix, readers and crash recovery could not tell in-use files from finished"
                + " ones");
    await().atMost(GENEROUS).until(() -> expected.stream().allMatch(l -> logContains(agent, l)));
    // Flume dropped the sink: nothing drains the channel, nothing is written.
    await()
        .atMost(GENEROUS)
        .until(() -> agent.counter("CHANNEL.ch", "EventPutSuccessCount") == EVENTS);
    assertFalse(agent.metrics().containsKey("SINK.k1"), agent.metrics()::toString);
    assertFalse(Files.exists(out.resolve("svc")), "the dropped sink wrote files");
  }

  private static boolean logContains(PluginAgent agent, String text) {
    try {
      return agent.log().contains(text);
    } catch (UncheckedIOException e) {
      return false; // being written; the next poll reads it
    }
  }

  private static List<String> names(Path dir) throws IOException {
    assertTrue(Files.isDirectory(dir), dir + " is missing");
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  private static void send(int port, int from, int to) throws Exception {
    List<Event> events = new ArrayList<>();
    for (int i = from; i < to; i++) {
      events.add(
          EventBuilder.withBody(
              Integer.toString(i).getBytes(StandardCharsets.UTF_8), Map.of("file", "svc/app.log")));
    }
    Properties p = new Properties();
    p.setProperty("hosts", "h1");
    p.setProperty("hosts.h1", "127.0.0.1:" + port);
    p.setProperty("batch-size", "1000");
    p.setProperty("connect-timeout", "60000");
    p.setProperty("request-timeout", "120000");
    RpcClient client = RpcClientFactory.getInstance(p);
    try {
      client.appendBatch(events);
    } finally {
      client.close();
    }
  }

  /** Reads a file with the system's gzip, an independent reader. */
  private static List<String> gunzip(Path file) throws Exception {
    Process p = new ProcessBuilder("gzip", "-dc", file.toString()).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gzip did not finish");
    assertEquals(0, p.exitValue(), "gzip -dc " + file + ": " + err);
    return List.of(text.split("\n"));
  }

  /** An Avro source the test sends to, and the sink with these lines added. */
  private static String avroConfig(Path out, int port, String... sinkLines) {
    return String.join(
        "\n",
        "a1.sources = src",
        "a1.channels = ch",
        "a1.sinks = k1",
        "a1.sources.src.type = avro",
        "a1.sources.src.bind = 127.0.0.1",
        "a1.sources.src.port = " + port,
        "a1.sources.src.channels = ch",
        "a1.channels.ch.type = memory",
        "a1.channels.ch.capacity = 10000",
        "a1.channels.ch.transactionCapacity = 1000",
        "a1.sinks.k1.type = dev.sluice.flume.sink.file.HeaderFilenameSink",
        "a1.sinks.k1.channel = ch",
        "a1.sinks.k1.sink.directory = " + out,
        "a1.sinks.k1.sink.batchSize = 100",
        "a1.sinks.k1.sink.rollInterval = 0",
        "a1.sinks.k1.sink.idleTimeout = 0",
        "a1.sinks.k1.strictConfig = true",
        String.join("\n", sinkLines),
        "");
  }

  /** A sequence source (bodies 0, 1, 2, ...) whose events all name svc/app.log. */
  private static String config(Path out, String... sinkLines) {
    return String.join(
        "\n",
        "a1.sources = src",
        "a1.channels = ch",
        "a1.sinks = k1",
        "a1.sources.src.type = seq",
        "a1.sources.src.totalEvents = " + EVENTS,
        "a1.sources.src.batchSize = 100",
        "a1.sources.src.channels = ch",
        "a1.sources.src.interceptors = i1",
        "a1.sources.src.interceptors.i1.type = static",
        "a1.sources.src.interceptors.i1.key = file",
        "a1.sources.src.interceptors.i1.value = svc/app.log",
        "a1.channels.ch.type = memory",
        "a1.channels.ch.capacity = 10000",
        "a1.channels.ch.transactionCapacity = 1000",
        "a1.sinks.k1.type = dev.sluice.flume.sink.file.HeaderFilenameSink",
        "a1.sinks.k1.channel = ch",
        "a1.sinks.k1.sink.directory = " + out,
        "a1.sinks.k1.sink.batchSize = 100",
        "a1.sinks.k1.sink.rollInterval = 0",
        "a1.sinks.k1.sink.idleTimeout = 0",
        "a1.sinks.k1.strictConfig = true",
        String.join("\n", sinkLines),
        "");
  }
}
