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
package dev.sluice.flume.benchmarks.demo;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.exception.AMPSException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's publisher, as {@code ./sluice-demo} runs it: the seed's orders ({@code
 * examples/data/orders.json}), then generated orders in the demo's format with rising {@code
 * order_key}s, published to the topic with the real AMPS client and paced to a rate the same way (a
 * sleep every 1% of a second's worth). Its own rate is the anchor: orders acknowledged per second,
 * from just before the first publish to the return of {@code publishFlush}, which waits for the
 * server's acknowledgement of everything published.
 */
final class DemoPublisher implements Runnable {
  private static final String[] SYMBOLS = {"MSFT", "IBM", "FIZZ", "YUM", "AAPL", "ORCL", "SAP"};

  private final String uri;
  private final String topic;
  private final List<String> seed;
  private final long generated;
  private final int rate;
  private final AtomicLong published = new AtomicLong();
  private volatile long acknowledged;
  private volatile long startedNanos;
  private volatile double acknowledgedPerSecond = Double.NaN;
  private volatile Exception failure;
  private volatile boolean done;

  DemoPublisher(String uri, String topic, List<String> seed, long generated, int rate) {
    this.uri = uri;
    this.topic = topic;
    this.seed = List.copyOf(seed);
    this.generated = generated;
    this.rate = rate;
  }

  /** Orders 1..total are published when the run ends. */
  long total() {
    return seed.size() + generated;
  }

  long published() {
    return published.get();
  }

  /** Orders the server acknowledged: all of them once the final flush returned, else 0. */
  long acknowledged() {
    return acknowledged;
  }

  /** Acknowledged orders per second over the publisher's window; NaN before it is done. */
  double acknowledgedPerSecond() {
    return acknowledgedPerSecond;
  }

  /** {@link System#nanoTime()} just before the first publish; 0 before it. */
  long startedNanos() {
    return startedNanos;
  }

  boolean isDone() {
    return done;
  }

  Exception failure() {
    return failure;
  }

  @Override
  public void run() {
    Client client = new Client("sluice-demo-bench-publisher");
    try {
      client.connect(uri);
      client.logon();
      long started = System.nanoTime();
      startedNanos = started;
      for (String line : seed) {
        client.publish(topic, line);
        published.incrementAndGet();
      }
      long first = seed.size() + 1L;
      for (long i = 0; i < generated; i++) {
        client.publish(topic, order(first + i));
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

  /** The demo's order: the same key always has the same symbol, price and quantity. */
  static String order(long key) {
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
