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
package dev.sluice.flume.common.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Sink.Status;
import org.apache.flume.Transaction;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.conf.Configurables;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.instrumentation.SinkCounter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the template against Flume's real MemoryChannel (in-process; no network). */
class SinkTransactionTemplateTest {
  private MemoryChannel channel;
  private SinkCounter counter;
  private SinkTransactionTemplate template;

  @BeforeEach
  void setUp() {
    channel = new MemoryChannel();
    channel.setName("ch");
    Configurables.configure(
        channel,
        new Context(Map.of("capacity", "1000", "transactionCapacity", "100", "keep-alive", "0")));
    channel.start();
    counter = new SinkCounter("k1");
    template = new SinkTransactionTemplate("k1", counter, 10);
  }

  @Test
  void commitsAfterTheWriterReturnsAndCountsAFullBatch() throws Exception {
    put(25);
    List<String> written = new ArrayList<>();
    assertEquals(Status.READY, template.process(channel, events -> written.addAll(bodies(events))));
    assertEquals(bodies(0, 10), written);
    assertEquals(10, counter.getEventDrainAttemptCount());
    assertEquals(10, counter.getEventDrainSuccessCount());
    assertEquals(1, counter.getBatchCompleteCount());
    assertEquals(15, remaining());
  }

  @Test
  void countsUnderflowAndEmptyBatches() throws Exception {
    put(3);
    assertEquals(Status.READY, template.process(channel, events -> {}));
    assertEquals(1, counter.getBatchUnderflowCount());
    int[] idleCalls = {0};
    BatchWriter writer =
        new BatchWriter() {
          @Override
          public void write(List<Event> events) {
            throw new AssertionError("no events to write");
          }

          @Override
          public void idle() {
            idleCalls[0]++;
          }
        };
    assertEquals(Status.BACKOFF, template.process(channel, writer));
    assertEquals(1, counter.getBatchEmptyCount());
    assertEquals(1, idleCalls[0]);
  }

  @Test
  void rollsBackWhenTheWriterThrowsACheckedException() throws Exception {
    put(5);
    IOException failure = new IOException("disk full");
    EventDeliveryException e =
        assertThrows(
            EventDeliveryException.class,
            () ->
                template.process(
                    channel,
                    events -> {
                      throw failure;
                    }));
    assertSame(failure, e.getCause());
    assertTrue(e.getMessage().contains("k1: batch of 5 events not delivered"), e.getMessage());
    assertEquals(5, remaining(), "every event is back in the channel");
    assertEquals(0, counter.getEventDrainSuccessCount());
    assertEquals(1, counter.getEventWriteFail());
  }

  @Test
  void rollsBackOnUncheckedExceptionAndRedeliversTheSameEventsInOrder() throws Exception {
    put(5);
    assertThrows(
        EventDeliveryException.class,
        () ->
            template.process(
                channel,
                events -> {
                  throw new IllegalStateException("boom");
                }));
    List<String> written = new ArrayList<>();
    template.process(channel, events -> written.addAll(bodies(events)));
    assertEquals(bodies(0, 5), written);
  }

  @Test
  void rethrowsErrorsAfterRollingBack() {
    put(2);
    OutOfMemoryError oom = new OutOfMemoryError("test");
    assertSame(
        oom,
        assertThrows(
            OutOfMemoryError.class,
            () ->
                template.process(
                    channel,
                    events -> {
                      throw oom;
                    })));
    assertEquals(2, remaining());
  }

  @Test
  void keepsTheInterruptFlagWhenTheWriterIsInterrupted() {
    put(1);
    try {
      assertThrows(
          EventDeliveryException.class,
          () ->
              template.process(
                  channel,
                  events -> {
                    throw new InterruptedException();
                  }));
      assertTrue(Thread.interrupted(), "interrupt flag restored (and cleared here)");
    } finally {
      Thread.interrupted();
    }
    assertEquals(1, remaining());
  }

  @Test
  void countsAChannelFailureWhenTakeFails() {
    Channel broken = new FailingChannel(channel);
    assertThrows(EventDeliveryException.class, () -> template.process(broken, events -> {}));
    assertEquals(1, counter.getChannelReadFail());
  }

  private void put(int n) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    for (int i = 0; i < n; i++) {
      channel.put(EventBuilder.withBody(String.valueOf(i), StandardCharsets.UTF_8));
    }
    tx.commit();
    tx.close();
  }

  private int remaining() {
    Transaction tx = channel.getTransaction();
    tx.begin();
    int n = 0;
    while (channel.take() != null) {
      n++;
    }
    tx.rollback();
    tx.close();
    return n;
  }

  private static List<String> bodies(List<Event> events) {
    List<String> out = new ArrayList<>();
    for (Event e : events) {
      out.add(new String(e.getBody(), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static List<String> bodies(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(String.valueOf(i));
    }
    return out;
  }

  /** A channel whose take fails as a broken file channel's does. */
  private static final class FailingChannel extends MemoryChannel {
    private final MemoryChannel delegate;

    FailingChannel(MemoryChannel delegate) {
      this.delegate = delegate;
    }

    @Override
    public Transaction getTransaction() {
      return delegate.getTransaction();
    }

    @Override
    public Event take() {
      throw new org.apache.flume.ChannelException("take failed");
    }
  }
}
