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
package dev.sluice.flume.benchmarks.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.flume.Event;
import org.apache.flume.api.RpcClient;
import org.apache.flume.api.RpcClientFactory;
import org.apache.flume.event.EventBuilder;

/**
 * Sends the run's events to the client agent's Avro source from a thread of the benchmark JVM, in
 * batches of {@code batch}: {@code events} bodies of {@code size} bytes, each starting with its
 * sequence number. The same sender feeds every variant of the kafka-hop and amps-channel
 * benchmarks.
 */
public final class EventSender implements Runnable {
  private final int port;
  private final int events;
  private final int size;
  private final int batch;
  private volatile Throwable failure;

  public EventSender(int port, int events, int size, int batch) {
    this.port = port;
    this.events = events;
    this.size = size;
    this.batch = batch;
  }

  static byte[] body(int sequence, int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) 'x');
    byte[] head = String.format(Locale.ROOT, "%010d,", sequence).getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, body, 0, Math.min(head.length, size));
    return body;
  }

  @Override
  public void run() {
    RpcClient client = RpcClientFactory.getDefaultInstance("127.0.0.1", port, batch);
    try {
      for (int i = 0; i < events; i += batch) {
        List<Event> list = new ArrayList<>(batch);
        for (int j = i; j < Math.min(events, i + batch); j++) {
          list.add(EventBuilder.withBody(body(j, size)));
        }
        client.appendBatch(list);
      }
    } catch (Throwable t) {
      failure = t;
    } finally {
      client.close();
    }
  }

  /** What stopped the sender, or null. */
  public Throwable failure() {
    return failure;
  }
}
