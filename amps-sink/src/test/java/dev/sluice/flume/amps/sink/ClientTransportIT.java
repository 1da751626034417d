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

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Message;
import dev.sluice.flume.amps.sink.AmpsSinkConfig.PublishCommand;
import dev.sluice.flume.amps.testkit.AmpsTestServer;
import dev.sluice.flume.testsupport.SequenceReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's transport against the testkit in this JVM and the real amps-client: acknowledgements,
 * refusals, reconnects, failover and giving up.
 */
class ClientTransportIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final List<AutoCloseable> closeables = new ArrayList<>();
  @TempDir Path tmp;

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private <T extends AutoCloseable> T closing(T c) {
    closeables.add(c);
    return c;
  }

  private AmpsTestServer server(AmpsTestServer.Builder b) throws Exception {
    SinkIt.requireTestkit(
        "an in-process server whose acks, stalls and connections the test controls");
    return closing(b.start());
  }

  private ClientTransport transport(AmpsSinkCounters counters, String... keys) throws Exception {
    AmpsSinkConfig c = Configs.config(keys);
    ClientTransport t = new ClientTransport(c, counters, new ClientFactory(c));
    t.start();
    closeables.add(() -> t.close(0));
    return t;
  }

  private static OutgoingMessage publish(String topic, String body) {
    return new OutgoingMessage(
        PublishCommand.PUBLISH,
        topic,
        topic.getBytes(StandardCharsets.UTF_8),
        body.getBytes(StandardCharsets.UTF_8),
        null,
        null,
        OutgoingMessage.NO_EXPIRATION);
  }

  private static long deadline(Duration d) {
    return System.nanoTime() + d.toNanos();
  }

  /** Sends {@code from..to-1} and waits for their acknowledgement. */
  private static void sendAndAwait(AmpsTransport t, String topic, int from, int to)
      throws Exception {
    t.awaitLoggedOn(deadline(WAIT));
    long first = 0;
    long last = 0;
    for (int i = from; i < to; i++) {
      last = t.send(publish(topic, Integer.toString(i)));
      if (first == 0) {
        first = last;
      }
    }
    t.awaitAcknowledged(first, last, deadline(WAIT));
  }

  @Test
  void aBatchIsAcknowledgedWithEveryStoreType() throws Exception {
    AmpsTestServer amps = server(AmpsTestServer.builder());
    String[][] stores = {
      {"pubStoreType", "memory"},
      {"pubStoreType", "file", "pubStorePath", tmp.resolve("a/store").toString()},
      {"pubStoreType", "none"},
    };
    int n = 0;
    for (String[] store : stores) {
      AmpsSinkCounters counters = new AmpsSinkCounters("k1");
      List<String> keys = new ArrayList<>(List.of("uri", amps.uri(), "clientName", "c" + n));
      keys.addAll(List.of(store));
      AmpsTransport t = transport(counters, keys.toArray(new String[0]));
      sendAndAwait(t, "t" + n, 0, 500);
      assertEquals(0, t.unacknowledgedCount());
      await().atMost(WAIT).until(() -> counters.get(AmpsSinkCounters.ACKNOWLEDGED) == 500);
      assertEquals(1, counters.sinkCounter().getConnectionCreatedCount());
      try (ReplaySubscriber sub = ReplaySubscriber.replay(amps.uri(), "t" + n)) {
        SequenceReport r = sub.awaitComplete(0, 500, WAIT);
        assertTrue(r.isExactlyOnce(), r::toString);
      }
      n++;
    }
  }

  @Test
  void aMessageTheServerRefusesComesBackAsAFailedWriteNamingIt() throws Exception {
    AmpsTestServer amps = server(AmpsTestServer.builder().sowTopic("orders", "/id"));
    for (String store : new String[] {"memory", "none"}) {
      AmpsTransport t =
          transport(
              new AmpsSinkCounters("k1"),
              "uri",
              amps.uri(),
              "clientName",
              "c-" + store,
              "pubStoreType",
              store);
      t.awaitLoggedOn(deadline(WAIT));
      long ok = t.send(publish("orders", "{\"id\":1}"));
      long refused = t.send(publish("orders", "{\"no_id\":2}"));
      long ok2 = t.send(publish("orders", "{\"id\":3}"));
      t.awaitAcknowledged(ok, ok2, deadline(WAIT));
      List<FailedWrite> failed = new ArrayList<>();
      t.drainFailedWrites(failed);
      assertEquals(1, failed.size(), failed::toString);
      assertEquals(refused, failed.get(0).token, store);
      assertEquals(Message.Reason.BadSowKey, failed.get(0).reason, failed.get(0)::reasonText);
      assertEquals(FailedWrite.Kind.PERMANENT, failed.get(0).kind());
    }
  }

  private static OutgoingMessage message(
      PublishCommand command, String topic, String body, String sowKey, String correlationId) {
    return new OutgoingMessage(
        command,
        topic,
        topic.getBytes(StandardCharsets.UTF_8),
        body.getBytes(StandardCharsets.UTF_8),
        sowKey,
        correlationId,
        60);
  }

  @Test
  void perEventCommandsAndSowDeletesReachTheServer() throws Exception {
    AmpsTestServer amps = server(AmpsTestServer.builder().sowTopic("orders", "/id"));
    AmpsTransport stored =
        transport(
            new AmpsSinkCounters("k1"),
            "uri",
            amps.uri(),
            "clientName",
            "cmd-memory",
            "pubStoreType",
            "memory");
    stored.awaitLoggedOn(deadline(WAIT));
    long first =
        stored.send(
            message(PublishCommand.PUBLISH, "orders", "{\"id\":1,\"x\":1}", null, "corr-1"));
    stored.send(message(PublishCommand.PUBLISH, "orders", "{\"id\":2}", null, null));
    long last =
        stored.send(
            message(PublishCommand.DELTA_PUBLISH, "orders", "{\"id\":1,\"y\":2}", null, null));
    stored.awaitAcknowledged(first, last, deadline(WAIT));
    assertEquals(2, amps.sowCount("orders"));
    // The testkit acknowledges a sow_delete without the sequence a publish store waits for, so
    // the delete goes through a transport without a store, which asks for its own ack.
    AmpsTransport unstored =
        transport(new AmpsSinkCounters("k2"), "uri", amps.uri(), "clientName", "cmd-none");
    unstored.awaitLoggedOn(deadline(WAIT));
    long delete =
        unstored.send(message(PublishCommand.SOW_DELETE, "orders", "{\"id\":2}", null, null));
    unstored.awaitAcknowledged(delete, delete, deadline(WAIT));
    List<FailedWrite> failed = new ArrayList<>();
    stored.drainFailedWrites(failed);
    unstored.drainFailedWrites(failed);
    assertTrue(failed.isEmpty(), failed::toString);
    assertEquals(1, amps.sowCount("orders"), "the delete by data removed id 2");
    try (com.crankuptheamps.client.Client reader = new com.crankuptheamps.client.Client("reader")) {
      reader.connect(amps.uri());
      reader.logon();
      List<Message> got = new ArrayList<>();
      for (Message m :
          reader.execute(new com.crankuptheamps.client.Command("sow").setTopic("orders"))) {
        if (m.getCommand() == Message.Command.SOW) {
          got.add(m.copy());
        }
      }
      assertEquals(1, got.size());
      assertTrue(got.get(0).getData().contains("\"y\":2"), got.get(0).getData());
      assertTrue(got.get(0).getData().contains("\"x\":1"), "the delta merged into the record");
    }
    // (The testkit parses correlation ids but does not deliver them to subscribers, so that the
    // id travels is shown only by the client accepting the command; EventRouterTest covers the
    // header.)
  }

  @Test
  void theBookmarkOfAMessageThisClientPublishedNamesItsPublisherId() throws Exception {
    AmpsTestServer amps = server(AmpsTestServer.builder());
    AmpsTransport t =
        transport(new AmpsSinkCounters("k1"), "uri", amps.uri(), "clientName", "loop-me");
    sendAndAwait(t, "loop", 0, 1);
    try (ReplayWithHeaders replay = new ReplayWithHeaders(amps.uri(), "loop")) {
      Message m = replay.awaitFirst();
      Map<String, String> headers = new HashMap<>();
      headers.put("bookmark", m.getBookmark());
      headers.put("topic", "loop");
      RepublishLoopGuard guard = new RepublishLoopGuard("bookmark", "topic");
      assertTrue(
          guard.isLoop(EventBuilder.withBody(new byte[0], headers), "loop", t.publisherId()),
          "bookmark " + m.getBookmark() + " vs publisher id " + t.publisherId());
    }
  }

  /** A bookmark replay that keeps whole messages (bookmark, correlation id). */
  private static final class ReplayWithHeaders implements AutoCloseable {
    private final com.crankuptheamps.client.Client client =
        new com.crankuptheamps.client.Client("replay-" + System.nanoTime());
    private final List<Message> messages = new java.util.concurrent.CopyOnWriteArrayList<>();

    ReplayWithHeaders(String uri, String topic) throws Exception {
      client.connect(uri);
      client.logon();
      client.executeAsync(
          new com.crankuptheamps.client.Command("subscribe")
              .setTopic(topic)
              .setBookmark("0")
              .setSubId("h"),
          m -> {
            if (m.getCommand() == Message.Command.Publish) {
              messages.add(m.copy());
            }
          });
    }

    Message awaitFirst() {
      await().atMost(WAIT).until(() -> !messages.isEmpty());
      return messages.get(0);
    }

    @Override
    public void close() {
      client.close();
    }
  }

  @Test
  void theMemoryStoreReplaysWhatADroppedConnectionLost() throws Exception {
    AmpsTestServer amps = server(AmpsTestServer.builder());
    AmpsSinkCounters counters = new AmpsSinkCounters("k1");
    AmpsTransport t =
        transport(counters, "uri", amps.uri(), "clientName", "c", "pubStoreType", "memory");
    sendAndAwait(t, "t", 0, 1000);
    amps.delayPersistedAcks(Duration.ofSeconds(30));
    long first = 0;
    long last = 0;
    for (int i = 1000; i < 2000; i++) {
      last = t.send(publish("t", Integer.toString(i)));
      first = first == 0 ? last : first;
    }
    amps.dropAllConnections(); // the delayed acks die with the connection
    amps.delayPersistedAcks(Duration.ZERO);
    t.awaitAcknowledged(first, last, deadline(WAIT));
    assertEquals(1, counters.get(AmpsSinkCounters.RECONNECTS));
    try (ReplaySubscriber sub = ReplaySubscriber.replay(amps.uri(), "t")) {
      SequenceReport r = sub.awaitComplete(0, 2000, WAIT);
      assertEquals(0, r.missing(), r::toString);
    }
  }

  @Test
  void withoutAStoreABatchWhoseAcksWereLostFails() throws Exception {
    AmpsTestServer amps = server(AmpsTestServer.builder());
    AmpsTransport t = transport(new AmpsSinkCounters("k1"), "uri", amps.uri(), "clientName", "c");
    t.awaitLoggedOn(deadline(WAIT));
    amps.stall(Duration.ofSeconds(30));
    long first = t.send(publish("t", "1"));
    long last = t.send(publish("t", "2"));
    amps.dropAllConnections();
    AmpsDeliveryException e =
        assertThrows(
            AmpsDeliveryException.class, () -> t.awaitAcknowledged(first, last, deadline(WAIT)));
    assertTrue(e.getMessage().contains("lost before it acknowledged"), e::getMessage);
    amps.endStall();
    sendAndAwait(t, "t", 3, 10); // the transport recovers for the next batch
  }

  @Test
  void failsOverToTheSecondServerAndBackWhenTheFirstRefuses() throws Exception {
    AmpsTestServer a = server(AmpsTestServer.builder().name("a"));
    AmpsTestServer b = server(AmpsTestServer.builder().name("b").replicaOf(a));
    AmpsSinkCounters counters = new AmpsSinkCounters("k1");
    AmpsTransport t =
        transport(
            counters,
            "uri",
            null,
            "uri1",
            a.uri(),
            "uri2",
            b.uri(),
            "clientName",
            "c",
            "pubStoreType",
            "memory");
    sendAndAwait(t, "t", 0, 100);
    a.refuseConnections(Duration.ofMinutes(5));
    a.dropAllConnections();
    sendAndAwait(t, "t", 100, 200);
    assertEquals(1, b.connectionCount());
    assertTrue(counters.sinkCounter().getConnectionFailedCount() >= 1);
    try (ReplaySubscriber sub = ReplaySubscriber.replay(b.uri(), "t")) {
      SequenceReport r = sub.awaitComplete(0, 200, WAIT);
      assertEquals(0, r.missing(), r::toString);
    }
  }

  @Test
  void givesUpAfterTheReconnectTimeoutWithoutShowingThePassword() throws Exception {
    AmpsTestServer amps = server(AmpsTestServer.builder());
    String uri = amps.uri().replace("tcp://", "tcp://alice:pa55word@");
    amps.refuseConnections(Duration.ofMinutes(5));
    AmpsTransport t =
        transport(
            new AmpsSinkCounters("k1"),
            "uri",
            uri,
            "clientName",
            "c",
            "reconnectTimeout",
            "1500",
            "reconnectInitialDelay",
            "50",
            "reconnectMaxDelay",
            "200");
    long start = System.nanoTime();
    try (CapturedLog log = CapturedLog.open()) {
      AmpsDeliveryException e =
          assertThrows(AmpsDeliveryException.class, () -> t.awaitLoggedOn(deadline(WAIT)));
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(tookMillis >= 1400 && tookMillis < 20_000, "took " + tookMillis + " ms");
      String all = e + "\n" + e.getCause() + "\n" + log.text();
      assertTrue(e.getMessage().contains("reconnectTimeout"), e::getMessage);
      assertTrue(e.getMessage().contains("alice:***@"), e::getMessage);
      assertFalse(all.contains("pa55word"), all);
    }
  }

  @Test
  void closeWakesAWaitForAcknowledgementsAndEndsReconnecting() throws Exception {
    AmpsTestServer amps = server(AmpsTestServer.builder());
    ClientTransport t =
        transport(
            new AmpsSinkCounters("k1"),
            "uri",
            amps.uri(),
            "clientName",
            "c",
            "pubStoreType",
            "memory");
    t.awaitLoggedOn(deadline(WAIT));
    amps.delayPersistedAcks(Duration.ofMinutes(5));
    long token = t.send(publish("t", "x"));
    AtomicReference<Exception> ended = new AtomicReference<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                t.awaitAcknowledged(token, token, AmpsTransport.NO_DEADLINE);
              } catch (Exception e) {
                ended.set(e);
              }
            });
    waiter.start();
    t.close(100);
    await().atMost(Duration.ofSeconds(10)).until(() -> !waiter.isAlive());
    Exception e = ended.get();
    assertTrue(
        e instanceof AmpsDeliveryException && e.getMessage().contains("the sink is stopping"),
        "the endless wait must end with the sink-is-stopping error, it ended with: " + e);
    assertFalse(t.isLoggedOn());
  }
}
