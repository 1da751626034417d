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
package dev.sluice.flume.amps.testkit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.MessageHandler;
import dev.sluice.flume.testsupport.Requirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * HAClient publisher and bookmark subscriber fail over between the two instances of a pair that
 * share their transaction log; every message arrives exactly once. Testkit only (it needs two
 * instances and fault injection).
 */
class HaFailoverIT {
  @Test
  void publisherAndSubscriberFailOverWithNoLossAndNoDuplicate() throws Exception {
    Requirement.require(
        AmpsTarget.externalUri() == null,
        () -> "two testkit instances, but -Damps.uri points at " + AmpsTarget.externalUri());
    try (AmpsTestServer primary = AmpsTarget.testkit().name("primary").start();
        AmpsTestServer replica =
            AmpsTestServer.builder().name("replica").replicaOf(primary).start()) {
      String topic = "ha-orders";
      List<Integer> received = new CopyOnWriteArrayList<>();
      Map<Integer, AtomicInteger> counts = new ConcurrentHashMap<>();
      HAClient sub = haClient("ha-sub", primary, replica);
      MessageHandler handler =
          m -> {
            int n = Integer.parseInt(m.getData().replaceAll("\\D", ""));
            received.add(n);
            counts.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
            try {
              sub.getBookmarkStore().discard(m);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          };
      sub.executeAsync(
          new Command("subscribe").setTopic(topic).setSubId("ha").setBookmark("0"), handler);
      HAClient pub = haClient("ha-pub", primary, replica);
      try {
        for (int i = 1; i <= 300; i++) {
          pub.publish(topic, "{\"n\":" + i + "}");
        }
        pub.publishFlush(10_000);
        await().atMost(Collector.WAIT).until(() -> received.size() >= 300);

        primary.refuseConnections(Duration.ofMinutes(5));
        primary.dropAllConnections();
        for (int i = 301; i <= 600; i++) {
          pub.publish(topic, "{\"n\":" + i + "}");
        }
        pub.publishFlush(20_000);
        await().atMost(Collector.WAIT).until(() -> counts.size() >= 600);
        assertTrue(
            replica.clientNames().containsAll(List.of("ha-pub", "ha-sub")),
            "both clients moved to the replica: " + replica.clientNames());
        assertEquals(0, primary.connectionCount());
      } finally {
        pub.close();
        sub.close();
      }
      Map<Integer, Integer> duplicates = new TreeMap<>();
      counts.forEach(
          (n, c) -> {
            if (c.get() != 1) {
              duplicates.put(n, c.get());
            }
          });
      assertEquals(Map.of(), duplicates, "each message exactly once");
      List<Integer> sorted = new ArrayList<>(counts.keySet());
      sorted.sort(null);
      assertEquals(600, sorted.size());
      assertEquals(1, sorted.get(0));
      assertEquals(600, sorted.get(599));
    }
  }

  private static HAClient haClient(String name, AmpsTestServer a, AmpsTestServer b)
      throws Exception {
    HAClient c = HAClient.createMemoryBacked(name);
    DefaultServerChooser chooser = new DefaultServerChooser();
    chooser.add(a.uri());
    chooser.add(b.uri());
    c.setServerChooser(chooser);
    c.setReconnectDelay(50);
    c.connectAndLogon();
    return c;
  }
}
