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
package dev.sluice.flume.monitor.graphite;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.PluginAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real agent started with a broken monitor configuration says exactly what is wrong. */
class BadConfigurationIT {
  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void agentLogNamesEveryBadKeyItsValueAndWhatIsAllowed() throws Exception {
    PluginAgent agent =
        new MonitoredFlow()
            .set("port", "99999")
            .set("protocol", "http")
            .set("include", "SOURCE\\.(r1")
            .startWithoutMonitor(children);

    String[] expected = {
      "Invalid configuration for monitor 'graphite-monitor' (graphite-monitor):",
      "  - host is missing: required as host or host1..hostN (the carbon host name or address)",
      "  - protocol = 'http': must be one of tcp, udp, pickle",
      "  - port = '99999': must be an integer from 1 to 65535",
      "  - include = 'SOURCE\\.(r1': must be a Java regular expression (Unclosed group)",
    };
    await("the agent logged the configuration error")
        .atMost(60, SECONDS)
        .until(() -> log(agent).contains(expected[0]));
    String log = log(agent);
    for (String line : expected) {
      assertTrue(log.contains(line + "\n"), "missing from the agent log: " + line);
    }
    assertFalse(log.contains("Graphite monitor started"), "a misconfigured monitor started");
  }

  private static String log(PluginAgent agent) {
    return agent.log();
  }
}
