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
package dev.sluice.flume.amps.source;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.crankuptheamps.client.Client;
import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.PluginAgent;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the agent ITs share: the testkit server as a child process with its control port, the {@link
 * PluginAgent} they start (this module's plugin tarball plus the amps-client jar in its libext),
 * and reading the sink's output back.
 */
final class AgentTestbed {
  static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
  static final Duration START = Duration.ofSeconds(120);

  private AgentTestbed() {}

  /** The amps-client jar the tests run with, for the plugin's libext. */
  static Path ampsClientJar() {
    try {
      return Paths.get(Client.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  /**
   * The server an IT uses: a testkit process, or the real AMPS of {@code -Damps.uri} when the IT
   * asks for nothing only the testkit has ({@code withReplica}: a second instance in the process).
   */
  static AmpsTestkitProcess testkit(
      ChildProcessesExtension children, boolean withReplica, String... extraArgs) {
    return AmpsTestkitProcess.startOrExternal(children, "amps-testkit", withReplica, extraArgs);
  }

  static void requireTestkit(String what) {
    AmpsTestkitProcess.requireTestkit(what);
  }

  static String unique(String base) {
    return AmpsTestkitProcess.unique(base);
  }

  /** Flume properties text for agent {@code a1} from ordered key/value pairs. */
  static String properties(Map<String, String> keys) {
    StringBuilder sb = new StringBuilder();
    keys.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
    return sb.toString();
  }

  /**
   * Agent {@code a1}: source {@code amps} with the given keys, a file channel {@code ch}, and a
   * {@code file_roll} sink {@code out} writing one body per line into {@code <work>/out}.
   */
  static Map<String, String> fileChannelAgent(Path work, Map<String, String> sourceKeys) {
    try {
      Files.createDirectories(work.resolve("out")); // file_roll does not create it
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> c = new LinkedHashMap<>();
    c.put("a1.sources", "amps");
    c.put("a1.channels", "ch");
    c.put("a1.sinks", "out");
    c.put("a1.sources.amps.type", AmpsSource.class.getName());
    c.put("a1.sources.amps.channels", "ch");
    sourceKeys.forEach((k, v) -> c.put("a1.sources.amps." + k, v));
    c.put("a1.channels.ch.type", "file");
    c.put("a1.channels.ch.checkpointDir", work.resolve("checkpoint").toString());
    c.put("a1.channels.ch.dataDirs", work.resolve("data").toString());
    c.put("a1.channels.ch.transactionCapacity", "1000");
    c.put("a1.sinks.out.type", "file_roll");
    c.put("a1.sinks.out.channel", "ch");
    c.put("a1.sinks.out.sink.directory", work.resolve("out").toString());
    c.put("a1.sinks.out.sink.rollInterval", "0");
    c.put("a1.sinks.out.sink.batchSize", "1000");
    return c;
  }

  /**
   * Agent a1 with this module's plugin tarball and the amps-client jar in its libext, as {@code
   * bin/fetch-amps-client} installs it; the caller adds plugins and starts it in its work dir.
   */
  static PluginAgent.Builder agent(String config) {
    return PluginAgent.ofThisModule("amps-source")
        .config(config)
        .libext(ampsClientJar())
        .jvmArgs("-Xmx384m")
        .startupTimeout(START);
  }

  /** Sequence numbers in the sink's output so far. */
  static SequenceReport output(Path work, long expected) {
    Path out = work.resolve("out");
    SequenceChecker checker = SequenceChecker.expecting(0, expected, SEQ);
    if (Files.isDirectory(out)) {
      checker.addFiles(out);
    }
    return checker.report();
  }

  /** How many lines of the sink's output carry a sequence number below the line before. */
  static long outOfOrder(Path work) {
    long previous = -1;
    long outOfOrder = 0;
    try (var files = Files.list(work.resolve("out"))) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        for (String line : Files.readAllLines(f, UTF_8)) {
          var m = SEQ.matcher(line);
          if (m.find()) {
            long seq = Long.parseLong(m.group(1));
            if (seq < previous) {
              outOfOrder++;
            }
            previous = seq;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return outOfOrder;
  }
}
