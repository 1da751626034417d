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
package dev.sluice.flume.examples.demo;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.exception.AMPSException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The demo's publisher: the seed's orders ({@code examples/data/orders.json}), then generated
 * orders with rising {@code order_key}s, published to the AMPS topic with the real AMPS client and
 * paced to a rate (a sleep every 1% of a second's worth). {@code ./sluice-demo} runs it, and so
 * does the demo benchmark, whose anchor is this publisher's own rate ({@link
 * #acknowledgedPerSecond()}).
 */
public final class OrderPublisher implements Runnable {
  /** The AMPS client name of the demo's publisher. */
  public static final String CLIENT_NAME = "sluice-demo-publisher";

  private static final String[] SYMBOLS = {"MSFT", "IBM", "FIZZ", "YUM", "AAPL", "ORCL", "SAP"};

  private final String uri;
  private final String topic;
  private final String clientName;
  private final List<String> seed;
  private final long firstKey;
  private final long generated;
  private final int rate;
  private final AtomicLong published = new AtomicLong();
  private volatile long acknowledged;
  private volatile long startedNanos;
  private volatile double acknowledgedPerSecond = Double.NaN;
  private volatile Exception failure;
  private volatile boolean done;

  /**
   * @param seed the orders published first, as they are ({@link #seedLines})
   * @param generated how many generated orders follow them
   * @param rate orders per second to pace the generated ones to; 0 for as fast as the client goes
   */
  public OrderPublisher(String uri, String topic, List<String> seed, long generated, int rate) {
    this(uri, topic, CLIENT_NAME, seed, seed.size() + 1L, generated, rate);
  }

  /**
   * A publisher whose generated orders start at {@code firstKey} rather than right after the seed:
   * for a run that follows another publisher's orders (keys below {@code firstKey}) on the same
   * topic, such as the demo benchmark's measured orders after its warm-up.
   *
   * @param clientName the AMPS client name to log on with (a server refuses a name in use)
   * @param firstKey the {@code order_key} of the first generated order; above the seed's keys
   */
  public OrderPublisher(
      String uri,
      String topic,
      String clientName,
      List<String> seed,
      long firstKey,
      long generated,
      int rate) {
    if (firstKey <= seed.size()) {
      throw new IllegalArgumentException(
          "firstKey " + firstKey + " would repeat a seed order's key (1.." + seed.size() + ")");
    }
    this.uri = uri;
    this.topic = topic;
    this.clientName = clientName;
    this.seed = List.copyOf(seed);
    this.firstKey = firstKey;
    this.generated = generated;
    this.rate = rate;
  }

  /** The non-blank lines of a seed file such as {@code examples/data/orders.json}. */
  public static List<String> seedLines(Path seedFile) throws IOException {
    return Files.readAllLines(seedFile, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank())
        .collect(Collectors.toList());
  }

  /**
   * How many orders this publisher publishes: the seed's and the generated ones (with the first
   * constructor, orders 1..total).
   */
  public long total() {
    return seed.size() + generated;
  }

  /** The {@code order_key} of the last generated order (of the seed's last when none are). */
  public long lastKey() {
    return generated == 0 ? seed.size() : firstKey + generated - 1;
  }

  public long published() {
    return published.get();
  }

  /**
   * How many of this publisher's orders the server has acknowledged: all the published ones once
   * {@code publishFlush} returned (it waits for the server's ack of everything sent before it), 0
   * before that or when the flush failed.
   */
  public long acknowledged() {
    return acknowledged;
  }

  /**
   * Acknowledged orders per second, from just before the first publish to the return of the final
   * {@code publishFlush}; NaN before that or when the flush failed.
   */
  public double acknowledgedPerSecond() {
    return acknowledgedPerSecond;
  }

  /** {@link System#nanoTime()} just before the first publish (after logon); 0 before it. */
  public long startedNanos() {
    return startedNanos;
  }

  public boolean isDone() {
    return done;
  }

  public Exception failure() {
    return failure;
  }

  @Override
  public void run() {
    Client client = new Client(clientName);
    try {
      client.connect(uri);
      client.logon();
      long started = System.nanoTime();
      startedNanos = started;
      for (String line : seed) {
        client.publish(topic, line);
        published.incrementAndGet();
      }
      for (long i = 0; i < generated; i++) {
        client.publish(topic, order(firstKey + i));
        published.incrementAndGet();
        if (rate > 0 && (i + 1) % Math.max(1, rate / 100) == 0) {
          pace(started, i + 1);
        }
      }
      client.publishFlush(TimeUnit.SECONDS.toMillis(60));
      long flushed = System.nanoTime();
      acknowledged = published.get();
      acknowledgedPerSecond = acknowledged / ((flushed - started) / 1e9);
    } catch (AMPSException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = e;
    } finally {
      client.close();
      done = true;
    }
  }

  private void pace(long startedNanos, long sent) throws InterruptedException {
    long due = startedNanos + (long) (sent * 1e9 / rate);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /** A deterministic order: the same key always has the same symbol, price and quantity. */
  public static String order(long key) {
    String symbol = SYMBOLS[(int) (key % SYMBOLS.length)];
    double price = 50 + (key * 7919 % 15000) / 100.0;
    long qty = 100 + key * 31 % 4900;
    return String.format(
        Locale.ROOT,
        "{\"order_key\":%d, \"symbol\":\"%s\", \"price\":%.2f, \"qty\":%d}",
        key,
        symbol,
        price,
        qty);
  }
}
