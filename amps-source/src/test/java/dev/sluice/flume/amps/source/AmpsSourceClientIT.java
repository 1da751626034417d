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
package dev.sluice.flume.amps.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Client;
import dev.sluice.flume.amps.testkit.AmpsTestServer;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.FlumeException;
import org.apache.flume.SourceRunner;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.channel.ReplicatingChannelSelector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source in this JVM, driven by Flume's own {@code PollableSourceRunner}, against the testkit
 * server in this JVM and the real AMPS client: the wire details the fake client cannot show.
 */
class AmpsSourceClientIT {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
  private static final String TOPIC = "orders";

  @TempDir Path dir;

  private final List<AutoCloseable> closeLater = new ArrayList<>();
  private final List<String> journal = new java.util.concurrent.CopyOnWriteArrayList<>();
  private SourceRunner runner;

  @AfterEach
  void tearDown() throws Exception {
    if (runner != null) {
      runner.stop();
    }
    for (int i = closeLater.size() - 1; i >= 0; i--) {
      closeLater.get(i).close();
    }
  }

  private AmpsTestServer server() throws Exception {
    AgentTestbed.requireTestkit(
        "an in-process server whose stalls, drops and restarts the test controls");
    AmpsTestServer s = AmpsTestServer.builder().start();
    closeLater.add(s);
    return s;
  }

  private TestPublisher publisher(String uri) throws Exception {
    TestPublisher p = new TestPublisher(uri, "publisher", TOPIC, 16);
    closeLater.add(p);
    return p;
  }

  private AmpsSource source(Map<String, String> keys, RecordingChannel channel) {
    Context ctx = new Context();
    ctx.put("clientName", "flume-it");
    ctx.put("topic", TOPIC);
    ctx.put("batchDurationMillis", "20");
    ctx.put("reconnectInitialDelay", "20");
    ctx.put("reconnectMaxDelay", "200");
    ctx.putAll(keys);
    AmpsSource source = new AmpsSource();
    source.setName("r1");
    source.configure(ctx);
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    source.setChannelProcessor(new ChannelProcessor(selector));
    return source;
  }

  private AmpsSource run(Map<String, String> keys, RecordingChannel channel) {
    AmpsSource source = source(keys, channel);
    runner = SourceRunner.forSource(source);
    runner.start();
    return source;
  }

  private Map<String, String> bookmarkKeys(String uri) {
    return Map.of(
        "uri",
        uri,
        "bookmarkLog",
        dir.resolve("bookmarks.log").toString(),
        "subscriptionId",
        "sub-1",
        "maxBatch",
        "500");
  }

  private static SequenceReport report(RecordingChannel channel, long count) {
    SequenceChecker checker = SequenceChecker.expecting(0, count, SEQ);
    for (Event e : channel.committed) {
      checker.addLine(new String(e.getBody(), UTF_8));
    }
    return checker.report();
  }

  private static Set<String> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("AMPS Java Client") || n.startsWith("amps-source-"))
        .collect(Collectors.toSet());
  }

  @Test
  void deliversABookmarkSubscriptionExactlyOnceWithHeadersAndLeavesNoThreadAfterStop()
      throws Exception {
    AmpsTestServer server = server();
    RecordingChannel channel = new RecordingChannel("c1", journal);
    Map<String, String> keys = new java.util.HashMap<>(bookmarkKeys(server.uri()));
    keys.put("eventHeaders", "topic,bookmark,subId,length");
    keys.put("pruneTimeThreshold", "200");
    AmpsSource source = run(keys, channel);
    await().atMost(DEADLINE).until(() -> source.counters().value("Subscribed") == 1);

    TestPublisher publisher = publisher(server.uri());
    publisher.publish(0, 10_000);
    publisher.flush();
    await().atMost(DEADLINE).until(() -> channel.committed.size() >= 10_000);
    await()
        .atMost(DEADLINE)
        .until(() -> source.counters().value("BookmarkDiscardedCount") == 10_000);

    SequenceReport report = report(channel, 10_000);
    assertTrue(report.isExactlyOnce(), report.toString());
    Map<String, String> headers = channel.committed.get(0).getHeaders();
    assertEquals(TOPIC, headers.get("topic"));
    assertEquals("sub-1", headers.get("subId"));
    assertTrue(headers.get("bookmark").matches("\\d+\\|\\d+\\|"), headers.toString());
    assertEquals(
        Integer.toString(channel.committed.get(0).getBody().length), headers.get("length"));

    publisher.close(); // its client's reader thread is not the source's
    runner.stop();
    runner = null;
    await().atMost(DEADLINE).until(() -> liveThreads().isEmpty());
    assertEquals(Set.of(), liveThreads());
    long logBytes = java.nio.file.Files.size(dir.resolve("bookmarks.log"));
    assertTrue(logBytes < 4096, "pruned at stop to the subscription's position: " + logBytes);
    assertEquals(0, source.counters().value("BookmarkDiscardFailedCount"));
  }

  @Test
  void withHeartbeatsAStalledServerIsLeftAndTheSubscriptionResumesWithoutGaps() throws Exception {
    AmpsTestServer server = server();
    RecordingChannel channel = new RecordingChannel("c1", journal);
    Map<String, String> keys = new java.util.HashMap<>(bookmarkKeys(server.uri()));
    keys.put("heartbeatInterval", "1000");
    AmpsSource source = run(keys, channel);
    await().atMost(DEADLINE).until(() -> source.counters().value("Subscribed") == 1);
    TestPublisher publisher = publisher(server.uri());
    publisher.publish(0, 1_000);
    await().atMost(DEADLINE).until(() -> channel.committed.size() >= 1_000);

    server.stall(Duration.ofSeconds(6)); // silent, connections open: only heartbeats tell
    await().atMost(DEADLINE).until(() -> source.counters().value("ReconnectCount") >= 1);
    publisher.close();
    TestPublisher after = publisher(server.uri());
    after.publish(1_000, 2_000);
    after.flush();
    await().atMost(DEADLINE).until(() -> report(channel, 2_000).missing() == 0);
    assertEquals(0, report(channel, 2_000).missing());
  }

  @Test
  void droppedConnectionsResumeFromTheLastDiscardedBookmarkWithoutGaps() throws Exception {
    AmpsTestServer server = server();
    RecordingChannel channel = new RecordingChannel("c1", journal);
    AmpsSource source = run(bookmarkKeys(server.uri()), channel);
    await().atMost(DEADLINE).until(() -> source.counters().value("Subscribed") == 1);

    TestPublisher publisher = publisher(server.uri());
    for (int round = 0; round < 4; round++) {
      publisher.publish(round * 5_000L, round * 5_000L + 5_000);
      long reached = round * 5_000L + 1_000;
      await().atMost(DEADLINE).until(() -> channel.committed.size() >= reached);
      server.dropAllConnections(); // mid-stream: the publisher reconnects too
      await().atMost(DEADLINE).until(() -> source.counters().value("Subscribed") == 1);
      publisher.close();
      publisher = publisher(server.uri());
    }
    publisher.flush();
    await().atMost(DEADLINE).until(() -> report(channel, 20_000).missing() == 0);

    SequenceReport report = report(channel, 20_000);
    assertEquals(0, report.missing(), report.toString());
    assertEquals(0, report.outOfRange(), report.toString());
    assertTrue(source.counters().value("ReconnectCount") >= 4);
    assertEquals(0, source.counters().value("FailoverCount"));
  }

  @Test
  void startsBeforeItsServerAndSubscribesWhenTheServerComesUp() throws Exception {
    AgentTestbed.requireTestkit("a server the test starts after the source");
    int port = FreePorts.allocate();
    String uri = "tcp://127.0.0.1:" + port + "/amps/json";
    RecordingChannel channel = new RecordingChannel("c1", journal);
    AmpsSource source = run(Map.of("uri", uri), channel);
    await().atMost(DEADLINE).until(() -> source.counters().value("ConnectFailedCount") >= 2);
    assertEquals(0, source.counters().value("Connected"));
    assertEquals(0, source.counters().value("Subscribed"));

    AmpsTestServer server = AmpsTestServer.builder().port(port).start();
    closeLater.add(server);
    await().atMost(DEADLINE).until(() -> source.counters().value("Subscribed") == 1);
    await().atMost(DEADLINE).until(() -> server.clientNames().contains("flume-it"));
    TestPublisher publisher = publisher(uri);
    // A plain subscription sees what is published after it is in place.
    await()
        .atMost(DEADLINE)
        .until(
            () -> {
              publisher.publish(0, 1);
              return !channel.committed.isEmpty();
            });
  }

  @Test
  void serverRefusalsAreStartupErrorsNamingTheKey() throws Exception {
    AgentTestbed.requireTestkit("a server with given users and an unlogged topic");
    AmpsTestServer server =
        AmpsTestServer.builder().users(Map.of("flume", "right")).transactionLog("logged").start();
    closeLater.add(server);
    String good = "tcp://flume:right@127.0.0.1:" + server.port() + "/amps/json";
    String wrong = "tcp://flume:wrong-s3cret@127.0.0.1:" + server.port() + "/amps/json";

    assertRefused(Map.of("uri", good, "filter", "/symbol =="), "filter = '/symbol =='", "filter");
    assertRefused(Map.of("uri", good, "topic", "orders[("), "topic = 'orders[('", "topic");
    assertRefused(
        Map.of(
            "uri",
            good,
            "topic",
            "not-logged",
            "bookmarkLog",
            dir.resolve("b.log").toString(),
            "subscriptionId",
            "s"),
        "bookmarkLog = '",
        "bookmark");
    FlumeException auth =
        assertRefused(Map.of("uri", wrong), "uri = [tcp://flume:***@", "credentials");
    assertFalse(stackText(auth).contains("wrong-s3cret"), stackText(auth));

    Client holder = new Client("flume-it");
    closeLater.add(holder::close);
    holder.connect(good);
    holder.logon();
    assertRefused(Map.of("uri", good), "clientName = 'flume-it'", "in use");
  }

  private FlumeException assertRefused(Map<String, String> keys, String names, String why) {
    Set<String> before = liveThreads();
    AmpsSource source = source(keys, new RecordingChannel("c1", journal));
    FlumeException e = assertThrows(FlumeException.class, source::doStart);
    assertTrue(e.getMessage().contains(names), e.getMessage());
    assertTrue(e.getMessage().contains(why), e.getMessage());
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> assertEquals(before, liveThreads(), "a failed start leaves no thread"));
    return e;
  }

  private static String stackText(Throwable t) {
    java.io.StringWriter w = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }
}
