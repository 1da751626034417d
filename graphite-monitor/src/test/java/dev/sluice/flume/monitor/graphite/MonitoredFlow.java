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

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.PluginAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flow the ITs monitor, for a {@link PluginAgent} running the Graphite monitor from this
 * module's tarball: an exec source r1 printing sequence numbers (1..n, or endlessly at about {@link
 * #EVENTS_PER_SECOND}) and replicating them into memory channels c1, drained by a file_roll sink k1
 * into {@code <workDir>/out}, and c2, never drained, so its fill percentage is a known decimal.
 */
final class MonitoredFlow {
  static final String NAME = "a1";
  static final String PREFIX = "sluice.it." + NAME;
  static final long C2_CAPACITY = 3_000_000;

  /** The monitor's counter group, as {@link PluginAgent#counter} names it. */
  static final String MONITOR = "OTHER.graphite-monitor";

  private static final Duration STARTUP = Duration.ofSeconds(120);

  /** 50 numbers every 100 ms; bash and seq make it a little less. */
  static final int EVENTS_PER_SECOND = 500;

  private final Map<String, String> monitoring = new LinkedHashMap<>();
  private long totalEvents = -1;
  private PluginAgent agent;

  MonitoredFlow() {
    monitoring.put("type", GraphiteMonitorService.class.getName());
    monitoring.put("prefix", "sluice.it.${agent}");
    monitoring.put("pollInterval", "1s");
    monitoring.put("strictConfig", "true");
  }

  /** Sets {@code flume.monitoring.<key>}. */
  MonitoredFlow set(String key, String value) {
    monitoring.put(key, value);
    return this;
  }

  MonitoredFlow remove(String key) {
    monitoring.remove(key);
    return this;
  }

  /** The source prints 1..n, a multiple of 50, and stops (default: it never stops). */
  MonitoredFlow totalEvents(long n) {
    if (n % 50 != 0) {
      throw new IllegalArgumentException("a multiple of 50, please: " + n);
    }
    totalEvents = n;
    return this;
  }

  private String command() {
    String condition = totalEvents > 0 ? "[ $i -le " + totalEvents + " ]" : ":";
    return "i=1; while " + condition + "; do seq $i $((i+49)); i=$((i+50)); sleep 0.1; done";
  }

  String config() {
    return String.join(
        "\n",
        "a1.sources = r1",
        "a1.channels = c1 c2",
        "a1.sinks = k1",
        "a1.sources.r1.type = exec",
        "a1.sources.r1.shell = /bin/bash -c",
        "a1.sources.r1.command = " + command(),
        "a1.sources.r1.batchSize = 50",
        "a1.sources.r1.batchTimeout = 200",
        "a1.sources.r1.channels = c1 c2",
        "a1.channels.c1.type = memory",
        "a1.channels.c1.capacity = 100000",
        "a1.channels.c1.transactionCapacity = 100",
        "a1.channels.c2.type = memory",
        "a1.channels.c2.capacity = " + C2_CAPACITY,
        "a1.channels.c2.transactionCapacity = 100",
        "a1.sinks.k1.type = file_roll",
        "a1.sinks.k1.sink.directory = out",
        "a1.sinks.k1.sink.rollInterval = 0",
        "a1.sinks.k1.sink.batchSize = 100",
        "a1.sinks.k1.channel = c1",
        "");
  }

  /**
   * Starts agent {@code a1} with this flow and monitor settings in a work directory of the test and
   * waits for its components and for the monitor's own counter group {@link #MONITOR}: Flume starts
   * its monitor service only after every component, so a test reading the monitor's counters right
   * after the components started could find none.
   */
  PluginAgent start(ChildProcessesExtension children) {
    PluginAgent started = startComponents(children);
    started.agent().awaitStarted(STARTUP, List.of(MONITOR));
    return started;
  }

  /**
   * Starts agent {@code a1} as {@link #start} does but waits only for the flow's components: for a
   * monitor configuration the agent is expected to reject.
   */
  PluginAgent startWithoutMonitor(ChildProcessesExtension children) {
    return startComponents(children);
  }

  private PluginAgent startComponents(ChildProcessesExtension children) {
    PluginAgent.Builder b =
        PluginAgent.ofThisModule("graphite-monitor")
            .name(NAME)
            .config(config())
            .directories("out")
            .startupTimeout(STARTUP);
    monitoring.forEach((k, v) -> b.systemProperty("flume.monitoring." + k, v));
    agent = b.start(children, "agent");
    return agent;
  }

  /** Where the sink writes its events, one sequence number a line. */
  Path sinkOutput() {
    return agent.path("out");
  }
}
