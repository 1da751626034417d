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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.exception.AuthenticationException;
import com.crankuptheamps.client.exception.BadFilterException;
import com.crankuptheamps.client.exception.ConnectionRefusedException;
import com.crankuptheamps.client.exception.InvalidOptionsException;
import com.crankuptheamps.client.exception.InvalidTopicException;
import com.crankuptheamps.client.exception.NameInUseException;
import com.crankuptheamps.client.exception.SubidInUseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.flume.Channel;
import org.apache.flume.ChannelSelector;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.FlumeException;
import org.apache.flume.PollableSource.Status;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.channel.ReplicatingChannelSelector;
import org.apache.flume.lifecycle.LifecycleState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The source against a fake client: batching, commit-then-discard, refusals, stop, start-up. */
class AmpsSourceTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private final FakeAmps amps = new FakeAmps();
  private final List<String> journal = amps.journal;
  private final AtomicLong nanos = new AtomicLong();
  private final List<AmpsSource> started = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopSources() {
    for (AmpsSource s : started) {
      if (s.getLifecycleState() == LifecycleState.START) {
        s.stop();
      }
    }
  }

  private static Map<String, String> keys(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A configured source on the channels, not started. */
  private AmpsSource configured(Map<String, String> extra, Channel... channels) {
    Context ctx = new Context();
    ctx.put("clientName", "flume-test");
    ctx.put("uri", "tcp://127.0.0.1:9007/amps/json");
    ctx.put("topic", "orders");
    ctx.put("batchDurationMillis", "0");
    ctx.put("reconnectInitialDelay", "5");
    ctx.put("reconnectMaxDelay", "10");
    ctx.putAll(extra);
    AmpsSource source = new AmpsSource(System::currentTimeMillis, nanos::get, 5, amps::connection);
    source.setName("r1");
    source.configure(ctx);
    ChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(Arrays.asList(channels));
    source.setChannelProcessor(new ChannelProcessor(selector));
    return source;
  }

  private AmpsSource start(Map<String, String> extra, Channel... channels) {
    AmpsSource source = configured(extra, channels);
    source.start();
    started.add(source);
    assertEquals(LifecycleState.START, source.getLifecycleState(), "source started");
    return source;
  }

  private RecordingChannel channel(String name) {
    return new RecordingChannel(name, journal);
  }

  private static Map<String, String> bookmarks(String... more) {
    Map<String, String> m = keys(more);
    m.put("bookmarkLog", "unused-by-the-fake-factory.log");
    m.put("subscriptionId", "sub-1");
    return m;
  }

  private static List<String> bodies(List<Event> events) {
    return events.stream().map(e -> new String(e.getBody(), UTF_8)).collect(Collectors.toList());
  }

  private static List<String> expectedBodies(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add("{\"seq\":" + i + "}");
    }
    return out;
  }

  private static void processUntil(AmpsSource source, java.util.function.BooleanSupplier done)
      throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within " + DEADLINE);
      }
      source.process();
    }
  }

  /** The journal's commits and discards, in order. */
  private List<String> commitsAndDiscards() {
    return journal.stream()
        .filter(j -> j.startsWith("commit") || j.startsWith("discard"))
        .collect(Collectors.toList());
  }

  /** One poll that finds nothing: the polling thread discards what the receive thread left. */
  private static void idlePoll(AmpsSource source) throws Exception {
    assertEquals(Status.READY, source.process());
  }

  @Test
  void committedBatchesKeepOrderAndBookmarksAreDiscardedOnlyAfterTheirCommit() throws Exception {
    RecordingChannel c1 = channel("c1");
    AmpsSource source = start(bookmarks("maxBatch", "3"), c1);
    for (long seq = 1; seq <= 3; seq++) {
      amps.client().deliver(FakeAmps.publish(seq));
    }
    processUntil(source, () -> c1.committed.size() == 3);
    assertEquals(
        List.of(), amps.store.discarded(), "handed over for discarding, not yet discarded");

    amps.client().deliver(FakeAmps.publish(4)); // the receive thread discards before it goes on
    assertEquals(List.of(1L, 2L, 3L), amps.store.discarded());
    for (long seq = 5; seq <= 7; seq++) {
      amps.client().deliver(FakeAmps.publish(seq));
    }
    processUntil(source, () -> c1.committed.size() == 7);
    idlePoll(source); // no message comes: the polling thread discards

    assertEquals(expectedBodies(1, 7), bodies(c1.committed));
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), amps.store.discarded());
    assertTrue(
        amps.store.discardSubIds.stream().allMatch("sub-1"::equals),
        "discarded under the subscription id: " + amps.store.discardSubIds);
    List<String> flow = commitsAndDiscards();
    assertEquals(
        List.of(
            "commit:c1:3",
            "discard:1",
            "discard:2",
            "discard:3",
            "commit:c1:3",
            "commit:c1:1",
            "discard:4",
            "discard:5",
            "discard:6",
            "discard:7"),
        flow);
    assertEquals(7, source.counters().value(AmpsSourceCounters.BOOKMARKS_DISCARDED));
    assertEquals(3, source.counters().value(AmpsSourceCounters.BATCHES_COMMITTED));
    assertEquals(7, source.counters().flume().getEventAcceptedCount());
    assertEquals(7, source.counters().flume().getEventReceivedCount());
    assertEquals(1, source.counters().value(AmpsSourceCounters.SUBSCRIBED));
    source.stop();
    assertEquals(0, source.counters().value(AmpsSourceCounters.SUBSCRIBED));
  }

  @Test
  void thePollingThreadDiscardsWhatTheReceiveThreadLeftPastTheGracePeriod() throws Exception {
    RecordingChannel c1 = channel("c1");
    AmpsSource source = start(bookmarks("maxBatch", "3"), c1);
    for (long seq = 1; seq <= 9; seq++) { // all in the hand-off before the first commit
      amps.client().deliver(FakeAmps.publish(seq));
    }
    processUntil(source, () -> c1.committed.size() == 6);
    assertEquals(List.of(), amps.store.discarded(), "within the grace period");
    nanos.addAndGet(ClientSubscription.DISCARD_GRACE_NANOS);
    processUntil(source, () -> c1.committed.size() == 9);

    List<String> flow = commitsAndDiscards();
    assertEquals(
        List.of(
            "commit:c1:3",
            "commit:c1:3",
            "discard:1",
            "discard:2",
            "discard:3",
            "discard:4",
            "discard:5",
            "discard:6",
            "commit:c1:3"),
        flow);
    source.stop(); // discards the rest
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), amps.store.discarded());
    assertEquals(9, source.counters().value(AmpsSourceCounters.BOOKMARKS_DISCARDED));
  }

  @Test
  void aFailedDiscardOnTheReceiveThreadIsCountedAndTheRestAreStillDiscarded() throws Exception {
    RecordingChannel c1 = channel("c1");
    AmpsSource source = start(bookmarks("maxBatch", "2"), c1);
    amps.store.failDiscardOf.add(1L);
    amps.client().deliver(FakeAmps.publish(1));
    amps.client().deliver(FakeAmps.publish(2));
    processUntil(source, () -> c1.committed.size() == 2);
    amps.client().deliver(FakeAmps.publish(3)); // discards 1 (fails) and so skips 2
    amps.client().deliver(FakeAmps.publish(4));
    processUntil(source, () -> c1.committed.size() == 4);
    idlePoll(source);

    assertEquals(List.of(3L, 4L), amps.store.discarded());
    assertEquals(1, source.counters().value(AmpsSourceCounters.BOOKMARK_DISCARD_FAILURES));
    assertEquals(2, source.counters().value(AmpsSourceCounters.BOOKMARKS_DISCARDED));
    assertEquals(4, source.counters().flume().getEventAcceptedCount(), "every event still taken");
  }

  @Test
  void aChannelRefusingManyBatchesInARowLosesNothingAndKeepsOrder() throws Exception {
    RecordingChannel c1 = channel("c1");
    c1.refuseNext.set(25);
    AmpsSource source = start(bookmarks("maxBatch", "4"), c1);
    for (long seq = 1; seq <= 10; seq++) {
      amps.client().deliver(FakeAmps.publish(seq));
    }
    List<Status> statuses = new ArrayList<>();
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (c1.committed.size() < 10 && System.nanoTime() < deadline) {
      statuses.add(source.process());
    }

    assertEquals(expectedBodies(1, 10), bodies(c1.committed), "every event once, in order");
    assertEquals(25, c1.refusals.get());
    assertEquals(
        25, statuses.stream().filter(s -> s == Status.BACKOFF).count(), "BACKOFF per refusal");
    idlePoll(source);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), amps.store.discarded());
    assertTrue(
        journal.indexOf("discard:1") > journal.indexOf("commit:c1:4"),
        "the first discard follows the first commit: " + journal);
    assertEquals(25, source.counters().value(AmpsSourceCounters.CHANNEL_COMMIT_FAILURES));
    assertEquals(25, source.counters().flume().getChannelWriteFail());
  }

  @Test
  void aBatchIsRetriedWholeWhenOneOfTwoRequiredChannelsRefusesIt() throws Exception {
    RecordingChannel c1 = channel("c1");
    RecordingChannel c2 = channel("c2");
    c2.refuseNext.set(2); // 60East's source lost the batch after two refusals in a row
    AmpsSource source = start(bookmarks("maxBatch", "5"), c1, c2);
    for (long seq = 1; seq <= 5; seq++) {
      amps.client().deliver(FakeAmps.publish(seq));
    }
    processUntil(source, () -> c2.committed.size() == 5);

    assertEquals(expectedBodies(1, 5), bodies(c2.committed));
    // c1 took the batch on each of the three attempts: at least once, never less.
    assertEquals(15, c1.committed.size());
    idlePoll(source);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), amps.store.discarded());
    int lastRefusal = journal.lastIndexOf("refuse:c2");
    assertTrue(journal.indexOf("discard:1") > lastRefusal, "no discard before the commit");
  }

  @Test
  void aRetrySendsTheMessagesAsReceivedWhateverTheRefusedAttemptDidToItsEvents() throws Exception {
    RecordingChannel changing = channel("c1");
    RecordingChannel c2 = channel("c2");
    changing.onPut =
        e -> {
          if (c2.refusals.get() == 0) {
            e.setBody("changed".getBytes(UTF_8));
            e.getHeaders().put("changed", "by the first attempt");
          }
        };
    c2.refuseNext.set(1);
    AmpsSource source = start(bookmarks("maxBatch", "3"), changing, c2);
    for (long seq = 1; seq <= 3; seq++) {
      amps.client().deliver(FakeAmps.publish(seq));
    }
    processUntil(source, () -> c2.committed.size() == 3);

    assertEquals(1, c2.refusals.get());
    assertEquals(expectedBodies(1, 3), bodies(c2.committed), "the retry's events are fresh");
    assertTrue(
        c2.committed.stream().noneMatch(e -> e.getHeaders().containsKey("changed")),
        "no header of the refused attempt");
    idlePoll(source);
    assertEquals(List.of(1L, 2L, 3L), amps.store.discarded());
  }

  @Test
  void eventsAlwaysCarryAMutableHeaderMap() throws Exception {
    RecordingChannel c1 = channel("c1");
    AmpsSource source = start(keys(), c1);
    amps.client().deliver(FakeAmps.publish(0));
    processUntil(source, () -> c1.committed.size() == 1);

    Map<String, String> headers = c1.committed.get(0).getHeaders();
    assertNotNull(headers, "a header map even without eventHeaders");
    assertTrue(headers.isEmpty());
    headers.put("added", "by an interceptor"); // must not throw
    assertEquals(List.of(), amps.store.discarded(), "nothing to discard without bookmarks");
  }

  @Test
  void bodiesPassThroughByteForByte() throws Exception {
    RecordingChannel c1 = channel("c1");
    AmpsSource source = start(keys(), c1);
    byte[] body = new byte[256];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i; // not valid UTF-8: nothing may decode and re-encode it
    }
    byte[] sent = body.clone();
    amps.client().deliver(FakeAmps.publish(0, body));
    Arrays.fill(body, (byte) 0); // the client reuses its buffers after the handler returns
    processUntil(source, () -> c1.committed.size() == 1);

    assertArrayEquals(sent, c1.committed.get(0).getBody());
  }

  @Test
  void eventHeadersCarryTheConfiguredMessageFields() throws Exception {
    RecordingChannel c1 = channel("c1");
    AmpsSource source = start(keys("eventHeaders", "topic, length,command,sowKey"), c1);
    amps.client().deliver(FakeAmps.publish(0));
    processUntil(source, () -> c1.committed.size() == 1);

    Map<String, String> expected = new HashMap<>();
    expected.put("topic", "orders");
    expected.put("length", "9");
    expected.put("command", "publish");
    assertEquals(expected, c1.committed.get(0).getHeaders(), "no sowKey: a publish has none");
  }

  @Test
  void filteredCommandTypesNeverReachTheChannelsButTheirBookmarksAreDiscardedInTurn()
      throws Exception {
    RecordingChannel c1 = channel("c1");
    AmpsSource source = start(bookmarks("cmdTypeFilter", "publish,sow", "maxBatch", "10"), c1);
    Message oof = FakeAmps.publish(2);
    oof.setCommand(Message.Command.OOF);
    Message delta = FakeAmps.publish(0);
    delta.setCommand(Message.Command.DeltaPublish);
    amps.client().deliver(FakeAmps.publish(1));
    amps.client().deliver(oof);
    amps.client().deliver(delta);
    amps.client().deliver(FakeAmps.publish(3));
    processUntil(source, () -> amps.store.discarded().size() == 3);

    assertEquals(List.of("{\"seq\":1}", "{\"seq\":3}"), bodies(c1.committed));
    assertEquals(List.of(1L, 2L, 3L), amps.store.discarded());
    assertEquals(2, source.counters().value(AmpsSourceCounters.MESSAGES_FILTERED));
    assertEquals(4, source.counters().value(AmpsSourceCounters.MESSAGES_RECEIVED));
    assertEquals(2, source.counters().flume().getEventReceivedCount());
  }

  @Test
  void aPartialBatchWaitsForBatchDurationThenGoes() throws Exception {
    RecordingChannel c1 = channel("c1");
    AmpsSource source = start(keys("maxBatch", "100", "batchDurationMillis", "1000"), c1);
    amps.client().deliver(FakeAmps.publish(0));
    amps.client().deliver(FakeAmps.publish(0));

    assertEquals(Status.READY, source.process());
    assertTrue(c1.committed.isEmpty(), "the oldest message waited 0 of 1000 ms");
    nanos.addAndGet(Duration.ofMillis(999).toNanos());
    source.process();
    assertTrue(c1.committed.isEmpty(), "999 of 1000 ms");
    nanos.addAndGet(Duration.ofMillis(1).toNanos());
    assertEquals(Status.READY, source.process());
    assertEquals(2, c1.committed.size(), "a quiet topic does not hold messages back");
  }

  @Test
  void aFullHandOffPausesTheReceiveThreadAndStopReleasesItWithoutAcknowledging() throws Exception {
    RecordingChannel c1 = channel("c1");
    AmpsSource source = start(bookmarks("maxBatch", "2", "maxBuffers", "2"), c1);
    Thread receiver =
        new Thread(
            () -> {
              for (long seq = 1; seq <= 10; seq++) {
                amps.client().deliver(FakeAmps.publish(seq));
              }
            },
            "fake-amps-receive");
    receiver.start();
    await()
        .atMost(DEADLINE)
        .until(() -> source.counters().value(AmpsSourceCounters.HANDOFF_WAITS) >= 1);
    await().atMost(DEADLINE).until(() -> receiver.getState() == Thread.State.WAITING);
    assertEquals(4, source.counters().value(AmpsSourceCounters.HANDOFF_EVENTS), "bounded");
    assertEquals(100, source.counters().value(AmpsSourceCounters.HANDOFF_FILL_PERCENT));

    source.stop();
    receiver.join(DEADLINE.toMillis());
    assertFalse(receiver.isAlive(), "stop() released the receive thread");

    // What the buffer held went to the channel at stop and only that was acknowledged.
    assertEquals(expectedBodies(1, 4), bodies(c1.committed));
    assertEquals(List.of(1L, 2L, 3L, 4L), amps.store.discarded());
    assertEquals(6, source.counters().value(AmpsSourceCounters.MESSAGES_NOT_ACCEPTED));
  }

  @Test
  void anInterruptedReceiveThreadKeepsItsInterruptAndNothingIsAcknowledged() throws Exception {
    RecordingChannel c1 = channel("c1");
    AmpsSource source = start(bookmarks("maxBatch", "1", "maxBuffers", "1"), c1);
    amps.client().deliver(FakeAmps.publish(1)); // fills the hand-off
    AtomicLong interruptedAfter = new AtomicLong(-1);
    Thread receiver =
        new Thread(
            () -> {
              amps.client().deliver(FakeAmps.publish(2));
              interruptedAfter.set(Thread.currentThread().isInterrupted() ? 1 : 0);
            });
    receiver.start();
    await().atMost(DEADLINE).until(() -> receiver.getState() == Thread.State.WAITING);
    receiver.interrupt();
    receiver.join(DEADLINE.toMillis());

    assertEquals(1, interruptedAfter.get(), "the interrupt is passed on, not swallowed");
    assertEquals(1, source.counters().value(AmpsSourceCounters.MESSAGES_NOT_ACCEPTED));
    processUntil(source, () -> c1.committed.size() == 1);
    idlePoll(source);
    assertEquals(List.of(1L), amps.store.discarded());
  }

  @Test
  void anInterruptedPollKeepsTheInterrupt() throws Exception {
    AmpsSource source = start(keys(), channel("c1"));
    Thread.currentThread().interrupt();
    try {
      assertEquals(Status.BACKOFF, source.process());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void stopUnsubscribesThenClosesTheClientAndItsBookmarkStore() throws Exception {
    AmpsSource source = start(bookmarks("pruneTimeThreshold", "0"), channel("c1"));
    source.stop();

    List<String> end = journal.subList(journal.indexOf("subscribe"), journal.size());
    assertEquals(List.of("subscribe", "unsubscribe", "close-client", "close-store"), end);
    assertTrue(amps.client().closed);
    assertTrue(amps.store.closed);
    assertFalse(
        Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().startsWith("amps-source-r1-")),
        "no thread of the source is left");
  }

  @Test
  void theSubscribeCommandCarriesTheConfiguredSettings() {
    start(
        bookmarks(
            "command", "sow_and_subscribe",
            "filter", "/symbol IN ('IBM', 'MSFT')",
            "options", "projection=[/symbol],grouping=[/symbol],conflation=1s"),
        channel("c1"));
    com.crankuptheamps.client.Command command = amps.client().command;

    assertEquals(Message.Command.SOWAndSubscribe, command.getCommand());
    assertEquals("orders", command.getTopic());
    assertEquals("/symbol IN ('IBM', 'MSFT')", command.getFilter());
    assertEquals("projection=[/symbol],grouping=[/symbol],conflation=1s", command.getOptions());
    assertEquals("sub-1", command.getSubId().toString());
    assertEquals("recent", command.getBookmark(), "resume from the last discarded bookmark");
    assertEquals("flume-test", amps.factoryCalls.get(0).getProperty("clientName"));
  }

  @Test
  void startsWhileNoServerAnswersAndSubscribesOnceOneDoes() {
    amps.factoryFailures.add(
        new RuntimeException(new ConnectionRefusedException("Unable to connect to AMPS")));
    amps.factoryFailures.add(
        new RuntimeException(new ConnectionRefusedException("Unable to connect to AMPS")));
    AmpsSource source = start(keys(), channel("c1"));

    await().atMost(DEADLINE).until(() -> journal.contains("subscribe"));
    assertEquals(3, amps.factoryCalls.size());
    assertEquals(2, source.counters().value(AmpsSourceCounters.CONNECT_FAILURES));
  }

  @Test
  void serverRefusalsAtStartAreStartupErrorsNamingTheKey() {
    assertStartFails(
        () -> amps.subscribeFailure = new BadFilterException("bad filter"),
        "filter = '/x =='",
        "rejected the filter");
    assertStartFails(
        () -> amps.subscribeFailure = new InvalidTopicException("invalid topic"),
        "topic = 'orders'",
        "rejected the topic");
    assertStartFails(
        () -> amps.subscribeFailure = new SubidInUseException("subid in use"),
        "subscriptionId = 'sub-1'",
        "subscription id");
    assertStartFails(
        () -> amps.subscribeFailure = new InvalidOptionsException("invalid options"),
        "options = 'conflation=banana'",
        "rejected the options");
    assertStartFails(
        () ->
            amps.factoryFailures.add(
                new RuntimeException(
                    new com.crankuptheamps.client.exception.ConnectionException(
                        "logon failed", new NameInUseException("name in use")))),
        "clientName = 'flume-test'",
        "in use");
  }

  private void assertStartFails(Runnable failure, String keyAndValue, String explanation) {
    amps.subscribeFailure = null;
    amps.factoryFailures.clear();
    failure.run();
    AmpsSource source =
        configured(bookmarks("filter", "/x ==", "options", "conflation=banana"), channel("c1"));
    FlumeException e = assertThrows(FlumeException.class, source::doStart);
    assertTrue(e.getMessage().contains(keyAndValue), e.getMessage());
    assertTrue(e.getMessage().contains(explanation), e.getMessage());
    assertFalse(
        Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().equals("amps-source-r1-connector") && t.isAlive()),
        "a failed start leaves no connector thread");
  }

  @Test
  void stopAfterAFailedStartClosesNothingTwice() {
    amps.subscribeFailure = new BadFilterException("bad filter");
    AmpsSource source = configured(bookmarks(), channel("c1"));
    source.start(); // Flume's start: logs the error, the source is in ERROR
    assertEquals(LifecycleState.ERROR, source.getLifecycleState());
    source.stop();

    assertEquals(1, journal.stream().filter("close-client"::equals).count(), journal.toString());
    assertEquals(1, journal.stream().filter("close-store"::equals).count(), journal.toString());
  }

  @Test
  void passwordsNeverAppearInStartupErrors() {
    amps.factoryFailures.add(
        new RuntimeException(
            "Failed to create AMPS client: tcp://flume:s3cret@127.0.0.1:9007/amps/json",
            new AuthenticationException("auth failure")));
    AmpsSource source =
        configured(keys("uri", "tcp://flume:s3cret@127.0.0.1:9007/amps/json"), channel("c1"));
    FlumeException e = assertThrows(FlumeException.class, source::doStart);

    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t).append('\n');
    }
    assertFalse(all.toString().contains("s3cret"), all.toString());
    assertTrue(all.toString().contains("tcp://flume:***@127.0.0.1:9007"), all.toString());
    assertTrue(e.getMessage().contains("credentials"), e.getMessage());
  }

  @Test
  void tellsItsConnectionOnceSubscribedAndAgainWhenStopping() {
    AmpsSource source = start(keys(), channel("c1"));
    await().atMost(DEADLINE).until(() -> amps.connectionCalls.contains("running"));
    assertFalse(amps.connectionCalls.contains("close"), amps.connectionCalls::toString);
    source.stop();
    assertEquals("running", amps.connectionCalls.get(0), amps.connectionCalls::toString);
    assertTrue(amps.connectionCalls.contains("close"), "stop() ends the reconnect waits");
  }

  @Test
  void reportsMaxBatchAsItsBatchSizeSoFlumeChecksChannelCapacity() {
    AmpsSource source = configured(keys("maxBatch", "2500"), channel("c1"));
    assertEquals(2500, source.getBatchSize());
  }
}
