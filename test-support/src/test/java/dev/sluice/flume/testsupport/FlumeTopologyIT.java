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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flume.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two real agents from a directory of properties files: an entry agent (Avro source, file channel,
 * Avro sink) in front of a destination (Avro source, file channel, file_roll). Events with headers
 * go in through {@link AvroSender}; the destination is SIGKILLed while the entry agent holds events
 * for it and restarted by name; every event is counted in its files.
 */
class FlumeTopologyIT {
  private static final int EVENTS = 20_000;
  private static final int SINK_BATCH = 500;

  /** header_and_text writes "{kind=odd} id=7": only events that kept their header parse. */
  private static final Pattern ID = Pattern.compile("^\\{kind=(?:odd|even)\\} id=(\\d+)$");

  private static final String ENTRY =
      "entry.sources = in\n"
          + "entry.channels = c\n"
          + "entry.sinks = out\n"
          + "entry.sources.in.type = avro\n"
          + "entry.sources.in.bind = 127.0.0.1\n"
          + "entry.sources.in.port = ${ENTRY_PORT}\n"
          + "entry.sources.in.channels = c\n"
          + "entry.channels.c.type = file\n"
          + "entry.channels.c.checkpointDir = ${AGENT_DIR}/data/checkpoint\n"
          + "entry.channels.c.dataDirs = ${AGENT_DIR}/data/log\n"
          + "entry.sinks.out.type = avro\n"
          + "entry.sinks.out.channel = c\n"
          + "entry.sinks.out.hostname = 127.0.0.1\n"
          + "entry.sinks.out.port = ${DEST_PORT}\n"
          + "entry.sinks.out.batch-size = "
          + SINK_BATCH
          + "\n";

  private static final String DEST =
      "dest.sources = in\n"
          + "dest.channels = c\n"
          + "dest.sinks = files\n"
          + "dest.sources.in.type = avro\n"
          + "dest.sources.in.bind = 127.0.0.1\n"
          + "dest.sources.in.port = ${DEST_PORT}\n"
          + "dest.sources.in.channels = c\n"
          + "dest.channels.c.type = file\n"
          + "dest.channels.c.checkpointDir = ${AGENT_DIR}/data/checkpoint\n"
          + "dest.channels.c.dataDirs = ${AGENT_DIR}/data/log\n"
          + "dest.sinks.files.type = file_roll\n"
          + "dest.sinks.files.channel = c\n"
          + "dest.sinks.files.sink.directory = ${AGENT_DIR}/out\n"
          + "dest.sinks.files.sink.serializer = header_and_text\n"
          + "dest.sinks.files.sink.batchSize = "
          + SINK_BATCH
          + "\n";

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void everyEventArrivesWithItsHeadersWhenTheDestinationIsSigkilledAndRestarted()
      throws IOException {
    Path conf = children.workDir("conf");
    Files.writeString(conf.resolve("1-dest.properties"), DEST, StandardCharsets.UTF_8);
    Files.writeString(conf.resolve("2-entry.properties"), ENTRY, StandardCharsets.UTF_8);
    FlumeTopology net =
        FlumeTopology.builder(children)
            .agentsIn(conf)
            .directories("out")
            .jvmArgs("-Xmx192m")
            .start();
    assertEquals(List.of("1-dest", "2-entry"), net.names());
    long firstPid = net.agent("1-dest").pid();

    try (AvroSender sender = net.sender("ENTRY_PORT").batchSize(250)) {
      sender.send(events(0, EVENTS / 2));
      net.kill("1-dest");
      assertFalse(net.agent("1-dest").isAlive());
      // The entry agent's file channel holds what the destination cannot take now.
      sender.send(events(EVENTS / 2, EVENTS));
      assertEquals(EVENTS, sender.eventsSent());
      assertEquals(0, sender.retries());
    }
    net.restart("1-dest");
    assertNotEquals(firstPid, net.agent("1-dest").pid());

    await("every event in the destination's files")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> report(net).missing() == 0);
    SequenceReport report = report(net);
    System.out.println("FlumeTopologyIT: " + report);
    assertEquals(0, report.unparseable(), report::toString);
    assertEquals(0, report.outOfRange(), report::toString);
    // A destination killed mid-batch may have written a batch the entry agent sends again.
    assertTrue(report.duplicates() <= SINK_BATCH, report::toString);
    assertTrue(net.counter("2-entry", "SINK.out", "EventDrainSuccessCount") > 0);
  }

  private static SequenceReport report(FlumeTopology net) {
    return net.count(SequenceChecker.expecting(0, EVENTS, ID), "out", "1-dest").report();
  }

  private static List<Event> events(int from, int to) {
    List<Event> events = new ArrayList<>(to - from);
    for (int id = from; id < to; id++) {
      events.add(AvroSender.event("id=" + id, Map.of("kind", id % 2 == 0 ? "even" : "odd")));
    }
    return events;
  }
}
