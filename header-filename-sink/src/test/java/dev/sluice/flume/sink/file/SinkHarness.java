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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Sink.Status;
import org.apache.flume.Transaction;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.conf.Configurables;
import org.apache.flume.event.EventBuilder;

/** A sink on a memory channel with a fake clock, for tests that run in one thread. */
final class SinkHarness implements AutoCloseable {
  static final long START = 1_700_000_000_000L;

  final Path base;
  final AtomicLong now = new AtomicLong(START);
  final MemoryChannel channel = new MemoryChannel();
  final HeaderFilenameSink sink;
  private boolean started;

  SinkHarness(Path base, Map<String, String> settings) {
    this(base, settings, OutputFiles.DISK);
  }

  SinkHarness(Path base, Map<String, String> settings, OutputFiles outputs) {
    this.base = base;
    Context channelContext = new Context();
    channelContext.put("capacity", "100000");
    channelContext.put("transactionCapacity", "10000");
    channelContext.put("keep-alive", "0"); // an empty take returns at once instead of waiting 3 s
    channel.setName("c1");
    Configurables.configure(channel, channelContext);
    channel.start();
    sink = new HeaderFilenameSink(now::get, outputs);
    sink.setName("k1");
    sink.setChannel(channel);
    Map<String, String> all = new HashMap<>();
    all.put("sink.directory", base.toString());
    all.putAll(settings);
    sink.configure(new Context(all));
  }

  static Map<String, String> settings(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  SinkHarness start() {
    sink.start();
    started = true;
    return this;
  }

  /** Puts an event whose {@code file} header is {@code file} (none when null). */
  void put(String file, String body) {
    Map<String, String> headers = new HashMap<>();
    if (file != null) {
      headers.put("file", file);
    }
    put(headers, body);
  }

  void put(Map<String, String> headers, String body) {
    put(EventBuilder.withBody(body.getBytes(StandardCharsets.UTF_8), new HashMap<>(headers)));
  }

  void put(Event e) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    channel.put(e);
    tx.commit();
    tx.close();
  }

  Status process() throws EventDeliveryException {
    return sink.process();
  }

  /** Runs the sink until the channel is empty; returns how many process() calls it took. */
  int drain() throws EventDeliveryException {
    int calls = 0;
    while (process() == Status.READY) {
      calls++;
      if (calls > 100_000) {
        throw new AssertionError("channel never drained");
      }
    }
    return calls;
  }

  void advance(long millis) {
    now.addAndGet(millis);
  }

  long counter(String name) {
    return sink.counters().get(name);
  }

  int channelSize() {
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

  /** Relative paths of every regular file under the base directory, sorted, lock file left out. */
  List<String> files() {
    return files(base);
  }

  static List<String> files(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .filter(p -> !p.equals(FileNaming.LOCK_FILE))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String read(String relative) {
    try {
      return new String(Files.readAllBytes(base.resolve(relative)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (started) {
      sink.stop();
      started = false;
    }
    channel.stop();
  }
}
