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

import dev.sluice.flume.planner.Plan.Agent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A description planned and rendered: the plan, every agent's properties, the report and the
 * picture; {@link #writeTo} lays them out as {@code conf/<agent>.properties} (and {@code
 * conf/<agent>.flume-env.sh} with a Graphite monitor), {@code report.md} and {@code topology.svg}.
 */
final class PlannedTopology {
  final Plan plan;
  final Map<String, String> properties;
  final String report;
  final String svg;

  private PlannedTopology(Plan plan) {
    this.plan = plan;
    this.properties = new PropertiesWriter(plan).all();
    this.report = Report.markdown(plan);
    this.svg = TopologyPicture.svg(plan);
  }

  /** Reads, checks and plans a description. */
  static PlannedTopology of(String yaml) {
    return new PlannedTopology(Sizing.plan(DescriptionReader.read(yaml)));
  }

  /** Writes every file under {@code dir}; returns the files written. */
  List<Path> writeTo(Path dir) throws IOException {
    List<Path> written = new ArrayList<>();
    Path conf = dir.resolve("conf");
    Files.createDirectories(conf);
    PropertiesWriter writer = new PropertiesWriter(plan);
    for (Agent a : plan.agents()) {
      written.add(write(conf.resolve(a.name + ".properties"), properties.get(a.name)));
      String env = writer.flumeEnv(a);
      if (env != null) {
        written.add(write(conf.resolve(a.name + ".flume-env.sh"), env));
      }
    }
    written.add(write(dir.resolve("report.md"), report));
    written.add(write(dir.resolve("topology.svg"), svg));
    return written;
  }

  private static Path write(Path file, String text) throws IOException {
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    return file;
  }
}
