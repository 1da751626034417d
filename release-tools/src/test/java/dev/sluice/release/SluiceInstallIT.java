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
package dev.sluice.release;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Client;
import dev.sluice.flume.testsupport.AmpsTestkitProcess;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's install path end to end: bin/sluice-install puts amps-source (fetching amps-client
 * with the licence accepted) and header-filename-sink into a FLUME_HOME laid out like Flume 1.11's
 * binary distribution; an agent loads plugins.d as flume-ng does (each plugin's lib/ and libext/ on
 * the classpath, native/ on java.library.path), configured from the snippets the command printed,
 * and moves every event from an AMPS topic (the testkit, fed by the real amps-client) to files.
 */
class SluiceInstallIT {
  private static final int EVENTS = 2_000;
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void installsTwoPluginsThatAFlumeAgentLoadsAndRuns() throws Exception {
    Path work = children.workDir("install");
    Path home = InstallCommand.flumeHome(work.resolve("flume-home"));

    InstallCommand.Result result =
        InstallCommand.run(
            work,
            "amps-source",
            "header-filename-sink",
            "--flume-home",
            home.toString(),
            "--accept-amps-license");
    assertEquals(0, result.exit, result.toString());
    Path source = home.resolve("plugins.d/sluice-amps-source");
    Path sink = home.resolve("plugins.d/sluice-header-filename-sink");
    assertEquals(1, jars(source.resolve("lib")), result.toString());
    assertTrue(
        Files.isRegularFile(source.resolve("libext/amps-client-5.3.5.3.jar")),
        "amps-client fetched into amps-source's libext/: " + result);
    assertEquals(1, jars(sink.resolve("lib")), result.toString());
    assertTrue(
        result.output.contains("fetched amps-client-5.3.5.3.jar (you accepted 60East's licence)"),
        result.toString());
    assertTrue(
        result.output.contains(
            "no jar conflicts between " + home.toAbsolutePath() + "/lib and plugins.d"),
        result.toString());

    AmpsTestkitProcess amps = AmpsTestkitProcess.start(children, "amps-testkit");
    Path out = work.resolve("out");
    Properties config = snippets(result.output);
    assertEquals(
        "dev.sluice.flume.amps.source.AmpsSource", config.getProperty("a1.sources.r1.type"));
    assertEquals(
        "dev.sluice.flume.sink.file.HeaderFilenameSink", config.getProperty("a1.sinks.k1.type"));
    config.setProperty("a1.sources", "r1");
    config.setProperty("a1.channels", "c1");
    config.setProperty("a1.sinks", "k1");
    config.setProperty("a1.sources.r1.uri", amps.uri());
    config.setProperty("a1.sources.r1.interceptors", "file");
    config.setProperty("a1.sources.r1.interceptors.file.type", "static");
    config.setProperty("a1.sources.r1.interceptors.file.key", "file");
    config.setProperty("a1.sources.r1.interceptors.file.value", "orders/all.jsonl");
    config.setProperty("a1.channels.c1.type", "memory");
    config.setProperty("a1.channels.c1.capacity", "10000");
    config.setProperty("a1.channels.c1.transactionCapacity", "1000");
    config.setProperty("a1.sinks.k1.sink.directory", out.toString());

    FlumeAgent agent =
        children.start(
            FlumeAgent.builder("a1")
                .workDir(work.resolve("agent"))
                .config(config)
                .plugin(source)
                .plugin(sink)
                .build());
    agent.awaitStarted(DEADLINE);
    await().atMost(DEADLINE).until(() -> agent.counter("SOURCE.r1", "Subscribed") == 1);

    Client publisher = new Client("sluice-install-it-publisher");
    try {
      publisher.connect(amps.uri());
      publisher.logon();
      for (int seq = 0; seq < EVENTS; seq++) {
        publisher.publish(config.getProperty("a1.sources.r1.topic"), "{\"seq\":" + seq + "}");
      }
      publisher.publishFlush();
    } finally {
      publisher.close();
    }

    await().atMost(DEADLINE).until(() -> report(out).missing() == 0);
    SequenceReport report = report(out);
    assertEquals(0, report.missing(), report.toString());
    assertEquals(EVENTS, report.distinct(), report.toString());
    assertEquals(0, report.duplicates(), "no failure, so no redelivery: " + report);
  }

  /** The config lines the command printed (indented under each module), as properties. */
  static Properties snippets(String output) throws IOException {
    String lines =
        output
            .lines()
            .filter(line -> line.startsWith("    a1."))
            .map(String::trim)
            .collect(Collectors.joining("\n"));
    Properties properties = new Properties();
    properties.load(new StringReader(lines));
    return properties;
  }

  private static SequenceReport report(Path out) {
    SequenceChecker checker = SequenceChecker.expecting(0, EVENTS, SEQ);
    if (Files.isDirectory(out)) {
      try (Stream<Path> files = Files.walk(out)) {
        files
            .filter(Files::isRegularFile)
            .filter(f -> !f.getFileName().toString().startsWith("."))
            .forEach(checker::addFile);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return checker.report();
  }

  private static long jars(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".jar")).count();
    }
  }
}
