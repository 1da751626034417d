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

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The jars a user installs beside the plugin for each backend (docs/enrichment-interceptor.md,
 * "Installing"), taken from this test JVM's classpath, where Maven put them as provided
 * dependencies. An agent gets only its backend's jars, so the list in the docs is what is tested.
 */
final class HBaseClientJars {
  private static final List<Pattern> HBASE2 =
      List.of(
          Pattern.compile("hbase-shaded-client-2\\.6\\.3-hadoop3\\.jar"),
          Pattern.compile("opentelemetry-api-[0-9.]+\\.jar"),
          Pattern.compile("opentelemetry-context-[0-9.]+\\.jar"),
          Pattern.compile("opentelemetry-semconv-[0-9.]+-alpha\\.jar"));

  /** Flume 1.11's lib already has asynchbase, async and Netty 3, for its AsyncHBaseSink. */
  private static final List<Pattern> ASYNCHBASE = List.of();

  private HBaseClientJars() {}

  static Path[] forBackend(String backend) {
    return find("hbase2".equals(backend) ? HBASE2 : ASYNCHBASE);
  }

  private static Path[] find(List<Pattern> wanted) {
    String[] entries =
        System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator));
    List<Path> jars = new ArrayList<>();
    for (Pattern p : wanted) {
      Path found = null;
      for (String entry : entries) {
        Path path = Paths.get(entry);
        if (path.getFileName() != null && p.matcher(path.getFileName().toString()).matches()) {
          found = path;
          break;
        }
      }
      if (found == null) {
        throw new IllegalStateException("no jar matching " + p + " on the test classpath");
      }
      jars.add(found);
    }
    return jars.toArray(new Path[0]);
  }
}
