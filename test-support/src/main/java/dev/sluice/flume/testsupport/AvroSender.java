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
package dev.sluice.flume.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.FlumeException;
import org.apache.flume.api.RpcClient;
import org.apache.flume.api.RpcClientFactory;
import org.apache.flume.event.EventBuilder;

/**
 * Pushes events into an agent's Avro source with Flume's own RPC client (flume-ng-sdk), in batches:
 * each {@code appendBatch} returns once the agent's channel committed the batch. A batch that fails
 * (the agent is away, its channel full) is sent again on a new connection until the retry window
 * passes, so delivery into the agent is at least once: a batch the agent committed but whose answer
 * was lost arrives twice, and {@link #retries()} says how often that could have happened.
 *
 * <p>The caller needs flume-ng-sdk on its test classpath (test-support has it {@code provided}).
 *
 * <pre>{@code
 * try (AvroSender sender = AvroSender.to(topology.port("CLIENT_1_PORT")).batchSize(100)) {
 *   sender.send(List.of(AvroSender.event("id=1", Map.of("dist", "fs"))));
 * }
 * }</pre>
 */
public final class AvroSender implements AutoCloseable {
  private final String host;
  private final int port;
  private int batchSize = 100;
  private Duration retryFor = Duration.ofMinutes(2);
  private Duration requestTimeout = Duration.ofSeconds(30);
  private RpcClient client;
  private long eventsSent;
  private long batchesSent;
  private long retries;

  private AvroSender(String host, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
    }
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
  }

  /** A sender to the Avro source listening on loopback {@code port}. */
  public static AvroSender to(int port) {
    return new AvroSender("127.0.0.1", port);
  }

  /** An event whose body is {@code body} in UTF-8, with a copy of {@code headers}. */
  public static Event event(String body, Map<String, String> headers) {
    return EventBuilder.withBody(body, StandardCharsets.UTF_8, new java.util.HashMap<>(headers));
  }

  /** Events per {@code appendBatch}; 100 unless set. */
  public AvroSender batchSize(int events) {
    if (events < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, was " + events);
    }
    this.batchSize = events;
    return this;
  }

  /** How long a failing batch is sent again before {@link #send} gives up; 2 minutes unless set. */
  public AvroSender retryFor(Duration window) {
    if (window == null || window.isNegative()) {
      throw new IllegalArgumentException("retry window must be zero or more, was " + window);
    }
    this.retryFor = window;
    return this;
  }

  /**
   * Sends {@code events} in batches of {@link #batchSize}, in order; returns once the agent
   * committed every batch.
   *
   * @throws IllegalStateException if a batch still fails when the retry window has passed; the
   *     batches before it were delivered
   */
  public synchronized void send(List<Event> events) {
    for (int from = 0; from < events.size(); from += batchSize) {
      sendBatch(events.subList(from, Math.min(events.size(), from + batchSize)));
    }
  }

  private void sendBatch(List<Event> batch) {
    Deadline deadline = Deadline.after(retryFor);
    List<Exception> failures = new ArrayList<>();
    while (true) {
      try {
        connected().appendBatch(batch);
        eventsSent += batch.size();
        batchesSent++;
        return;
      } catch (EventDeliveryException | FlumeException e) {
        disconnect();
        failures.add(e);
        if (deadline.expired()) {
          IllegalStateException gaveUp =
              new IllegalStateException(
                  "the Avro source on "
                      + host
                      + ":"
                      + port
                      + " refused a batch of "
                      + batch.size()
                      + " events for "
                      + retryFor
                      + " ("
                      + failures.size()
                      + " attempts); "
                      + eventsSent
                      + " events were delivered before it",
                  e);
          throw gaveUp;
        }
        retries++;
        deadline.pause();
      }
    }
  }

  /** Events the agent acknowledged, counting a batch sent again after a failure once. */
  public synchronized long eventsSent() {
    return eventsSent;
  }

  /** Batches the agent acknowledged. */
  public synchronized long batchesSent() {
    return batchesSent;
  }

  /**
   * Batches sent again after a failure: each may have reached the agent twice, so the destinations
   * may hold up to {@code retries() x batchSize} duplicates on this sender's account.
   */
  public synchronized long retries() {
    return retries;
  }

  @Override
  public synchronized void close() {
    disconnect();
  }

  private RpcClient connected() {
    if (client == null) {
      Properties p = new Properties();
      p.setProperty("hosts", "h1");
      p.setProperty("hosts.h1", host + ":" + port);
      p.setProperty("batch-size", Integer.toString(batchSize));
      p.setProperty("connect-timeout", Long.toString(requestTimeout.toMillis()));
      p.setProperty("request-timeout", Long.toString(requestTimeout.toMillis()));
      client = RpcClientFactory.getInstance(p);
    }
    return client;
  }

  private void disconnect() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  @Override
  public String toString() {
    return "AvroSender[" + host + ":" + port + "]";
  }
}
