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
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.PluginAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 60East's example configuration from the "Crank Up Apache Flume" post, verbatim but for {@code
 * type} (and the two server addresses, which point at the testkit pair), runs against the testkit:
 * the 15 example orders go in, the IBM and MSFT ones come out, the aggregation options reach the
 * server as written, and the source's counters are in Flume's HTTP metrics JSON.
 */
class SeedExampleIT {
  private static final Duration DEADLINE = Duration.ofMinutes(2);

  /** The example as published, key for key. */
  private static final String SEED =
      String.join(
          "\n",
          "# Example config for an AMPS Flume Source",
          "agent.sources.amps.type = com.crankuptheamps.flume.AMPSFlumeSource",
          "agent.sources.amps.clientFactoryClass = com.crankuptheamps.flume.AMPSBasicClientFunction",
          "agent.sources.amps.clientName = FlumeClient",
          "agent.sources.amps.bookmarkLog =",
          "# For one AMPS server, you can just specify \"uri\".",
          "# For multiple HA AMPS servers, specify multiple URIs with an index number.",
          "agent.sources.amps.uri1 = tcp://server1:9007/amps/json",
          "agent.sources.amps.uri2 = tcp://server2:9007/amps/json",
          "agent.sources.amps.command = sow_and_subscribe",
          "agent.sources.amps.topic = Orders",
          "agent.sources.amps.filter = /symbol IN ('IBM', 'MSFT')",
          "agent.sources.amps.options = projection=[/symbol,avg(/price) as /avg_price,\\",
          "    avg(/price*/qty) as /avg_total],grouping=[/symbol],conflation=1s",
          "agent.sources.amps.subscriptionId = Sub-100",
          "agent.sources.amps.maxBuffers = 10",
          "# maxBatch must be <= the smallest transactionCapacity of all channels",
          "# configured on the source.",
          "agent.sources.amps.maxBatch = 1000",
          "agent.sources.amps.pruneTimeThreshold = 300000",
          "");

  private static final List<String> ORDERS =
      List.of(
          "{\"order_key\":1, \"symbol\":\"MSFT\", \"price\":62.15, \"qty\":100}",
          "{\"order_key\":2, \"symbol\":\"MSFT\", \"price\":62.22, \"qty\":110}",
          "{\"order_key\":3, \"symbol\":\"IBM\", \"price\":180.40, \"qty\":125}",
          "{\"order_key\":4, \"symbol\":\"FIZZ\", \"price\":61.77, \"qty\":4000}",
          "{\"order_key\":5, \"symbol\":\"YUM\", \"price\":64.07, \"qty\":123}",
          "{\"order_key\":6, \"symbol\":\"IBM\", \"price\":181.02, \"qty\":200}",
          "{\"order_key\":7, \"symbol\":\"FIZZ\", \"price\":61.45, \"qty\":2300}",
          "{\"order_key\":8, \"symbol\":\"MSFT\", \"price\":62.52, \"qty\":1000}",
          "{\"order_key\":9, \"symbol\":\"IBM\", \"price\":180.90, \"qty\":750}",
          "{\"order_key\":10, \"symbol\":\"MSFT\", \"price\":62.45, \"qty\":900}",
          "{\"order_key\":11, \"symbol\":\"YUM\", \"price\":64.11, \"qty\":460}",
          "{\"order_key\":12, \"symbol\":\"IBM\", \"price\":180.85, \"qty\":150}",
          "{\"order_key\":13, \"symbol\":\"FIZZ\", \"price\":61.50, \"qty\":600}",
          "{\"order_key\":14, \"symbol\":\"MSFT\", \"price\":62.70, \"qty\":1200}",
          "{\"order_key\":15, \"symbol\":\"IBM\", \"price\":180.95, \"qty\":480}");

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void theSeedExampleRunsAfterChangingOnlyItsType() throws Exception {
    AmpsTestkitProcess amps = AgentTestbed.testkit(children, true, "--sow", "Orders=/order_key");
    Path work = children.workDir("agent");
    Path out = Files.createDirectories(work.resolve("out"));
    String seed =
        SEED.replace(
                "agent.sources.amps.type = com.crankuptheamps.flume.AMPSFlumeSource",
                "agent.sources.amps.type = " + AmpsSource.class.getName())
            .replace("server1:9007", "127.0.0.1:" + amps.port())
            .replace("server2:9007", "127.0.0.1:" + amps.replicaPort());
    String config =
        String.join(
            "\n",
            "agent.sources = amps",
            "agent.channels = mem",
            "agent.sinks = out",
            seed,
            "agent.sources.amps.channels = mem",
            "agent.channels.mem.type = memory",
            "agent.channels.mem.capacity = 100000",
            "agent.channels.mem.transactionCapacity = 1000",
            "agent.sinks.out.type = file_roll",
            "agent.sinks.out.channel = mem",
            "agent.sinks.out.sink.directory = " + out,
            "agent.sinks.out.sink.rollInterval = 0",
            "");
    PluginAgent agent =
        PluginAgent.ofThisModule("amps-source")
            .name("agent")
            .config(config)
            .libext(AgentTestbed.ampsClientJar())
            .startWithoutWaiting(children, work);
    agent.awaitStarted(AgentTestbed.START);
    await().atMost(DEADLINE).until(() -> agent.counter("SOURCE.amps", "Subscribed") == 1);

    try (TestPublisher publisher = new TestPublisher(amps.uri(), "spark", "Orders", 0)) {
      for (String order : ORDERS) {
        publisher.publish(order);
      }
      publisher.flush();
    }
    Set<Integer> expected = new TreeSet<>(List.of(1, 2, 3, 6, 8, 9, 10, 12, 14, 15));
    await().atMost(DEADLINE).until(() -> orderKeys(out).equals(expected));

    assertEquals(expected, orderKeys(out), "the IBM and MSFT orders, by the seed's filter");
    String serverLog = amps.log();
    assertTrue(
        serverLog.contains("option 'projection'") && serverLog.contains("option 'grouping'"),
        "the aggregation options reached the server as written:\n" + serverLog);
    String metrics = httpMetrics(agent);
    for (String counter :
        List.of("\"SOURCE.amps\"", "\"AmpsMessageReceivedCount\"", "\"Subscribed\":\"1\"")) {
      assertTrue(metrics.contains(counter), counter + " in Flume's HTTP metrics: " + metrics);
    }
  }

  private static Set<Integer> orderKeys(Path out) {
    Pattern key = Pattern.compile("\"order_key\":(\\d+)");
    Set<Integer> keys = new TreeSet<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        for (String line : Files.readAllLines(f, UTF_8)) {
          Matcher m = key.matcher(line);
          if (m.find()) {
            keys.add(Integer.parseInt(m.group(1)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return keys;
  }

  private static String httpMetrics(PluginAgent agent) {
    return agent.httpMetricsJson();
  }
}
