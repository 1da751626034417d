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

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.fixture.libext.Stamp;
import dev.sluice.flume.testsupport.fixture.monitor.MarkerMonitorService;
import dev.sluice.flume.testsupport.fixture.plugin.StampInterceptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An agent that loads classes from plugins.d: a plugin tarball (lib), an extra jar dropped into its
 * libext, and a plugin directory with a custom MonitorService.
 */
class FlumeAgentPluginIT {
  private static final Duration GENEROUS = Duration.ofMinutes(2);
  private static final int EVENTS = 1_000;

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void loadsAPluginTarballWithAnExtraLibextJarAndServesHttpMetrics() throws Exception {
    Path work = children.workDir("agent");
    Path build = children.workDir("plugin-build");
    Path tarball = pluginTarball(build, "sluice-stamp", StampInterceptor.class);
    Path stampJar = jar(build.resolve("stamp.jar"), Stamp.class);
    Path out = Files.createDirectories(work.resolve("out"));
    FlumeAgent agent =
        children.start(
            FlumeAgent.builder("a1")
                .workDir(work)
                .config(
                    seqToFileRoll(out)
                        + "a1.sources.src.interceptors = stamp\n"
                        + "a1.sources.src.interceptors.stamp.type = "
                        + StampInterceptor.Builder.class.getName()
                        + "\n")
                .plugin(tarball)
                .libext("sluice-stamp", stampJar)
                .logLevel("org.apache.flume.sink", "DEBUG")
                .build());
    agent.awaitStarted(GENEROUS);

    assertTrue(Files.isRegularFile(agent.pluginsDir().resolve("sluice-stamp/libext/stamp.jar")));
    await()
        .atMost(GENEROUS)
        .until(() -> agent.counter("SINK.out", "EventDrainSuccessCount") == EVENTS);
    SequenceReport report =
        SequenceChecker.expecting(0, EVENTS, Pattern.compile("^stamped:(\\d+)$"))
            .addFiles(out)
            .report();
    assertTrue(report.isExactlyOnce(), report::toString);

    Map<String, Map<String, String>> metrics = agent.metrics();
    assertTrue(
        metrics.keySet().containsAll(List.of("SOURCE.src", "CHANNEL.ch", "SINK.out")),
        metrics::toString);
    assertEquals(String.valueOf(EVENTS), metrics.get("SOURCE.src").get("EventAcceptedCount"));
    String json = httpGet(agent.httpMetricsPort().getAsInt());
    assertTrue(json.contains("\"SOURCE.src\"") && json.contains("\"EventAcceptedCount\""), json);
    assertThrows(IllegalArgumentException.class, () -> agent.counter("SINK.out", "NoSuchCounter"));
    assertTrue(Files.readString(agent.logFile()).contains("DEBUG"), "logLevel reached the agent");

    long pid = agent.pid();
    assertEquals(143, agent.stop(GENEROUS));
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    // Flume 1.11 runs on JDK 17 without --add-opens: nothing failed a reflective access.
    for (Path log : agent.logFiles()) {
      String text = Files.readString(log);
      assertFalse(
          text.contains("InaccessibleObjectException") || text.contains("IllegalAccess"),
          () -> "reflective access failed in " + log);
    }
  }

  @Test
  void readsCountersOverJmxWhenTheTestRunsItsOwnMonitorFromAPluginDirectory() throws Exception {
    Path work = children.workDir("agent");
    Path plugin = children.workDir("sluice-marker");
    jar(plugin.resolve("lib/marker.jar"), MarkerMonitorService.class);
    Path marker = work.resolve("monitor-started");
    Path out = Files.createDirectories(work.resolve("out"));
    FlumeAgent agent =
        children.start(
            FlumeAgent.builder("a1")
                .workDir(work)
                .config(seqToFileRoll(out))
                .plugin(plugin)
                .systemProperty("flume.monitoring.type", MarkerMonitorService.class.getName())
                .systemProperty("flume.monitoring.marker", marker.toString())
                .build());

    agent.awaitStarted(GENEROUS);

    assertFalse(agent.httpMetricsPort().isPresent());
    assertFalse(
        agent.command().stream().anyMatch(arg -> arg.startsWith("-Dflume.monitoring.port")),
        () -> "HTTP metrics still configured: " + agent.command());
    assertTrue(Files.exists(marker), "the plugin's MonitorService did not start");
    await()
        .atMost(GENEROUS)
        .until(() -> agent.counter("CHANNEL.ch", "EventTakeSuccessCount") == EVENTS);
  }

  @Test
  void awaitStartedFailsFastWhenFlumeDropsAComponent() {
    Path work = children.workDir("agent");
    FlumeAgent agent =
        children.start(
            FlumeAgent.builder("a1")
                .workDir(work)
                .config(
                    seqToFileRoll(work.resolve("out"))
                        .replaceAll("a1.sinks.out.sink.directory = .*\n", ""))
                .build());
    long started = System.nanoTime();

    IllegalStateException error =
        assertThrows(IllegalStateException.class, () -> agent.awaitStarted(Duration.ofMinutes(5)));

    assertTrue(error.getMessage().contains("rejected its configuration"), error.getMessage());
    assertTrue(error.getMessage().contains("Sink out has been removed"), error.getMessage());
    assertTrue(
        Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMinutes(2)) < 0,
        "awaitStarted waited for its timeout instead of failing fast");
  }

  /** seq source (EVENTS events) -> memory channel -> file_roll sink writing to {@code out}. */
  private static String seqToFileRoll(Path out) {
    return String.join(
        "\n",
        "a1.sources = src",
        "a1.channels = ch",
        "a1.sinks = out",
        "a1.sources.src.type = seq",
        "a1.sources.src.totalEvents = " + EVENTS,
        "a1.sources.src.channels = ch",
        "a1.channels.ch.type = memory",
        "a1.sinks.out.type = file_roll",
        "a1.sinks.out.channel = ch",
        "a1.sinks.out.sink.directory = " + out,
        "a1.sinks.out.sink.rollInterval = 0",
        "");
  }

  /** A tarball shaped like a plugin module's: {@code <name>/lib/<name>.jar}. */
  private static Path pluginTarball(Path build, String name, Class<?>... classes)
      throws IOException, InterruptedException, URISyntaxException {
    Path staging = build.resolve("staging");
    jar(staging.resolve(name).resolve("lib").resolve(name + ".jar"), classes);
    Path tarball = build.resolve(name + "-plugin.tar.gz");
    Process tar =
        new ProcessBuilder("tar", "-czf", tarball.toString(), "-C", staging.toString(), name)
            .inheritIO()
            .start();
    assertTrue(tar.waitFor(60, TimeUnit.SECONDS), "tar did not finish");
    assertEquals(0, tar.exitValue(), "tar failed");
    return tarball;
  }

  /** A jar with every class file of the given classes' packages (nested classes included). */
  private static Path jar(Path jar, Class<?>... classes) throws IOException, URISyntaxException {
    Files.createDirectories(jar.getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Class<?> type : classes) {
        Path root = Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path packageDir = root.resolve(type.getPackageName().replace('.', '/'));
        List<Path> files;
        try (Stream<Path> list = Files.list(packageDir)) {
          files = list.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList());
        }
        for (Path file : files) {
          out.putNextEntry(new JarEntry(root.relativize(file).toString()));
          Files.copy(file, out);
          out.closeEntry();
        }
      }
    }
    return jar;
  }

  private static String httpGet(int port) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics").openConnection();
    connection.setConnectTimeout(30_000);
    connection.setReadTimeout(30_000);
    try (InputStream in = connection.getInputStream()) {
      assertEquals(200, connection.getResponseCode());
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      connection.disconnect();
    }
  }
}
