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

import com.crankuptheamps.client.Client;
import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.PluginAgent;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flume.Event;
import org.apache.flume.api.RpcClient;
import org.apache.flume.api.RpcClientFactory;
import org.apache.flume.event.EventBuilder;

/**
 * What the sink's agent ITs share: a {@link PluginAgent} with the client jar, the testkit process,
 * Avro.
 */
final class SinkIt {
  static final Duration GENEROUS = Duration.ofMinutes(2);

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  private SinkIt() {}

  /**
   * The server an IT uses: a testkit process (its log on disk in its work dir, so a restart keeps
   * it), or the real AMPS of {@code -Damps.uri} when the IT asks for nothing only the testkit has.
   */
  static AmpsTestkitProcess testkit(
      ChildProcessesExtension children, String name, boolean replica, String... extraArgs) {
    return AmpsTestkitProcess.startOrExternal(children, name, replica, extraArgs);
  }

  static String externalAmps() {
    return AmpsTestkitProcess.externalUri();
  }

  static void requireTestkit(String what) {
    AmpsTestkitProcess.requireTestkit(what);
  }

  static String unique(String base) {
    return AmpsTestkitProcess.unique(base);
  }

  /** The amps-client jar, from the test classpath (installed into libext as users do). */
  static Path ampsClientJar() {
    try {
      return Paths.get(Client.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts agent a1 with the sink's plugin tarball and the client in its libext, in {@code work};
   * returns once its JVM runs ({@code awaitStarted} waits for the components).
   */
  static PluginAgent agent(ChildProcessesExtension children, Path work, String... configLines) {
    return PluginAgent.ofThisModule("amps-sink")
        .config(String.join("\n", configLines))
        .libext(ampsClientJar())
        .jvmArgs("-Xmx384m")
        .startWithoutWaiting(children, work);
  }

  /** An Avro RPC client with timeouts generous enough for a loaded two-core machine. */
  static RpcClient rpc(int port, int batch) {
    Properties properties = new Properties();
    properties.setProperty("hosts", "h1");
    properties.setProperty("hosts.h1", "127.0.0.1:" + port);
    properties.setProperty("batch-size", Integer.toString(batch));
    properties.setProperty("connect-timeout", "60000");
    properties.setProperty("request-timeout", "120000");
    return RpcClientFactory.getInstance(properties);
  }

  /** Events whose bodies are the sequence numbers {@code first .. first+n-1}. */
  static List<Event> numbered(long first, int n, Map<String, String> headers) {
    List<Event> events = new ArrayList<>(n);
    for (long seq = first; seq < first + n; seq++) {
      events.add(EventBuilder.withBody(Long.toString(seq), StandardCharsets.UTF_8, headers));
    }
    return events;
  }

  /** The agent's log (all runs), for assertions on what it says. */
  static String log(PluginAgent agent) {
    return agent.log();
  }

  /** A sink counter of agent a1's sink k1. */
  static long sink(PluginAgent agent, String counter) {
    return agent.counter("SINK.k1", counter);
  }
}
