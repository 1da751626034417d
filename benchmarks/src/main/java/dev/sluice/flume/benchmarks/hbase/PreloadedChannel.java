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
package dev.sluice.flume.benchmarks.hbase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Transaction;
import org.apache.flume.channel.file.FileChannel;
import org.apache.flume.event.EventBuilder;

/**
 * A Flume file channel filled once in this JVM with the benchmark's records, then copied for each
 * agent run, so that every sink drains the same events from the same starting point and no source
 * competes with it for the agent's CPU.
 */
final class PreloadedChannel {
  private static final String[] SYMBOLS = {
    "AAPL", "MSFT", "GOOG", "AMZN", "META", "NVDA", "TSLA", "IBM", "ORCL", "INTC"
  };
  static final int TRANSACTION = 1000;

  private final Path dir;
  private final int events;
  private final long bodyBytes;

  private PreloadedChannel(Path dir, int events, long bodyBytes) {
    this.dir = dir;
    this.events = events;
    this.bodyBytes = bodyBytes;
  }

  /** Record {@code i} as CSV: {@code o0000017,AAPL,101.25,300}. */
  static String csv(int i) {
    return id(i) + "," + symbol(i) + "," + price(i) + "," + qty(i);
  }

  /** Record {@code i} as JSON, the same fields in the same order. */
  static String json(int i) {
    return "{\"id\":\""
        + id(i)
        + "\",\"symbol\":\""
        + symbol(i)
        + "\",\"price\":"
        + price(i)
        + ",\"qty\":"
        + qty(i)
        + "}";
  }

  private static String id(int i) {
    return String.format(Locale.ROOT, "o%08d", i);
  }

  private static String symbol(int i) {
    return SYMBOLS[i % SYMBOLS.length];
  }

  private static String price(int i) {
    return String.format(Locale.ROOT, "%.2f", 100 + (i % 10_000) / 100.0);
  }

  private static int qty(int i) {
    return 1 + i % 1000;
  }

  /** Fills a file channel under {@code dir} with records 0 to events-1, as JSON or CSV. */
  static PreloadedChannel fill(Path dir, int events, boolean json) {
    Channel channel = new FileChannel();
    channel.setName("fill-" + (json ? "json" : "csv"));
    ((FileChannel) channel).configure(new Context(settings(dir, events)));
    channel.start();
    long bytes = 0;
    try {
      for (int i = 0; i < events; i += TRANSACTION) {
        Transaction tx = channel.getTransaction();
        tx.begin();
        try {
          for (int j = i; j < Math.min(events, i + TRANSACTION); j++) {
            byte[] body = (json ? json(j) : csv(j)).getBytes(StandardCharsets.UTF_8);
            bytes += body.length;
            channel.put(EventBuilder.withBody(body));
          }
          tx.commit();
        } catch (RuntimeException e) {
          tx.rollback();
          throw e;
        } finally {
          tx.close();
        }
      }
    } finally {
      channel.stop();
    }
    return new PreloadedChannel(dir, events, bytes);
  }

  /** The file channel's keys, the same in this JVM and in the agents. */
  static Map<String, String> settings(Path dir, int events) {
    Map<String, String> c = new HashMap<>();
    c.put("checkpointDir", dir.resolve("checkpoint").toString());
    c.put("dataDirs", dir.resolve("data").toString());
    c.put("capacity", Integer.toString(events + TRANSACTION));
    c.put("transactionCapacity", Integer.toString(TRANSACTION));
    c.put("minimumRequiredSpace", Long.toString(64L * 1024 * 1024));
    return c;
  }

  int events() {
    return events;
  }

  long bodyBytes() {
    return bodyBytes;
  }

  /** Deletes a copy made by {@link #copyTo}. */
  static void delete(Path copy) {
    try (Stream<Path> files = Files.walk(copy)) {
      for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + copy, e);
    }
  }

  /** A fresh copy of the filled channel for one agent run. */
  Path copyTo(Path target) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(dir.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + dir + " to " + target, e);
    }
    return target;
  }
}
