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
package dev.sluice.flume.sink.file;

import dev.sluice.flume.common.sink.SinkTransactionTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.flume.Context;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.FlumeException;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.conf.Configurable;
import org.apache.flume.sink.AbstractSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flume sink that writes each event to the file its header names, under a base directory.
 *
 * <pre>
 * a1.sinks.k1.type = dev.sluice.flume.sink.file.HeaderFilenameSink
 * a1.sinks.k1.sink.directory = /var/log/flume
 * a1.sinks.k1.sink.header = file        # an event with file=web/access.log goes to web/access.log
 * </pre>
 *
 * <p>Files are written under an in-use name and renamed when finished (rolled by time, size or
 * count, idle, or closed to stay under {@code sink.maxOpenFiles}). A batch commits only once every
 * file it touched is flushed. Paths are checked: nothing is written outside the base directory, and
 * refused events follow {@code sink.refusedEventPolicy}. On start, in-use files left by a crash are
 * finished. See {@code docs/header-filename-sink.md} for every key.
 */
public final class HeaderFilenameSink extends AbstractSink
    implements Configurable, BatchSizeSupported {
  private static final Logger LOG = LoggerFactory.getLogger(HeaderFilenameSink.class);

  private final LongSupplier clock;
  private final OutputFiles outputs;

  private HeaderFilenameSinkConfig config;
  private FileSinkCounters counters;
  private volatile FileTable table;
  private GzipMemberOutputStream.DeflaterPool deflaters;
  private FileBatchWriter writer;
  private SinkTransactionTemplate template;
  private final List<DirectoryLock> locks = new ArrayList<>();

  public HeaderFilenameSink() {
    this(System::currentTimeMillis, OutputFiles.DISK);
  }

  /** For tests: a fake clock, and files that can be made to fail. */
  HeaderFilenameSink(LongSupplier clock, OutputFiles outputs) {
    this.clock = clock;
    this.outputs = outputs;
  }

  @Override
  public void configure(Context context) {
    config = HeaderFilenameSinkConfig.parse(getName(), context);
    if (counters == null) {
      counters =
          new FileSinkCounters(
              getName(),
              () -> {
                FileTable t = table;
                return t == null ? 0 : t.openCount();
              });
    }
  }

  @Override
  public long getBatchSize() {
    return config.batchSize;
  }

  @Override
  public synchronized void start() {
    if (config == null) {
      throw new IllegalStateException("sink " + getName() + " started before configure()");
    }
    counters.flumeCounter().start(); // before recovery: start() zeroes the counters
    try {
      Path base = prepare(config.directory);
      Path deadLetter =
          config.deadLetterDirectory == null ? null : prepare(config.deadLetterDirectory);
      FileNaming naming = config.naming();
      Publisher publisher = new Publisher(naming, config.sync);
      InUseRecovery recovery =
          new InUseRecovery(
              naming, publisher, config.compression, config.recordFraming, config.sync, counters);
      int recovered = recovery.recover(base);
      if (deadLetter != null) {
        recovered += recovery.recover(deadLetter);
      }
      if (recovered > 0) {
        LOG.info(
            "Sink '{}': recovered {} in-use file(s) left by the last run", getName(), recovered);
      }
      deflaters =
          config.compression == Compression.GZIP
              ? new GzipMemberOutputStream.DeflaterPool(6)
              : null;
      table =
          new FileTable(
              config.rules(),
              new DirectoryGuard(config.sync),
              naming,
              outputs,
              deflaters,
              config.serializerType,
              config.serializerContext,
              publisher,
              counters);
      PathResolver resolver =
          new PathResolver(
              config.header,
              config.pathTemplate,
              naming,
              config.maxPathLength,
              clock,
              Math.min(Math.max(2 * config.maxOpenFiles, 1024), 100_000));
      writer =
          new FileBatchWriter(
              getName(),
              base,
              deadLetter,
              resolver,
              table,
              config.refusedEventPolicy,
              config.defaultFile,
              config.sync,
              counters,
              clock);
      template = new SinkTransactionTemplate(getName(), counters.flumeCounter(), config.batchSize);
    } catch (IOException | RuntimeException e) {
      releaseLocks();
      counters.flumeCounter().stop();
      throw new FlumeException(
          "Sink '" + getName() + "' cannot start writing under " + config.directory + ": " + e, e);
    }
    super.start();
    LOG.info("Sink '{}' writing under {}", getName(), config.directory);
  }

  /** Creates a root directory if missing, locks it, and returns its real path. */
  private Path prepare(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path real = dir.toRealPath();
    locks.add(DirectoryLock.acquire(real, getName()));
    return real;
  }

  @Override
  public Status process() throws EventDeliveryException {
    return template.process(getChannel(), writer);
  }

  @Override
  public synchronized void stop() {
    if (table != null) {
      table.closeAll();
      table = null;
    }
    if (deflaters != null) {
      deflaters.close();
      deflaters = null;
    }
    releaseLocks();
    if (counters != null) {
      counters.flumeCounter().stop();
    }
    super.stop();
    LOG.info("Sink '{}' stopped", getName());
  }

  private void releaseLocks() {
    for (DirectoryLock lock : locks) {
      try {
        lock.close();
      } catch (IOException e) {
        LOG.warn("Sink '{}': could not release a directory lock", getName(), e);
      }
    }
    locks.clear();
  }

  /** The counters, for tests in this package. */
  FileSinkCounters counters() {
    return counters;
  }

  @Override
  public String toString() {
    return "HeaderFilenameSink " + getName();
  }
}
