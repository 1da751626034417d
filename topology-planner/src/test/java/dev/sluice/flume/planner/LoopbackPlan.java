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
package dev.sluice.flume.planner;

import com.crankuptheamps.client.Client;
import dev.sluice.flume.planner.Plan.Agent;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.PluginAgent;
import dev.sluice.flume.testsupport.PluginTarball;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A description re-pointed at this machine for an IT, then planned: every agent on 127.0.0.1 with a
 * free block of ports, state under the test's work directory, files destinations in it, AMPS at the
 * test's server, Kafka at a local port, Graphite at the test's listener. Builds each planned agent
 * as a real Flume agent with every Sluice plugin in its plugins.d.
 */
final class LoopbackPlan {
  private static final Pattern SYSTEM_PROPERTY = Pattern.compile("-D([^=\\s]+)=([^\\s\"]+)");
  static final List<String> PLUGINS =
      List.of(
          "header-filename-sink", "amps-source", "amps-sink", "amps-channel", "graphite-monitor");

  final PlannedTopology planned;
  final Path work;

  private LoopbackPlan(PlannedTopology planned, Path work) {
    this.planned = planned;
    this.work = work;
  }

  /**
   * Plans {@code yaml} for loopback. {@code ampsUri} replaces every AMPS uri (may be null when the
   * description has none); {@code graphitePort} the monitor's port (0: drop the monitor).
   */
  @SuppressWarnings("unchecked")
  static LoopbackPlan of(String yaml, Path work, String ampsUri, int graphitePort) {
    Map<String, Object> d =
        (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    d.put("dataDir", work.resolve("data").toString());
    d.put("host", "127.0.0.1");
    if (d.containsKey("ampsChannelUri")) {
      d.put("ampsChannelUri", ampsUri);
    }
    if (d.containsKey("kafkaBootstrapServers")) {
      d.put("kafkaBootstrapServers", "127.0.0.1:" + FreePorts.allocate());
    }
    for (Map<String, Object> p : (List<Map<String, Object>>) d.get("producers")) {
      if ("amps".equals(p.get("source"))) {
        p.put("uri", ampsUri);
      }
    }
    for (Map<String, Object> dest : (List<Map<String, Object>>) d.get("destinations")) {
      switch (String.valueOf(dest.get("kind"))) {
        case "files":
          dest.put(
              "directory",
              work.resolve("out").resolve(String.valueOf(dest.get("name"))).toString());
          break;
        case "amps":
          dest.put("uri", ampsUri);
          break;
        case "kafka":
          dest.put("bootstrapServers", "127.0.0.1:" + FreePorts.allocate());
          break;
        default:
          break;
      }
    }
    if (d.containsKey("monitor")) {
      if (graphitePort == 0) {
        d.remove("monitor");
      } else {
        d.put("monitor", Map.of("graphite", Map.of("host", "127.0.0.1", "port", graphitePort)));
      }
    }
    Yaml out = new Yaml();
    int ports = PlannedTopology.of(out.dump(d)).plan.agents().size();
    d.put("basePort", FreePorts.allocateBlock(ports));
    PlannedTopology planned = PlannedTopology.of(out.dump(d));
    // What the report asks of whoever deploys: <dataDir>/<agent> exists before the first start.
    for (Agent a : planned.plan.agents()) {
      try {
        Files.createDirectories(work.resolve("data").resolve(a.name));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new LoopbackPlan(planned, work);
  }

  Agent agent(String name) {
    for (Agent a : planned.plan.agents()) {
      if (a.name.equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("no agent " + name);
  }

  /**
   * A real agent for {@code a}: its generated properties, every Sluice plugin, the AMPS client in
   * the AMPS plugins' libext, and the JVM options of its generated flume-env.sh.
   */
  PluginAgent.Builder builder(Agent a) {
    Path root = Paths.get("").toAbsolutePath().getParent();
    PluginAgent.Builder b =
        PluginAgent.of(PluginTarball.of(root.resolve(PLUGINS.get(0))), "sluice-" + PLUGINS.get(0))
            .name(a.name)
            .config(planned.properties.get(a.name))
            .jvmArgs("-Xmx256m");
    for (String plugin : PLUGINS.subList(1, PLUGINS.size())) {
      b.plugin(PluginTarball.of(root.resolve(plugin)));
    }
    for (String plugin : List.of("amps-source", "amps-sink", "amps-channel")) {
      b.libext("sluice-" + plugin, ampsClientJar());
    }
    String env = new PropertiesWriter(planned.plan).flumeEnv(a);
    if (env != null) {
      Matcher m = SYSTEM_PROPERTY.matcher(env);
      while (m.find()) {
        b.systemProperty(m.group(1), m.group(2));
      }
    }
    return b;
  }

  static Path ampsClientJar() {
    try {
      return Paths.get(Client.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
