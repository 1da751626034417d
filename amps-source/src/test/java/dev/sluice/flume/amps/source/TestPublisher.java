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
package dev.sluice.flume.amps.source;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.exception.AMPSException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes numbered JSON messages {@code {"seq":N,"pad":"..."}} with the real AMPS client, the way
 * an application feeding the subscription would. {@link #flush()} returns once the server has
 * processed everything published before.
 */
final class TestPublisher implements AutoCloseable {
  private final Client client;
  private final String topic;
  private final byte[] topicBytes;
  private final String pad;
  private final AtomicLong published = new AtomicLong();

  TestPublisher(String uri, String clientName, String topic, int padBytes) throws AMPSException {
    this(new Client(clientName), topic, padBytes);
    client.connect(uri);
    client.logon();
  }

  private TestPublisher(Client client, String topic, int padBytes) {
    this.client = client;
    this.topic = topic;
    this.topicBytes = topic.getBytes(UTF_8);
    this.pad = "x".repeat(padBytes);
  }

  /**
   * A publisher with a memory publish store that fails over between {@code uris} and replays what
   * no server acknowledged as persisted; {@link #flush()} then waits for those acks.
   */
  static TestPublisher highlyAvailable(
      String clientName, String topic, int padBytes, String... uris) throws AMPSException {
    HAClient ha = HAClient.createMemoryBacked(clientName);
    DefaultServerChooser chooser = new DefaultServerChooser();
    for (String uri : uris) {
      chooser.add(uri);
    }
    ha.setServerChooser(chooser);
    ha.setReconnectDelay(50);
    ha.connectAndLogon();
    return new TestPublisher(ha, topic, padBytes);
  }

  static String body(long seq, String pad) {
    return "{\"seq\":" + seq + ",\"pad\":\"" + pad + "\"}";
  }

  /** Publishes sequence numbers [from, to). */
  void publish(long from, long to) throws AMPSException {
    for (long seq = from; seq < to; seq++) {
      byte[] data = body(seq, pad).getBytes(UTF_8);
      client.publish(topicBytes, 0, topicBytes.length, data, 0, data.length);
      published.incrementAndGet();
    }
  }

  void publish(String json) throws AMPSException {
    client.publish(topic, json);
    published.incrementAndGet();
  }

  /** Waits until the server processed everything published so far. */
  void flush() throws AMPSException {
    client.publishFlush();
  }

  long published() {
    return published.get();
  }

  @Override
  public void close() {
    client.close();
  }
}
