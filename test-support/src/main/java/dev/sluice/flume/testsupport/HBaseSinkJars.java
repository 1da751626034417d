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
package dev.sluice.flume.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The jars a user adds to a Flume 1.11 installation so that one of its HBase sinks can run, for a
 * {@code plugins.d/<plugin>/libext} beside the serializer plugin:
 *
 * <pre>{@code
 * FlumeAgent.builder("a1")
 *     .plugin(serializerTarball)
 *     .libext("sluice-hbase-serializers", HBaseSinkJars.hbase2Sink().toArray(new Path[0]))
 * }</pre>
 *
 * <p>Flume 1.11's binary distribution already holds both sinks in {@code lib/}
 * (flume-ng-hbase2-sink, flume-ng-hbase-sink with asynchbase 1.8.2, netty 3.9.4 and async 1.4.0)
 * but no HBase client, and so does the agent {@link FlumeAgent} starts. The two sinks need
 * different clients that cannot share an agent: {@code HBase2Sink} the shaded HBase 2.6.3 client,
 * {@code AsyncHBaseSink} the shaded 1.7.1 client (its version check refuses a 2.x client, and
 * asynchbase talks to the 2.6.3 server fine). The lists are fixed in test-support's pom, copied at
 * build time into {@code target/hbase-sink-jars/}; HBaseSinkJarsIT runs each sink with exactly its
 * list.
 */
public final class HBaseSinkJars {
  static final String RESOURCE = "hbase-sink-jars.properties";

  private HBaseSinkJars() {}

  /**
   * For {@code type = hbase2} (HBase2Sink): hbase-shaded-client 2.6.3-hadoop3 and the OpenTelemetry
   * api, context and semconv jars it needs.
   */
  public static List<Path> hbase2Sink() {
    return jars("hbase2-sink");
  }

  /**
   * For {@code type = asynchbase} (AsyncHBaseSink): hbase-shaded-client 1.7.1 alone (its pom's
   * HTrace jars are not needed, its log4j 1.2 binding must not come); no HBase 2 jar may be on the
   * same agent.
   */
  public static List<Path> asyncHBaseSink() {
    return jars("async-hbase-sink");
  }

  private static List<Path> jars(String sink) {
    Path dir = directory().resolve(sink);
    List<Path> jars;
    try (Stream<Path> files = Files.list(dir)) {
      jars =
          files
              .filter(file -> file.getFileName().toString().endsWith(".jar"))
              .sorted()
              .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot list the jars for " + sink + " in " + dir + "; build test-support again", e);
    }
    if (jars.isEmpty()) {
      throw new IllegalStateException(
          dir + " holds no jars; build test-support again (generate-resources copies them)");
    }
    return jars;
  }

  private static Path directory() {
    Properties properties = new Properties();
    try (InputStream in = HBaseSinkJars.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + RESOURCE + " is missing next to " + HBaseSinkJars.class.getName());
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    String directory = properties.getProperty("directory", "");
    if (directory.isEmpty() || directory.contains("${")) {
      throw new IllegalStateException(RESOURCE + " names no directory: '" + directory + "'");
    }
    return Paths.get(directory);
  }
}
