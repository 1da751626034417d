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

import static dev.sluice.flume.amps.sink.Configs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Message;
import dev.sluice.flume.common.sink.SinkTransactionTemplate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Transaction;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.conf.Configurables;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.Test;

class AmpsBatchWriterTest {
  private final FakeTransport transport = new FakeTransport();
  private final long[] clock = {1_000_000_000L};

  private AmpsBatchWriter writer(AmpsSinkConfig c, AmpsSinkCounters counters) {
    return new AmpsBatchWriter(c, transport, counters, () -> clock[0]);
  }

  private static Event event(String body, String... headers) {
    Map<String, String> h = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    return EventBuilder.withBody(body.getBytes(StandardCharsets.UTF_8), h);
  }

  private static List<Event> events(int n, String... headers) {
    List<Event> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(event("{\"seq\":" + i + "}", headers));
    }
    return list;
  }

  @Test
  void returnsOnlyAfterAmpsAcknowledgedTheWholeBatch() throws Exception {
    AmpsSinkCounters counters = new AmpsSinkCounters("k1");
    writer(config("topic", "t"), counters).write(events(3));
    assertEquals(3, transport.sent.size());
    assertEquals(1, transport.awaited.size());
    long[] wait = transport.awaited.get(0);
    assertEquals(1000, wait[0], "from the batch's first message");
    assertEquals(1002, wait[1], "to its last");
    assertEquals(
        AmpsTransport.NO_DEADLINE, wait[2], "publishFlushTimeout = 0: no limit of its own");
    assertEquals(3, counters.get(AmpsSinkCounters.PUBLISHED));
    assertEquals(1, counters.get(AmpsSinkCounters.FLUSHES));
  }

  @Test
  void boundsTheFlushByPublishFlushTimeout() throws Exception {
    writer(config("topic", "t", "publishFlushTimeout", "250"), new AmpsSinkCounters("k1"))
        .write(events(1));
    assertEquals(clock[0] + TimeUnit.MILLISECONDS.toNanos(250), transport.awaited.get(0)[2]);
  }

  @Test
  void aFlushTimeoutFailsTheBatchAndIsCounted() {
    AmpsSinkCounters counters = new AmpsSinkCounters("k1");
    transport.acknowledge = false;
    AmpsBatchWriter w = writer(config("topic", "t", "publishFlushTimeout", "100"), counters);
    assertThrows(FlushTimeoutException.class, () -> w.write(events(2)));
    assertEquals(1, counters.get(AmpsSinkCounters.FLUSH_TIMEOUTS));
  }

  @Test
  void withoutAFlushADurableStoreMakesTheBatchSafeAtOnce() throws Exception {
    transport.durable = true;
    AmpsSinkConfig c =
        config(
            "topic", "t", "pubStoreType", "file", "pubStorePath", "x", "publishFlushTimeout", "-1");
    writer(c, new AmpsSinkCounters("k1")).write(events(5));
    assertEquals(5, transport.sent.size());
    assertTrue(transport.awaited.isEmpty(), "no wait for acknowledgements");
  }

  @Test
  void anEventWithNoTopicIsDroppedCountedAndLoggedWithoutItsBody() throws Exception {
    AmpsSinkCounters counters = new AmpsSinkCounters("k1");
    try (CapturedLog log = CapturedLog.open()) {
      writer(config(), counters).write(List.of(event("secret-body-1"), event("ok", "topic", "t")));
      assertEquals(List.of("t"), transport.sentTopics());
      assertEquals(1, counters.get(AmpsSinkCounters.UNPUBLISHABLE));
      assertEquals(1, counters.get(AmpsSinkCounters.DROPPED));
      assertTrue(log.text().contains("no topic"), log::text);
      assertTrue(log.text().contains("dropped (unpublishablePolicy = drop)"), log::text);
      assertFalse(log.text().contains("secret-body-1"), log::text);
    }
  }

  @Test
  void logsTheBodyOfAnUnpublishableEventOnlyWhenAskedTo() throws Exception {
    try (CapturedLog log = CapturedLog.open()) {
      writer(config("logMsgOnWriteError", "true"), new AmpsSinkCounters("k1"))
          .write(List.of(event("visible-body")));
      assertTrue(log.text().contains("body: visible-body"), log::text);
    }
  }

  @Test
  void aMessageAmpsRefusesIsDroppedAndCountedNotRetried() throws Exception {
    AmpsSinkCounters counters = new AmpsSinkCounters("k1");
    transport.refusedTopics.put("bad", Message.Reason.NotEntitled);
    writer(config("topic", "t"), counters)
        .write(List.of(event("a"), event("b", "topic", "bad"), event("c")));
    assertEquals(List.of("t", "bad", "t"), transport.sentTopics());
    assertEquals(1, counters.get(AmpsSinkCounters.FAILED_WRITES));
    assertEquals(1, counters.get(AmpsSinkCounters.UNPUBLISHABLE));
    assertEquals(1, counters.get(AmpsSinkCounters.DROPPED));
  }

  @Test
  void deadLettersUnpublishableAndRefusedEvents() throws Exception {
    AmpsSinkCounters counters = new AmpsSinkCounters("k1");
    transport.refusedTopics.put("bad", Message.Reason.BadSowKey);
    AmpsSinkConfig c = config("unpublishablePolicy", "deadLetter", "deadLetterTopic", "dead");
    writer(c, counters)
        .write(
            List.of(
                event("no-topic"), event("refused", "topic", "bad"), event("ok", "topic", "t")));
    assertEquals(List.of("bad", "t", "dead", "dead"), transport.sentTopics());
    assertEquals("no-topic", new String(transport.sent.get(2).body, StandardCharsets.UTF_8));
    assertEquals("refused", new String(transport.sent.get(3).body, StandardCharsets.UTF_8));
    assertEquals(2, counters.get(AmpsSinkCounters.UNPUBLISHABLE));
    assertEquals(2, counters.get(AmpsSinkCounters.DEAD_LETTERED));
    assertEquals(0, counters.get(AmpsSinkCounters.DROPPED));
    assertEquals(2, transport.awaited.size(), "the dead letters are awaited too");
  }

  @Test
  void aDeadLetterThatIsRefusedTooIsDroppedAndCounted() throws Exception {
    AmpsSinkCounters counters = new AmpsSinkCounters("k1");
    transport.refusedTopics.put("bad", Message.Reason.InvalidTopic);
    transport.refusedTopics.put("dead", Message.Reason.NotEntitled);
    AmpsSinkConfig c = config("unpublishablePolicy", "deadLetter", "deadLetterTopic", "dead");
    writer(c, counters).write(List.of(event("x", "topic", "bad")));
    assertEquals(List.of("bad", "dead"), transport.sentTopics());
    assertEquals(2, counters.get(AmpsSinkCounters.FAILED_WRITES));
    assertEquals(1, counters.get(AmpsSinkCounters.UNPUBLISHABLE));
    assertEquals(1, counters.get(AmpsSinkCounters.DROPPED));
    assertEquals(0, counters.get(AmpsSinkCounters.DEAD_LETTERED));
  }

  @Test
  void aTransientServerFailureRollsTheBatchBack() {
    AmpsSinkCounters counters = new AmpsSinkCounters("k1");
    transport.failTransiently("t");
    AmpsBatchWriter w = writer(config("topic", "t"), counters);
    AmpsDeliveryException e = assertThrows(AmpsDeliveryException.class, () -> w.write(events(1)));
    assertTrue(e.getMessage().contains("rollbackOnError = true"), e::getMessage);
    assertEquals(0, counters.get(AmpsSinkCounters.DROPPED));
  }

  @Test
  void rollbackOnErrorFalseCommitsATransientFailureAsCountedLoss() throws Exception {
    AmpsSinkCounters counters = new AmpsSinkCounters("k1");
    transport.failTransiently("t");
    writer(config("topic", "t", "rollbackOnError", "false"), counters).write(events(2));
    assertEquals(2, counters.get(AmpsSinkCounters.FAILED_WRITES));
    assertEquals(2, counters.get(AmpsSinkCounters.DROPPED));
  }

  @Test
  void aDuplicateAcknowledgementCountsAsDelivered() throws Exception {
    AmpsSinkCounters counters = new AmpsSinkCounters("k1");
    transport.refusedTopics.put("t", Message.Reason.Duplicate);
    writer(config("topic", "t"), counters).write(events(2));
    assertEquals(2, counters.get(AmpsSinkCounters.DUPLICATES));
    assertEquals(0, counters.get(AmpsSinkCounters.FAILED_WRITES));
    assertEquals(0, counters.get(AmpsSinkCounters.UNPUBLISHABLE));
  }

  @Test
  void failedWritesReportedAfterTheirBatchAreCountedWhenIdle() throws Exception {
    AmpsSinkCounters counters = new AmpsSinkCounters("k1");
    AmpsBatchWriter w = writer(config("topic", "t"), counters);
    w.write(events(1));
    transport.reportLate(1000, Message.Reason.NotEntitled);
    try (CapturedLog log = CapturedLog.open()) {
      w.idle();
      assertEquals(1, counters.get(AmpsSinkCounters.FAILED_WRITES));
      assertTrue(log.text().contains("earlier batch"), log::text);
    }
  }

  @Test
  void skipsARepublishLoopAndCountsIt() throws Exception {
    AmpsSinkCounters counters = new AmpsSinkCounters("k1");
    writer(config(), counters)
        .write(
            List.of(
                event("mine", "topic", "orders", "bookmark", "4242|9|"),
                event("theirs", "topic", "orders", "bookmark", "17|9|")));
    assertEquals(1, transport.sent.size());
    assertEquals("theirs", new String(transport.sent.get(0).body, StandardCharsets.UTF_8));
    assertEquals(1, counters.get(AmpsSinkCounters.REPUBLISH_LOOPS));
  }

  @Test
  void republishesALoopWhenToldToButStillCountsIt() throws Exception {
    AmpsSinkCounters counters = new AmpsSinkCounters("k1");
    writer(config("republishLoopPolicy", "publish"), counters)
        .write(List.of(event("mine", "topic", "orders", "bookmark", "4242|9|")));
    assertEquals(1, transport.sent.size());
    assertEquals(1, counters.get(AmpsSinkCounters.REPUBLISH_LOOPS));
  }

  @Test
  void aSendFailureFailsTheBatch() {
    transport.sendFailure = new AmpsDeliveryException("disconnected");
    AmpsBatchWriter w = writer(config("topic", "t"), new AmpsSinkCounters("k1"));
    assertThrows(AmpsDeliveryException.class, () -> w.write(events(1)));
  }

  @Test
  void aBatchOfOnlyUnpublishableEventsNeedsNoConnection() throws Exception {
    transport.connectFailure = new AmpsDeliveryException("server down");
    writer(config(), new AmpsSinkCounters("k1")).write(events(3));
    assertEquals(0, transport.logonWaits);
  }

  @Test
  void aFailedBatchStaysInTheChannelAndIsTakenAgain() throws Exception {
    MemoryChannel channel = new MemoryChannel();
    channel.setName("ch");
    Configurables.configure(channel, new Context());
    channel.start();
    try {
      Transaction tx = channel.getTransaction();
      tx.begin();
      for (Event e : events(4)) {
        channel.put(e);
      }
      tx.commit();
      tx.close();

      AmpsSinkCounters counters = new AmpsSinkCounters("k1");
      SinkTransactionTemplate template =
          new SinkTransactionTemplate("k1", counters.sinkCounter(), 4);
      AmpsBatchWriter w = writer(config("topic", "t", "publishFlushTimeout", "100"), counters);
      transport.acknowledge = false;
      assertThrows(EventDeliveryException.class, () -> template.process(channel, w));
      transport.acknowledge = true;
      transport.sent.clear();
      template.process(channel, w);
      assertEquals(4, transport.sent.size(), "the same four events, taken again");
      assertEquals("{\"seq\":0}", new String(transport.sent.get(0).body, StandardCharsets.UTF_8));
      assertEquals(4, counters.sinkCounter().getEventDrainSuccessCount());
    } finally {
      channel.stop();
    }
  }
}
