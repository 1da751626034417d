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

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Client;
import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.PluginAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In a real agent, each bad configuration value and each refusal by the server is a clear error in
 * the agent's log naming the key, while a healthy source in the same agent runs on; and no password
 * from a URI reaches the log.
 */
class AmpsSourceErrorsIT {
  private static final Duration DEADLINE = Duration.ofMinutes(2);
  private static final String SECRET = "s3cret-pw";

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void badValuesAndServerRefusalsAreClearErrorsNamingTheKey() throws Exception {
    AmpsTestkitProcess amps = AgentTestbed.testkit(children, false, "--log-topics", "orders");
    Client holder = new Client("taken-name");
    try {
      holder.connect(amps.uri());
      holder.logon();
      Path work = children.workDir("agent");
      Map<String, Map<String, String>> sources = new LinkedHashMap<>();
      sources.put(
          "badValues",
          keys(
              "clientName", "c-values",
              "uri", "tcp://flume:" + SECRET + "@nohost/amps/json",
              "maxBatch", "0",
              "command", "publish",
              "eventHeaders", "topic,sowkey"));
      sources.put("badFilter", keys("clientName", "c-filter", "filter", "/symbol =="));
      sources.put("badTopic", keys("clientName", "c-topic", "topic", "orders[("));
      sources.put("nameInUse", keys("clientName", "taken-name"));
      sources.put(
          "unlogged",
          keys(
              "clientName", "c-unlogged",
              "topic", "prices",
              "bookmarkLog", work.resolve("prices.bookmarks").toString(),
              "subscriptionId", "prices-sub"));
      sources.put("tooBig", keys("clientName", "c-big", "maxBatch", "2000"));
      sources.put("good", keys("clientName", "c-good"));

      Map<String, String> config = new LinkedHashMap<>();
      config.put("a1.sources", String.join(" ", sources.keySet()));
      config.put("a1.channels", "ch");
      config.put("a1.sinks", "out");
      sources.forEach(
          (name, keys) -> {
            String p = "a1.sources." + name + ".";
            config.put(p + "type", AmpsSource.class.getName());
            config.put(p + "channels", "ch");
            config.put(p + "topic", "orders");
            config.put(p + "uri", amps.uri());
            keys.forEach((k, v) -> config.put(p + k, v));
          });
      config.put("a1.channels.ch.type", "memory");
      config.put("a1.channels.ch.capacity", "100000");
      config.put("a1.channels.ch.transactionCapacity", "1000");
      config.put("a1.sinks.out.type", "null");
      config.put("a1.sinks.out.channel", "ch");
      PluginAgent agent =
          AgentTestbed.agent(AgentTestbed.properties(config)).startWithoutWaiting(children, work);

      await()
          .atMost(DEADLINE)
          .ignoreExceptions()
          .until(() -> agent.counter("SOURCE.good", "Subscribed") == 1);
      List<String> expected =
          List.of(
              "Invalid configuration for source 'badValues' (amps-source):",
              "maxBatch = '0': must be an integer from 1 to 1000000",
              "command = 'publish': must be one of subscribe, delta_subscribe,",
              "eventHeaders = 'topic,sowkey': unknown header name(s) [sowkey]",
              "uri = 'tcp://flume:***@nohost/amps/json': must be an AMPS URI such as"
                  + " tcp://host:9007/amps/json (a port from 1 to 65535 is needed)",
              "Source 'badFilter' (amps-source) cannot subscribe: filter = '/symbol ==': the"
                  + " server rejected the filter",
              "Source 'badTopic' (amps-source) cannot subscribe: topic = 'orders[(': the server"
                  + " rejected the topic",
              "Source 'nameInUse' (amps-source) cannot subscribe: clientName = 'taken-name': the"
                  + " server says this client name is in use",
              "Source 'unlogged' (amps-source) cannot subscribe: bookmarkLog = '",
              "the server refused the bookmark subscription (is the topic in the server's"
                  + " transaction log?",
              "source's batch size is greater than the channels transaction capacity. Source:"
                  + " tooBig, batch size = 2000");
      await()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                String log = agent.log();
                for (String e : expected) {
                  assertTrue(log.contains(e), "the agent log says: " + e);
                }
              });
      String log = agent.log();
      assertFalse(log.contains(SECRET), "a URI password reached the agent's log");
      assertTrue(agent.agent().isAlive(), "the agent runs on");
    } finally {
      holder.close();
    }
  }

  private static Map<String, String> keys(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
