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
package dev.sluice.flume.amps.sink;

import static dev.sluice.flume.amps.sink.SinkIt.GENEROUS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.PluginAgent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real agent given bad values: Flume drops the sink, and the agent's log holds one error that
 * names the sink, and each key with its value and what is allowed, the password masked. Every key's
 * checks are unit-tested in AmpsSinkConfigTest; this shows the message reaches the user.
 */
class ConfigErrorIT {
  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void badValuesAreReportedTogetherInTheAgentsLogWithoutThePassword() throws Exception {
    PluginAgent agent =
        SinkIt.agent(
            children,
            children.workDir("agent"),
            "a1.sources = src",
            "a1.channels = ch",
            "a1.sinks = k1",
            "a1.sources.src.type = seq",
            "a1.sources.src.totalEvents = 1",
            "a1.sources.src.channels = ch",
            "a1.channels.ch.type = memory",
            "a1.sinks.k1.type = dev.sluice.flume.amps.sink.AmpsSink",
            "a1.sinks.k1.channel = ch",
            "a1.sinks.k1.clientName = flume-k1",
            "a1.sinks.k1.uri = tcp://ops:Hunter2-pw@127.0.0.1:9007/json",
            "a1.sinks.k1.maxBatch = lots",
            "a1.sinks.k1.pubStoreType = disk",
            "a1.sinks.k1.publishFlushTimeout = -5",
            "a1.sinks.k1.rollbackOnErorr = false");
    List<String> expected =
        List.of(
            "Invalid configuration for sink 'k1' (amps-sink):",
            "uri = 'tcp://ops:***@127.0.0.1:9007/json': must be an AMPS URI such as"
                + " tcp://host:9007/amps/json (the path must be /amps/<message type>",
            "maxBatch = 'lots': must be an integer from 1 to 1000000",
            "pubStoreType = 'disk': must be one of memory, file, none",
            "publishFlushTimeout = '-5': must be an integer from -1 to 86400000");
    await()
        .atMost(GENEROUS)
        .until(() -> expected.stream().allMatch(line -> logContains(agent, line)));
    String log = SinkIt.log(agent);
    assertTrue(
        log.contains(
            "rollbackOnErorr = 'false': not a key of this component; did you mean"
                + " 'rollbackOnError'?"),
        "the typo is pointed out");
    assertFalse(log.contains("Hunter2-pw"), "the password leaked into the agent's log");
  }

  private static boolean logContains(PluginAgent agent, String text) {
    try {
      return SinkIt.log(agent).contains(text);
    } catch (java.io.UncheckedIOException e) {
      return false; // the log is being written; the next poll reads it
    }
  }
}
