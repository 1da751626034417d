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
import static dev.sluice.flume.amps.sink.SinkIt.sink;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.amps.sink.testfactory.MarkingClientFactory;
import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.PluginAgent;
import dev.sluice.flume.testsupport.SequenceReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real agent whose sink names a {@code clientFactoryClass} that ships in a jar of its own in the
 * plugin's {@code libext/}, as a user installs one: the sink must take its client from that factory
 * (which marks a file and logs on under a name of its own) and deliver every event through it.
 */
class CustomClientFactoryIT {
  private static final int EVENTS = 2_000;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void theSinkPublishesThroughTheFactoryNamedInItsConfiguration() throws Exception {
    AmpsTestkitProcess amps = SinkIt.testkit(children, "amps", false);
    Path work = children.workDir("agent");
    Path marker = work.resolve("factory-calls.txt");
    Path factoryJar = factoryJar(children.workDir("factory-jar").resolve("marking-factory.jar"));
    PluginAgent agent =
        PluginAgent.ofThisModule("amps-sink")
            .config(
                String.join(
                    "\n",
                    "a1.sources = src",
                    "a1.channels = ch",
                    "a1.sinks = k1",
                    "a1.sources.src.type = seq",
                    "a1.sources.src.totalEvents = " + EVENTS,
                    "a1.sources.src.channels = ch",
                    "a1.channels.ch.type = memory",
                    "a1.channels.ch.capacity = 10000",
                    "a1.channels.ch.transactionCapacity = 1000",
                    "a1.sinks.k1.type = dev.sluice.flume.amps.sink.AmpsSink",
                    "a1.sinks.k1.channel = ch",
                    "a1.sinks.k1.clientName = " + SinkIt.unique("flume-a1-k1"),
                    "a1.sinks.k1.uri = " + amps.uri(),
                    "a1.sinks.k1.topic = " + SinkIt.unique("seq"),
                    "a1.sinks.k1.maxBatch = 500",
                    "a1.sinks.k1.clientFactoryClass = " + MarkingClientFactory.class.getName(),
                    "a1.sinks.k1.markerFile = " + marker))
            .libext(SinkIt.ampsClientJar(), factoryJar)
            .jvmArgs("-Xmx384m")
            .startWithoutWaiting(children, work);
    agent.awaitStarted(GENEROUS);

    await().atMost(GENEROUS).until(() -> sink(agent, "EventDrainSuccessCount") == EVENTS);
    String name = MarkingClientFactory.nameFor(SinkIt.unique("flume-a1-k1"));
    assertEquals(List.of(name), Files.readAllLines(marker, StandardCharsets.UTF_8));
    if (SinkIt.externalAmps() == null) {
      String status = amps.control("status");
      assertTrue(status.contains(name), "the server does not know the factory's client: " + status);
    }
    try (ReplaySubscriber subscriber = ReplaySubscriber.replay(amps.uri(), SinkIt.unique("seq"))) {
      SequenceReport report = subscriber.awaitComplete(0, EVENTS, GENEROUS);
      assertEquals(0, report.missing(), report::toString);
    }
    assertEquals(EVENTS, sink(agent, "AcknowledgedCount"), "every message acknowledged once");
  }

  /** Packs the factory's compiled classes (from the test classes) into a jar of its own. */
  private static Path factoryJar(Path jar) throws IOException {
    Path classes = Paths.get("target", "test-classes");
    Path dir = classes.resolve("dev/sluice/flume/amps/sink/testfactory");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
    }
    assertTrue(!files.isEmpty(), "no compiled factory in " + dir);
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out)) {
      for (Path f : files) {
        j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        j.write(Files.readAllBytes(f));
        j.closeEntry();
      }
    }
    return jar;
  }
}
