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

import com.crankuptheamps.client.Client;
import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.PluginAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The republish loop run end to end: one real agent with both plugins (amps-source's tarball comes
 * from its module through a test-scoped dependency) on one testkit server. The source subscribes to
 * {@code orders} with the bookmark and topic headers; the sink publishes each event back to the
 * topic its header names, {@code orders}. An outside publisher's messages are republished once; the
 * sink's own republications come back through the source and its loop guard must stop them,
 * counted, or the topic would grow for ever.
 */
class RepublishLoopIT {
  private static final int ORDERS = 200;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void theSinksGuardStopsItsOwnMessagesComingBackThroughTheSource() throws Exception {
    // A real AMPS (-Damps.uri) must keep a transaction log of every topic; the testkit is told to.
    AmpsTestkitProcess amps =
        SinkIt.externalAmps() != null
            ? SinkIt.testkit(children, "amps", false)
            : SinkIt.testkit(children, "amps", false, "--log-topics", "orders");
    String orders = SinkIt.unique("orders");
    Path work = children.workDir("agent");
    PluginAgent agent =
        PluginAgent.ofThisModule("amps-sink")
            .config(
                String.join(
                    "\n",
                    "a1.sources = r1",
                    "a1.channels = ch",
                    "a1.sinks = k1",
                    "a1.sources.r1.type = dev.sluice.flume.amps.source.AmpsSource",
                    "a1.sources.r1.channels = ch",
                    "a1.sources.r1.clientName = " + SinkIt.unique("flume-a1-r1"),
                    "a1.sources.r1.uri = " + amps.uri(),
                    "a1.sources.r1.topic = " + orders,
                    "a1.sources.r1.subscriptionId = orders-sub",
                    "a1.sources.r1.bookmarkLog = " + work.resolve("r1.bookmarks"),
                    "a1.sources.r1.eventHeaders = bookmark,topic",
                    "a1.sources.r1.batchDurationMillis = 50",
                    "a1.channels.ch.type = memory",
                    "a1.channels.ch.capacity = 10000",
                    "a1.channels.ch.transactionCapacity = 1000",
                    "a1.sinks.k1.type = dev.sluice.flume.amps.sink.AmpsSink",
                    "a1.sinks.k1.channel = ch",
                    "a1.sinks.k1.clientName = " + SinkIt.unique("flume-a1-k1"),
                    "a1.sinks.k1.uri = " + amps.uri(),
                    "a1.sinks.k1.maxBatch = 100",
                    "a1.sinks.k1.pubStoreType = memory"))
            .plugin(sourceTarball())
            .libext(SinkIt.ampsClientJar())
            .libext("sluice-amps-source", SinkIt.ampsClientJar())
            .jvmArgs("-Xmx384m")
            .startWithoutWaiting(children, work);
    agent.awaitStarted(GENEROUS);
    await().atMost(GENEROUS).until(() -> agent.counter("SOURCE.r1", "Subscribed") == 1);

    Client publisher = new Client(SinkIt.unique("outside-publisher"));
    try {
      publisher.connect(amps.uri());
      publisher.logon();
      for (int i = 0; i < ORDERS; i++) {
        publisher.publish(orders, "{\"order\":" + i + "}");
      }
      publisher.publishFlush();
    } finally {
      publisher.close();
    }

    // Each outside order is published once more by the sink, and that copy comes back once.
    await()
        .atMost(GENEROUS)
        .until(
            () ->
                sink(agent, "RepublishLoopCount") >= ORDERS
                    && agent.counter("SOURCE.r1", "EventAcceptedCount") >= 2L * ORDERS);
    // Then the loop stays closed: nothing more is received, published or recognised.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                sink(agent, "PublishedCount") == ORDERS
                    && sink(agent, "RepublishLoopCount") == ORDERS
                    && agent.counter("SOURCE.r1", "EventAcceptedCount") == 2L * ORDERS);
    assertEquals(2L * ORDERS, sink(agent, "EventDrainSuccessCount"), "every event taken once");
    try (ReplaySubscriber subscriber = ReplaySubscriber.replay(amps.uri(), orders)) {
      await().atMost(GENEROUS).until(() -> subscriber.count() >= 2L * ORDERS);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(20))
          .until(() -> subscriber.count() == 2L * ORDERS);
    }
    assertTrue(
        SinkIt.log(agent).contains("republish loop"), "the guard's warning is in the agent's log");
  }

  /** amps-source's plugin tarball, resolved by Maven from the test-scoped dependency. */
  private static Path sourceTarball() {
    String p = System.getProperty("amps.source.plugin");
    assertTrue(p != null && !p.isEmpty(), "amps.source.plugin is not set: run through Maven");
    Path path = Paths.get(p);
    assertTrue(Files.isRegularFile(path), path + " is missing");
    return path;
  }
}
