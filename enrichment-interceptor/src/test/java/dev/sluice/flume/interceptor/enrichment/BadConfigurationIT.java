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
package dev.sluice.flume.interceptor.enrichment;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.PluginAgent;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real agent given a broken interceptor configuration, and no HBase client jars, says exactly
 * what is wrong when it configures the source, and does not start that source.
 */
class BadConfigurationIT {
  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void theAgentLogNamesEveryBadKeyAndTheMissingClient() throws Exception {
    Path work = children.workDir("agent");
    Map<String, String> keys = new TreeMap<>();
    keys.put("table", "quotes");
    keys.put("rowKey", "symbol");
    keys.put("columns", "info:name");
    keys.put("failurePolicy", "retry");
    PluginAgent agent =
        PluginAgent.ofThisModule("enrichment-interceptor")
            .config(EnrichmentFlow.config(FreePorts.allocate(), work, work.resolve("out"), keys))
            .startWithoutWaiting(children, work);

    String[] expected = {
      "Invalid configuration for interceptor 'enrichment-quotes' (enrichment-interceptor):",
      "  - backend is missing: the default backend hbase2 needs hbase-shaded-client on the agent's"
          + " classpath (plugins.d/<plugin>/libext), or set backend = asynchbase",
      "  - rowKey = 'symbol': must contain at least one %{header}, %{/json/pointer} or %{$group};"
          + " did you mean '%{symbol}'?",
      "  - failurePolicy = 'retry': must be one of pass, drop, hold",
    };
    await("the agent logged the configuration error")
        .atMost(Duration.ofMinutes(1))
        .ignoreException(NoSuchFileException.class)
        .until(() -> log(agent).contains(expected[0]));
    String log = log(agent);
    for (String line : expected) {
      assertTrue(log.contains(line + "\n"), "missing from the agent log: " + line);
    }
    assertTrue(
        log.contains("Source r1 has been removed due to an error during configuration"),
        "Flume drops the source whose interceptor is misconfigured");
  }

  private static String log(PluginAgent agent) {
    return agent.log();
  }
}
