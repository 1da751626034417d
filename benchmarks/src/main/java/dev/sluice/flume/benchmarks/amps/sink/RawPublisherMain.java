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
package dev.sluice.flume.benchmarks.amps.sink;

import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.MemoryPublishStore;
import com.crankuptheamps.client.PublishStore;
import dev.sluice.flume.benchmarks.amps.RawCount;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The anchor of {@link AmpsSinkThroughput}, in a child JVM of its own like the agent: an {@code
 * HAClient} with the sink's publish store (memory, or a file) publishing the bodies Flume's {@code
 * seq} source makes (the decimal numbers 0, 1, 2, ...) in batches of {@code maxBatch}, calling
 * {@code publishFlush()} after each batch when the flush is on. Each batch is counted in {@link
 * RawCount} once it is safe as the sink's would be at its commit: acknowledged with the flush on,
 * in the file store with it off.
 *
 * <pre>
 * RawPublisherMain URI TOPIC CLIENT_NAME MAX_BATCH TOTAL memory|FILE_STORE_PATH
 * </pre>
 *
 * Starts publishing at once, like the agent's {@code seq} source; prints {@value #DONE} at the end,
 * then runs until killed.
 */
public final class RawPublisherMain {
  static final String DONE = "RAW-PUBLISHER DONE";

  /** The sink's default {@code pubStoreInitialCap}. */
  private static final int STORE_CAPACITY = 1000;

  private RawPublisherMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      throw new IllegalArgumentException(
          "usage: RawPublisherMain URI TOPIC CLIENT_NAME MAX_BATCH TOTAL memory|FILE_STORE_PATH");
    }
    RawCount count = RawCount.register();
    int batch = Integer.parseInt(args[3]);
    long total = Long.parseLong(args[4]);
    boolean flush = args[5].equals("memory");
    HAClient client = new HAClient(args[2]);
    DefaultServerChooser chooser = new DefaultServerChooser();
    chooser.add(args[0]);
    client.setServerChooser(chooser);
    client.setPublishStore(
        flush ? new MemoryPublishStore(STORE_CAPACITY) : new PublishStore(args[5], STORE_CAPACITY));
    client.connectAndLogon();
    byte[] topic = args[1].getBytes(StandardCharsets.UTF_8);
    int inBatch = 0;
    for (long i = 0; i < total; i++) {
      byte[] body = Long.toString(i).getBytes(StandardCharsets.UTF_8);
      client.publish(topic, 0, topic.length, body, 0, body.length);
      if (++inBatch == batch || i == total - 1) {
        if (flush) {
          client.publishFlush();
        }
        count.add(inBatch);
        inBatch = 0;
      }
    }
    client.publishFlush();
    System.out.println(DONE);
    System.out.flush();
    new CountDownLatch(1).await(); // until the benchmark kills this JVM
  }
}
