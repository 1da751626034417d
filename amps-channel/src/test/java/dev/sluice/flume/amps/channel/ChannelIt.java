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
package dev.sluice.flume.amps.channel;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.crankuptheamps.client.Client;
import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.PluginTarball;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the channel's agent ITs share: the plugin, the client jar, the testkit process, output. */
final class ChannelIt {
  static final Duration GENEROUS = Duration.ofMinutes(3);
  static final String PLUGIN_DIR = "sluice-amps-channel";

  private ChannelIt() {}

  static Path ampsClientJar() {
    try {
      return Paths.get(Client.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An agent named a1 with the channel's plugin tarball and the client in its libext. */
  static FlumeAgent.Builder agent(Path work, String... configLines) {
    return agentNamed("a1", work, String.join("\n", configLines));
  }

  /** An agent with the channel's plugin tarball and the client in its libext. */
  static FlumeAgent.Builder agentNamed(String name, Path work, String properties) {
    return FlumeAgent.builder(name)
        .workDir(work)
        .config(properties)
        .plugin(PluginTarball.ofThisModule("amps-channel"))
        .libext(PLUGIN_DIR, ampsClientJar())
        .jvmArgs("-Xmx384m");
  }

  /** The channel's keys for agent a1's channel ch. */
  static List<String> channel(String uri, Path work, String... extra) {
    List<String> lines = new ArrayList<>();
    lines.add("a1.channels.ch.type = " + AmpsChannel.class.getName());
    lines.add("a1.channels.ch.clientName = " + CLIENT_NAME);
    lines.add("a1.channels.ch.uri = " + uri);
    lines.add("a1.channels.ch.topic = " + AmpsTestkitProcess.unique("flume-ch"));
    lines.add("a1.channels.ch.bookmarkLog = " + work.resolve("ch.bookmarks"));
    lines.add("a1.channels.ch.strictConfig = true");
    lines.addAll(List.of(extra));
    return lines;
  }

  /** A file_roll sink k1 writing one body per line under work/out. */
  static List<String> fileRollSink(Path work, int batch) throws IOException {
    Files.createDirectories(work.resolve("out"));
    return List.of(
        "a1.sinks.k1.type = file_roll",
        "a1.sinks.k1.channel = ch",
        "a1.sinks.k1.sink.directory = " + work.resolve("out"),
        "a1.sinks.k1.sink.rollInterval = 0",
        "a1.sinks.k1.sink.batchSize = " + batch);
  }

  /**
   * The base client name of agent a1's channel: {@code a1-ch} on the testkit, unique to the run on
   * a real AMPS ({@code -Damps.uri}), where publish sequence numbers outlive a run.
   */
  static final String CLIENT_NAME = AmpsTestkitProcess.unique("a1-ch");

  /**
   * The server of an IT that needs nothing only the testkit has: the real AMPS of {@code
   * -Damps.uri} when given (topic and client names are then unique to the run), else a testkit in
   * its own process.
   */
  static AmpsTestkitProcess server(ChildProcessesExtension children) {
    return AmpsTestkitProcess.startOrExternal(children, "amps", false);
  }

  /**
   * The testkit in its own process, its log on disk (a restart keeps its port and its log), for an
   * IT that needs {@code why}: against a real AMPS the IT is skipped saying so (and fails under
   * CI).
   */
  static AmpsTestkitProcess testkit(ChildProcessesExtension children, String name, String why) {
    AmpsTestkitProcess.requireTestkit(why);
    return AmpsTestkitProcess.start(children, name);
  }

  /** The sequence numbers in work/out so far. */
  static SequenceReport output(Path work, long expected) {
    SequenceChecker checker = SequenceChecker.expecting(0, expected);
    Path out = work.resolve("out");
    if (Files.isDirectory(out)) {
      checker.addFiles(out);
    }
    return checker.report();
  }

  /** Every number in work/out, in file then line order. */
  static List<Long> outputInOrder(Path work) throws IOException {
    List<Long> out = new ArrayList<>();
    try (var files = Files.list(work.resolve("out"))) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        for (String line : Files.readAllLines(f, UTF_8)) {
          if (!line.isBlank()) {
            out.add(Long.parseLong(line.trim()));
          }
        }
      }
    }
    return out;
  }

  /** The agent's log (all runs). */
  static String log(FlumeAgent agent) {
    StringBuilder sb = new StringBuilder();
    for (Path p : agent.logFiles()) {
      try {
        if (Files.exists(p)) {
          sb.append(Files.readString(p, UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sb.toString();
  }

  /**
   * A file of examples/conf with its {@code ${NAME}} placeholders filled in, failing on any left
   * unfilled.
   */
  static String example(String file, Map<String, String> values) throws IOException {
    String text = Files.readString(Paths.get("..", "examples", "conf", file), UTF_8);
    for (Map.Entry<String, String> v : values.entrySet()) {
      text = text.replace("${" + v.getKey() + "}", v.getValue());
    }
    for (String line : text.split("\n")) {
      if (!line.startsWith("#") && line.contains("${")) {
        throw new IllegalArgumentException(file + ": unfilled placeholder in '" + line + "'");
      }
    }
    return text;
  }

  static String[] lines(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> p : parts) {
      all.addAll(p);
    }
    return all.toArray(new String[0]);
  }
}
