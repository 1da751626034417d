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

import com.crankuptheamps.client.Client;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes a file of JSON lines to a topic at a given rate, as AMPS's {@code spark publish} does:
 * {@code publish --uri tcp://host:port/amps/json --topic orders --file orders.json [--rate
 * MSGS_PER_SECOND] [--client-name NAME] [--delta]}. Blank lines are skipped.
 */
final class PublishTool {
  private PublishTool() {}

  static int run(String[] argv, PrintStream out) throws Exception {
    Args args =
        new Args(
            argv,
            Set.of("--uri", "--topic", "--file", "--rate", "--client-name"),
            Set.of("--delta"));
    String uri = args.required("--uri");
    String topic = args.required("--topic");
    String file = args.required("--file");
    long rate = args.number("--rate", 0, 0);
    String name = args.get("--client-name", "testkit-publish-" + ProcessHandle.current().pid());
    boolean delta = args.flag("--delta");
    args.check();
    long interval = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / rate;
    long count = 0;
    try (Client client = new Client(name);
        BufferedReader in = Files.newBufferedReader(Paths.get(file), StandardCharsets.UTF_8)) {
      client.connect(uri);
      client.logon();
      long next = System.nanoTime();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        if (interval > 0) {
          long wait = next - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          next += interval;
        }
        if (delta) {
          client.deltaPublish(topic, line);
        } else {
          client.publish(topic, line);
        }
        count++;
      }
      client.publishFlush(60_000);
    }
    out.println("published " + count + " messages to " + topic);
    return 0;
  }
}
