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
package dev.sluice.flume.amps.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.flume.ChannelException;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.channel.BasicChannelSemantics;
import org.apache.flume.channel.BasicTransactionSemantics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable Flume channel on one AMPS topic ({@code type =
 * dev.sluice.flume.amps.channel.AmpsChannel}).
 *
 * <p>Put: a transaction's events are encoded ({@link EventCodec}) and, at commit, published to the
 * topic; commit returns once AMPS has persisted every one, and fails with a {@link
 * ChannelException} when that takes longer than {@code putTimeout}. Rollback publishes nothing.
 *
 * <p>Take: a bookmark subscription fills a {@link Prefetch} of at most {@code capacity} events;
 * take returns them in topic order; commit discards exactly the taken events' bookmarks; rollback
 * puts them back at the head of the prefetch in order. After a crash the subscription resumes at
 * the oldest undiscarded event. See docs/amps-channel.md.
 */
public class AmpsChannel extends BasicChannelSemantics {
  private static final Logger LOG = LoggerFactory.getLogger(AmpsChannel.class);

  private final Function<AmpsChannel, ChannelTopic> topicFactory;
  private volatile AmpsChannelConfig config;
  private volatile AmpsChannelCounter counters;
  private volatile Prefetch<Delivery> prefetch;
  private volatile ChannelTopic topic;
  private volatile boolean taking;

  public AmpsChannel() {
    this(c -> new ClientTopic(c.config, c.counters, c.prefetch));
  }

  /** For unit tests: a fake topic. */
  AmpsChannel(Function<AmpsChannel, ChannelTopic> topicFactory) {
    this.topicFactory = topicFactory;
  }

  @Override
  public void configure(Context context) {
    // Flume logs an exception from configure() and drops the channel (and the components using
    // it); the agent keeps running. The message lists every problem.
    this.config = AmpsChannelConfig.parse(getName(), context);
    if (counters == null) {
      counters = new AmpsChannelCounter(getName());
    }
  }

  @Override
  public synchronized void start() {
    AmpsChannelConfig c = config;
    prefetch = new Prefetch<>(c.capacity);
    taking = false;
    counters.setChannelCapacity(c.capacity);
    counters.setChannelSize(0);
    counters.start();
    topic = topicFactory.apply(this);
    topic.start();
    super.start();
    LOG.info(
        "Channel '{}' (amps-channel) started: topic '{}' on {}, capacity {}, transactionCapacity {}",
        getName(),
        c.topic,
        c.redactedUris(),
        c.capacity,
        c.transactionCapacity);
  }

  @Override
  public synchronized void stop() {
    ChannelTopic t = topic;
    if (t != null) {
      t.close();
    }
    counters.setChannelSize(prefetch == null ? 0 : prefetch.size());
    counters.stop();
    super.stop();
    LOG.info(
        "Channel '{}' (amps-channel) stopped: {} events prefetched and not taken are taken again"
            + " after the next start (their bookmarks were not discarded)",
        getName(),
        prefetch == null ? 0 : prefetch.size());
  }

  @Override
  protected BasicTransactionSemantics createTransaction() {
    return new AmpsTransaction();
  }

  AmpsChannelCounter counters() {
    return counters;
  }

  /** The prefetch of the running channel (for a test's fake topic to deliver into). */
  Prefetch<Delivery> prefetch() {
    return prefetch;
  }

  private void updateSize() {
    counters.setChannelSize(prefetch.size());
    counters.publishStoreDepth(topic.publishStoreDepth());
  }

  /**
   * One thread's transaction: puts are held encoded until commit, takes are remembered for the
   * commit's discard or the rollback's return. A transaction may both put and take.
   */
  private final class AmpsTransaction extends BasicTransactionSemantics {
    private final List<byte[]> puts = new ArrayList<>();
    private final List<Delivery> takes = new ArrayList<>();

    @Override
    protected void doPut(Event event) throws InterruptedException {
      counters.incrementEventPutAttemptCount();
      if (puts.size() >= config.transactionCapacity) {
        throw new ChannelException(
            "Channel '"
                + getName()
                + "': more than transactionCapacity ("
                + config.transactionCapacity
                + ") puts in one transaction; raise transactionCapacity or lower the source's"
                + " batch size");
      }
      puts.add(EventCodec.encode(event));
    }

    @Override
    protected Event doTake() throws InterruptedException {
      counters.incrementEventTakeAttemptCount();
      if (takes.size() >= config.transactionCapacity) {
        throw new ChannelException(
            "Channel '"
                + getName()
                + "': more than transactionCapacity ("
                + config.transactionCapacity
                + ") takes in one transaction; raise transactionCapacity or lower the sink's"
                + " batch size");
      }
      if (!taking) {
        topic.startTaking();
        taking = true;
      }
      Delivery d = prefetch.poll(config.pollTimeoutMillis, TimeUnit.MILLISECONDS);
      if (d == null) {
        return null;
      }
      takes.add(d);
      return d.event;
    }

    @Override
    protected void doCommit() throws InterruptedException {
      if (!puts.isEmpty()) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.putTimeoutMillis);
        try {
          topic.publish(puts, deadline);
        } catch (InterruptedException e) {
          counters.putFailed();
          throw e;
        } catch (Exception e) {
          counters.putFailed();
          throw new ChannelException(
              "Channel '"
                  + getName()
                  + "': "
                  + puts.size()
                  + " events were not persisted by AMPS: "
                  + config.redactor.redact(String.valueOf(e)),
              e);
        }
        counters.addToEventPutSuccessCount(puts.size());
        puts.clear();
      }
      if (!takes.isEmpty()) {
        try {
          topic.discard(takes);
        } catch (Exception e) {
          throw new ChannelException(
              "Channel '"
                  + getName()
                  + "': discarding the bookmarks of "
                  + takes.size()
                  + " taken events failed: "
                  + e,
              e);
        }
        counters.addToEventTakeSuccessCount(takes.size());
        counters.discarded(takes.size());
        takes.clear();
      }
      updateSize();
    }

    @Override
    protected void doRollback() {
      puts.clear();
      if (!takes.isEmpty()) {
        prefetch.returnToHead(takes);
        counters.takesRolledBack(takes.size());
        takes.clear();
      }
      updateSize();
    }
  }
}
