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
package dev.sluice.flume.hbase.serializer;

import static org.awaitility.Awaitility.await;

import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.HBaseServer;
import dev.sluice.flume.testsupport.PluginAgent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.api.RpcClient;
import org.apache.flume.api.RpcClientFactory;

/**
 * The ITs' flows: configuration pieces (an Avro source, channels, HBase sinks running this module's
 * serializers) for a {@link PluginAgent} with the one sink's client jars in the plugin's libext,
 * and senders that feed the Avro source.
 */
final class HBaseFlows {
  static final Duration GENEROUS = Duration.ofMinutes(3);

  private HBaseFlows() {}

  /** An agent with the plugin and {@code backend}'s jars (and any extra libext jars), started. */
  static PluginAgent start(
      ChildProcessesExtension children,
      String name,
      SinkBackend backend,
      String config,
      Path... extraJars) {
    List<Path> jars = new ArrayList<>(backend.jars());
    jars.addAll(List.of(extraJars));
    return PluginAgent.ofThisModule("hbase-serializers")
        .config(config)
        .libext(jars.toArray(new Path[0]))
        .startupTimeout(GENEROUS)
        .start(children, name);
  }

  static String avroSource(String name, int port, String... channels) {
    return lines(
        "a1.sources." + name + ".type = avro",
        "a1.sources." + name + ".bind = 127.0.0.1",
        "a1.sources." + name + ".port = " + port,
        "a1.sources." + name + ".channels = " + String.join(" ", channels));
  }

  static String memoryChannel(String name) {
    return lines(
        "a1.channels." + name + ".type = memory",
        "a1.channels." + name + ".capacity = 10000",
        "a1.channels." + name + ".transactionCapacity = 1000",
        "a1.channels." + name + ".keep-alive = 0");
  }

  static String fileChannel(String name, Path dir, int capacity) {
    return lines(
        "a1.channels." + name + ".type = file",
        "a1.channels." + name + ".checkpointDir = " + dir.resolve("checkpoint"),
        "a1.channels." + name + ".dataDirs = " + dir.resolve("data"),
        "a1.channels." + name + ".capacity = " + capacity,
        "a1.channels." + name + ".transactionCapacity = 2000");
  }

  /** A sink of {@code backend} writing {@code table}'s family {@code d} through a serializer. */
  static String sink(
      String name,
      String channel,
      SinkBackend backend,
      HBaseServer hbase,
      String table,
      int batchSize,
      String serializer,
      Map<String, String> serializerKeys) {
    String p = "a1.sinks." + name + ".";
    StringBuilder sb =
        new StringBuilder(
            lines(
                p + "type = " + backend.sinkType,
                p + "channel = " + channel,
                p + "table = " + table,
                p + "columnFamily = " + Orders.FAMILY,
                p + "zookeeperQuorum = " + hbase.zookeeperQuorum() + ":" + hbase.zookeeperPort(),
                p + "batchSize = " + batchSize,
                p + "serializer = " + serializer));
    new TreeMap<>(serializerKeys)
        .forEach(
            (k, v) ->
                sb.append(p).append("serializer.").append(k).append(" = ").append(v).append('\n'));
    sb.append(p).append("serializer.strictConfig = true\n");
    return sb.toString();
  }

  static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  /**
   * A jar holding one {@code hbase-site.xml}, for an agent's libext: Flume's HBase sinks read
   * client settings only from there.
   */
  static Path hbaseSiteJar(Path dir, Map<String, String> properties) throws IOException {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
    properties.forEach(
        (k, v) ->
            xml.append("  <property><name>")
                .append(k)
                .append("</name><value>")
                .append(v)
                .append("</value></property>\n"));
    xml.append("</configuration>\n");
    Path jar = Files.createDirectories(dir).resolve("hbase-site-for-test.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out)) {
      jarOut.putNextEntry(new JarEntry("hbase-site.xml"));
      jarOut.write(xml.toString().getBytes(StandardCharsets.UTF_8));
      jarOut.closeEntry();
    }
    return jar;
  }

  /** Sends {@code events} in one batch, failing the test if the agent does not take it. */
  static void send(int port, List<Event> events) throws EventDeliveryException {
    RpcClient client = client(port, Math.max(1, events.size()));
    try {
      client.appendBatch(events);
    } finally {
      client.close();
    }
  }

  /**
   * Sends events {@code 0..total-1} in batches; a batch the agent did not acknowledge (it was
   * killed) is sent again through a new client until a restarted agent takes it, so every event
   * reaches the channel at least once. Returns how many sends failed.
   */
  static int sendAll(int port, long total, int batch, LongFunction<Event> event, AtomicLong acked)
      throws Exception {
    int failures = 0;
    AtomicReference<RpcClient> client = new AtomicReference<>(client(port, batch));
    try {
      for (long next = 0; next < total; next += batch) {
        List<Event> events = new ArrayList<>(batch);
        for (long seq = next; seq < Math.min(total, next + batch); seq++) {
          events.add(event.apply(seq));
        }
        try {
          client.get().appendBatch(events);
        } catch (EventDeliveryException e) {
          failures++;
          client.get().close();
          await()
              .atMost(GENEROUS)
              .pollInterval(Duration.ofMillis(500))
              .ignoreExceptions()
              .until(
                  () -> {
                    RpcClient fresh = client(port, batch);
                    try {
                      fresh.appendBatch(events);
                    } catch (EventDeliveryException | RuntimeException again) {
                      fresh.close();
                      throw again;
                    }
                    client.set(fresh);
                    return true;
                  });
        }
        acked.set(Math.min(total, next + batch));
      }
    } finally {
      client.get().close();
    }
    return failures;
  }

  private static RpcClient client(int port, int batch) {
    Properties p = new Properties();
    p.setProperty("hosts", "h1");
    p.setProperty("hosts.h1", "127.0.0.1:" + port);
    p.setProperty("batch-size", Integer.toString(batch));
    p.setProperty("connect-timeout", "60000");
    p.setProperty("request-timeout", "120000");
    return RpcClientFactory.getInstance(p);
  }
}
