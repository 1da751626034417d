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

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.HBaseSinkJars;
import dev.sluice.flume.testsupport.PluginAgent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.api.RpcClient;
import org.apache.flume.api.RpcClientFactory;
import org.apache.flume.event.EventBuilder;

/**
 * The ITs' flow, in a {@link PluginAgent} with this module's tarball: an Avro source with the
 * enrichment interceptor, a file channel and a {@code file_roll} sink writing headers and body of
 * every event, with the HBase client jars of one backend beside the plugin.
 */
final class EnrichmentFlow {
  static final Duration STARTUP = Duration.ofMinutes(2);

  final PluginAgent agent;
  final Path out;
  private final int port;
  private RpcClient client;
  private long lastMillis;

  private EnrichmentFlow(PluginAgent agent, Path out, int port) {
    this.agent = agent;
    this.out = out;
    this.port = port;
  }

  /**
   * Starts agent {@code a1} with the interceptor's keys (where HBase is, the backend and the given
   * ones) and waits until it runs.
   */
  static EnrichmentFlow start(
      ChildProcessesExtension children,
      String workName,
      String backend,
      Map<String, String> hbaseClientProperties,
      Map<String, String> interceptorKeys) {
    Path work = children.workDir(workName);
    Path out = work.resolve("out");
    int port = FreePorts.allocate();
    Map<String, String> keys = new TreeMap<>(hbaseClientProperties);
    keys.put("backend", backend);
    keys.putAll(interceptorKeys);
    PluginAgent agent =
        PluginAgent.ofThisModule("enrichment-interceptor")
            .config(config(port, work, out, keys))
            .libext(clientJars(backend))
            .directories("out") // file_roll does not create its directory
            .startupTimeout(STARTUP)
            .start(children, work);
    // The interceptor connects in the background when the source starts; send once it has.
    await("the interceptor connected to HBase")
        .atMost(STARTUP)
        .until(() -> agent.log().contains("connected to HBase, table"));
    return new EnrichmentFlow(agent, out, port);
  }

  /**
   * The jars a user installs beside the plugin for a backend (docs/enrichment-interceptor.md,
   * "Installing"): the HBase 2 shaded client with its OpenTelemetry jars, the same set HBase2Sink
   * needs; nothing for asynchbase, which Flume 1.11's lib already ships.
   */
  private static Path[] clientJars(String backend) {
    return "hbase2".equals(backend) ? HBaseSinkJars.hbase2Sink().toArray(new Path[0]) : new Path[0];
  }

  /**
   * Agent {@code a1}: an Avro source on {@code port} with the interceptor ({@code keys}), a file
   * channel under {@code work} and a {@code file_roll} sink writing headers and body into {@code
   * out}.
   */
  static String config(int port, Path work, Path out, Map<String, String> keys) {
    StringBuilder config = new StringBuilder();
    config
        .append("a1.sources = r1\n")
        .append("a1.channels = c1\n")
        .append("a1.sinks = k1\n")
        .append("a1.sources.r1.type = avro\n")
        .append("a1.sources.r1.bind = 127.0.0.1\n")
        .append("a1.sources.r1.port = ")
        .append(port)
        .append('\n')
        .append("a1.sources.r1.channels = c1\n")
        .append("a1.sources.r1.interceptors = e\n")
        .append(
            "a1.sources.r1.interceptors.e.type ="
                + " dev.sluice.flume.interceptor.enrichment.EnrichmentInterceptor$Builder\n");
    keys.forEach(
        (k, v) ->
            config
                .append("a1.sources.r1.interceptors.e.")
                .append(k)
                .append(" = ")
                .append(v)
                .append('\n'));
    config
        .append("a1.channels.c1.type = file\n")
        .append("a1.channels.c1.checkpointDir = ")
        .append(work.resolve("channel/checkpoint"))
        .append('\n')
        .append("a1.channels.c1.dataDirs = ")
        .append(work.resolve("channel/data"))
        .append('\n')
        .append("a1.sinks.k1.type = file_roll\n")
        .append("a1.sinks.k1.channel = c1\n")
        .append("a1.sinks.k1.sink.directory = ")
        .append(out)
        .append('\n')
        .append("a1.sinks.k1.sink.rollInterval = 0\n")
        .append("a1.sinks.k1.sink.serializer = header_and_text\n");
    return config.toString();
  }

  /** An event with a JSON body {@code {"seq":N}} and the given headers. */
  static Event event(long seq, String... headers) {
    Map<String, String> h = new TreeMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    return EventBuilder.withBody(
        ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8), new java.util.HashMap<>(h));
  }

  /** Sends a batch through the Avro source; after a failure the next call uses a new client. */
  void send(List<Event> batch) throws EventDeliveryException {
    if (client == null) {
      client = RpcClientFactory.getDefaultInstance("127.0.0.1", port, batch.size());
    }
    try {
      client.appendBatch(batch);
    } catch (EventDeliveryException | RuntimeException e) {
      closeClient();
      throw e;
    }
  }

  /**
   * Sends a batch; true if the source accepted it, false if it refused it. {@link #lastMillis()} is
   * then how long the source took to answer.
   */
  boolean trySend(List<Event> batch) {
    long start = System.nanoTime();
    try {
      send(batch);
      return true;
    } catch (EventDeliveryException e) {
      return false;
    } finally {
      lastMillis = (System.nanoTime() - start) / 1_000_000;
    }
  }

  /** How long the last {@link #trySend} took, in milliseconds. */
  long lastMillis() {
    return lastMillis;
  }

  List<OutputLine> output() {
    return OutputLine.readAll(out);
  }

  void closeClient() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
