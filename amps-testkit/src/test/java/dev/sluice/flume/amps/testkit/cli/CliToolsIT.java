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
package dev.sluice.flume.amps.testkit.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.amps.testkit.AmpsTestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The publish and subscribe tools with the seed's 15 orders. */
class CliToolsIT {
  private static final Path ORDERS = Paths.get("src/test/resources/orders.json");

  private static String text(ByteArrayOutputStream b) {
    return b.toString(StandardCharsets.UTF_8);
  }

  @Test
  void publishesAFileAtARateAndTheSubscriberPrintsIt() throws Exception {
    List<String> lines =
        Files.readAllLines(ORDERS).stream().filter(l -> !l.isBlank()).collect(Collectors.toList());
    assertEquals(15, lines.size());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (AmpsTestServer server =
        AmpsTestServer.builder().sowTopic("orders", "/order_key").start()) {
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
      Future<Integer> subscriber =
          pool.submit(
              () ->
                  AmpsTestkitCli.run(
                      new String[] {
                        "subscribe",
                        "--uri",
                        server.uri(),
                        "--topic",
                        "orders",
                        "--count",
                        "15",
                        "--bookmark",
                        "0"
                      },
                      out,
                      System.err));
      ByteArrayOutputStream pubOut = new ByteArrayOutputStream();
      long start = System.nanoTime();
      int rc =
          AmpsTestkitCli.run(
              new String[] {
                "publish",
                "--uri",
                server.uri(),
                "--topic",
                "orders",
                "--file",
                ORDERS.toString(),
                "--rate",
                "50"
              },
              new PrintStream(pubOut, true, StandardCharsets.UTF_8),
              System.err);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(0, rc);
      assertEquals("published 15 messages to orders", text(pubOut).trim());
      assertTrue(millis >= 250, "15 messages at 50/s take about 0.3 s, took " + millis + " ms");
      assertEquals(0, subscriber.get(30, TimeUnit.SECONDS));
      assertEquals(lines, Arrays.asList(text(printed).split("\\R")));
      assertEquals(15, server.sowCount("orders"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void sowSubscribePrintsTheSnapshot() throws Exception {
    try (AmpsTestServer server =
        AmpsTestServer.builder().sowTopic("orders", "/order_key").start()) {
      AmpsTestkitCli.run(
          new String[] {
            "publish", "--uri", server.uri(), "--topic", "orders", "--file", ORDERS.toString()
          },
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          System.err);
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      int rc =
          AmpsTestkitCli.run(
              new String[] {
                "subscribe",
                "--uri",
                server.uri(),
                "--topic",
                "orders",
                "--sow",
                "--filter",
                "/symbol = 'IBM'",
                "--count",
                "1"
              },
              new PrintStream(printed, true, StandardCharsets.UTF_8),
              System.err);
      assertEquals(0, rc);
      await().atMost(Duration.ofSeconds(10)).until(() -> text(printed).contains("IBM"));
      assertTrue(text(printed).startsWith("{\"order_key\":3"), text(printed));
    }
  }

  @Test
  void badArgumentsAreAllReported() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        AmpsTestkitCli.run(
            new String[] {"publish", "--rate", "fast", "--what"},
            System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, rc);
    String e = text(err);
    for (String problem :
        List.of(
            "unknown argument '--what'",
            "--uri is required",
            "--topic is required",
            "--file is required",
            "--rate wants a whole number >= 0, got 'fast'")) {
      assertTrue(e.contains(problem), problem + " in " + e);
    }
  }
}
