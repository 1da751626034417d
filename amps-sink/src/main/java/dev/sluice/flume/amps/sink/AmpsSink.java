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

import dev.sluice.flume.common.sink.SinkTransactionTemplate;
import org.apache.flume.Context;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.FlumeException;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.conf.Configurable;
import org.apache.flume.sink.AbstractSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flume sink that publishes events to AMPS and commits a channel transaction only once AMPS has
 * acknowledged the batch, or once the batch sits in a durable file publish store that replays it. A
 * drop-in replacement for 60East's {@code com.crankuptheamps.flume.AMPSFlumeSink}: the same keys,
 * meanings and defaults, except that a failed write never commits ({@code rollbackOnError} defaults
 * to true) and bodies are not logged unless asked ({@code logMsgOnWriteError} defaults to false).
 * See docs/amps-sink.md.
 *
 * <pre>
 * a1.sinks.k1.type = dev.sluice.flume.amps.sink.AmpsSink
 * a1.sinks.k1.clientName = flume-k1
 * a1.sinks.k1.uri1 = tcp://amps-a:9007/amps/json
 * a1.sinks.k1.uri2 = tcp://amps-b:9007/amps/json
 * a1.sinks.k1.topic = orders
 * a1.sinks.k1.pubStoreType = file
 * a1.sinks.k1.pubStorePath = /var/lib/flume/k1.pubstore
 * </pre>
 */
public final class AmpsSink extends AbstractSink implements Configurable, BatchSizeSupported {
  private static final Logger LOG = LoggerFactory.getLogger(AmpsSink.class);

  private AmpsSinkConfig config;
  private AmpsSinkCounters counters;
  private ClientTransport transport;
  private AmpsBatchWriter writer;
  private SinkTransactionTemplate template;

  @Override
  public synchronized void configure(Context context) {
    config = AmpsSinkConfig.parse(getName(), context);
    if (counters == null) {
      counters = new AmpsSinkCounters(getName());
    }
  }

  @Override
  public synchronized void start() {
    if (config == null) {
      throw new FlumeException(getName() + ": start() before configure()");
    }
    ClientTransport t = new ClientTransport(config, counters, new ClientFactory(config));
    try {
      t.start();
    } catch (AmpsDeliveryException e) {
      t.close(0);
      throw new FlumeException(config.component + ": cannot start: " + e.getMessage(), e);
    }
    if (!config.flushEnabled() && !t.isDurableOnSend()) {
      t.close(0);
      throw new FlumeException(
          config.component
              + ": publishFlushTimeout = -1 needs a durable (file) publish store, and the client"
              + " from clientFactoryClass has none: the sink would commit before AMPS has the"
              + " batch");
    }
    transport = t;
    writer = new AmpsBatchWriter(config, t, counters, System::nanoTime);
    template = new SinkTransactionTemplate(getName(), counters.sinkCounter(), config.maxBatch);
    counters.transport(t);
    counters.sinkCounter().start();
    LOG.info(
        "{}: publishing to {} (topic {}, {} publish store, flush {}, maxBatch {})",
        config.component,
        config.redactedUris(),
        config.topic == null
            ? "from header '" + config.topicHeader + "'"
            : "'" + config.topic + "'",
        config.pubStoreType.word,
        config.flushEnabled()
            ? config.publishFlushTimeout == 0
                ? "without a time limit of its own"
                : "within " + config.publishFlushTimeout + " ms"
            : "off (the file store makes batches safe)",
        config.maxBatch);
    super.start();
  }

  @Override
  public synchronized void stop() {
    try {
      if (transport != null) {
        transport.close(config.stopTimeout);
      }
    } finally {
      transport = null;
      if (counters != null) {
        counters.transport(null);
        counters.sinkCounter().stop();
      }
      super.stop();
    }
  }

  @Override
  public Status process() throws EventDeliveryException {
    return template.process(getChannel(), writer);
  }

  @Override
  public long getBatchSize() {
    return config == null ? 1000 : config.maxBatch;
  }

  /** The sink's counters, for tests in this package. */
  AmpsSinkCounters counters() {
    return counters;
  }
}
