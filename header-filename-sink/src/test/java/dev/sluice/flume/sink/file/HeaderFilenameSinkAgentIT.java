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

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.PluginAgent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flume.Event;
import org.apache.flume.api.RpcClient;
import org.apache.flume.api.RpcClientFactory;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plugin in a real agent: one sink serves several services' files, gzip output that the
 * system's gzip reads, refused events in the dead-letter directory, and the sink's counters in
 * Flume's HTTP metrics JSON.
 */
class HeaderFilenameSinkAgentIT {
  private static final Duration GENEROUS = Duration.ofMinutes(3);

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void oneSinkServesManyFilesAndReportsInFlumesMetricsJson() throws Exception {
    Path work = children.workDir("agent");
    Path out = work.resolve("out");
    Path dead = work.resolve("dead");
    int port = FreePorts.allocate();
    PluginAgent agent =
        PluginAgent.ofThisModule("header-filename-sink")
            .config(config(out, dead, port))
            .startupTimeout(GENEROUS)
            .start(children, work);

    List<Event> events = new ArrayList<>();
    String[] files = {"web/access.log", "web/errors/error.log", "billing/invoices.log"};
    for (int i = 0; i < 300; i++) {
      events.add(event(files[i % 3], files[i % 3] + " " + i));
    }
    events.add(event("../escape.log", "parent 1"));
    events.add(event("web/../../escape.log", "parent 2"));
    events.add(event("/etc/escape.log", "absolute"));
    events.add(EventBuilder.withBody("no header", StandardCharsets.UTF_8));
    RpcClient client = client(port);
    try {
      client.appendBatch(events);
    } finally {
      client.close();
    }

    // Idle files close after 1 s: once nothing is open, everything is finished.
    await()
        .atMost(GENEROUS)
        .until(
            () ->
                agent.counter("SINK.k1", "EventDrainSuccessCount") == 304
                    && agent.counter("SINK.k1", "OpenFiles") == 0);

    JsonObject sink =
        JsonParser.parseString(agent.httpMetricsJson())
            .getAsJsonObject()
            .getAsJsonObject("SINK.k1");
    assertEquals(304, sink.get("EventsWritten").getAsLong(), sink::toString);
    assertEquals(4, sink.get("EventsRefused").getAsLong(), sink::toString);
    assertEquals(2, sink.get("EventsRefusedParentSegment").getAsLong(), sink::toString);
    assertEquals(1, sink.get("EventsRefusedAbsolutePath").getAsLong(), sink::toString);
    assertEquals(1, sink.get("EventsRefusedMissingHeader").getAsLong(), sink::toString);
    assertEquals(4, sink.get("EventsToDeadLetter").getAsLong(), sink::toString);
    assertEquals(6, sink.get("FilesCreated").getAsLong(), sink::toString);
    assertEquals(6, sink.get("FilesClosedIdle").getAsLong(), sink::toString);
    assertEquals(0, sink.get("OpenFiles").getAsLong(), sink::toString);

    for (String f : files) {
      List<String> lines = gunzip(out.resolve(f + ".gz"));
      assertEquals(100, lines.size(), f);
      assertTrue(lines.stream().allMatch(l -> l.startsWith(f + " ")), f + ": " + lines.get(0));
    }
    assertEquals(List.of("parent 1", "parent 2"), gunzip(dead.resolve("parent-segment.gz")));
    assertEquals(List.of("absolute"), gunzip(dead.resolve("absolute-path.gz")));
    assertEquals(List.of("no header"), gunzip(dead.resolve("missing-header.gz")));
    assertFalse(Files.exists(work.resolve("escape.log")));
    assertFalse(Files.exists(Paths.get("/etc/escape.log")));
  }

  private static Event event(String file, String body) {
    Map<String, String> headers = new HashMap<>();
    headers.put("file", file);
    return EventBuilder.withBody(body.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** Reads a file with the system's gzip: an independent reader of the concatenated members. */
  private static List<String> gunzip(Path file) throws Exception {
    Process p = new ProcessBuilder("gzip", "-dc", file.toString()).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gzip did not finish");
    assertEquals(0, p.exitValue(), "gzip -dc " + file + ": " + err);
    return List.of(text.split("\n"));
  }

  private static RpcClient client(int port) {
    Properties p = new Properties();
    p.setProperty("hosts", "h1");
    p.setProperty("hosts.h1", "127.0.0.1:" + port);
    p.setProperty("batch-size", "1000");
    p.setProperty("connect-timeout", "60000");
    p.setProperty("request-timeout", "120000");
    return RpcClientFactory.getInstance(p);
  }

  private static String config(Path out, Path dead, int port) {
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
        "a1.sinks.k1.sink.codeC = gzip",
        "a1.sinks.k1.sink.batchSize = 1000",
        "a1.sinks.k1.sink.idleTimeout = 1",
        "a1.sinks.k1.sink.refusedEventPolicy = dead-letter",
        "a1.sinks.k1.sink.deadLetterDirectory = " + dead,
        "a1.sinks.k1.strictConfig = true",
        "");
  }
}
