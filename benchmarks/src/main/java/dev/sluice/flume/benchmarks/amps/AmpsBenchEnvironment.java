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
package dev.sluice.flume.benchmarks.amps;

import com.crankuptheamps.client.HAClient;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.PluginTarball;
import dev.sluice.flume.testsupport.ReadinessProbe;
import dev.sluice.flume.testsupport.ServerProcess;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the AMPS end-to-end benchmarks share: a work directory under {@code benchmarks/target}, the
 * module's plugin tarball, the testkit server in its own process, the AMPS client jar to add to a
 * plugin's libext, and cleanup of every process started.
 */
public final class AmpsBenchEnvironment implements AutoCloseable {
  private static final Duration GENEROUS = Duration.ofMinutes(5);

  private final Path work;
  private final Path tarball;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  private AmpsBenchEnvironment(Path work, Path tarball) {
    this.work = work;
    this.tarball = tarball;
  }

  /**
   * The environment for one plugin module's benchmark.
   *
   * @param module the plugin module under test, e.g. {@code amps-sink}
   * @param tarballArgument the tarball given on the command line, or null for the module's build
   */
  public static AmpsBenchEnvironment create(String module, String tarballArgument)
      throws IOException {
    Path tarball;
    if (tarballArgument != null) {
      tarball = Paths.get(tarballArgument).toAbsolutePath();
      if (!Files.isRegularFile(tarball)) {
        throw new IllegalArgumentException(tarball + " is missing");
      }
    } else {
      tarball = PluginTarball.of(Paths.get(module));
    }
    Path work =
        Files.createTempDirectory(
            Files.createDirectories(Paths.get("benchmarks", "target").toAbsolutePath()),
            module + "-bench");
    return new AmpsBenchEnvironment(work, tarball);
  }

  public Path work() {
    return work;
  }

  public Path tarball() {
    return tarball;
  }

  /** Starts the testkit (no transaction log) in its own JVM and returns its URI. */
  public String startTestkit(String maxHeap) throws IOException {
    int port = FreePorts.allocate();
    ServerProcess p =
        ServerProcess.jvm("amps-testkit", "dev.sluice.flume.amps.testkit.AmpsTestServerMain")
            .testClasspath()
            .jvmArgs("-Xmx" + maxHeap)
            .args("--port", Integer.toString(port), "--no-log", "--quiet")
            .workDir(Files.createDirectories(work.resolve("testkit")))
            .readiness(ReadinessProbe.logLine("AMPS-TESTKIT READY"), GENEROUS)
            .build();
    p.start();
    cleanup.add(p::kill);
    return "tcp://127.0.0.1:" + port + "/amps/json";
  }

  /**
   * Starts a testkit of its own for one comparison, in its own JVM; close it when the comparison is
   * done. With {@code transactionLog} it keeps a transaction log in memory (what bookmark
   * subscriptions need), else none ({@code --no-log}).
   */
  public Testkit startTestkit(Path dir, String maxHeap, boolean transactionLog) throws IOException {
    int port = FreePorts.allocate();
    List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--quiet"));
    if (!transactionLog) {
      args.add("--no-log");
    }
    ServerProcess p =
        ServerProcess.jvm("amps-testkit", "dev.sluice.flume.amps.testkit.AmpsTestServerMain")
            .testClasspath()
            .jvmArgs("-Xmx" + maxHeap)
            .args(args.toArray(new String[0]))
            .workDir(Files.createDirectories(dir))
            .readiness(ReadinessProbe.logLine("AMPS-TESTKIT READY"), GENEROUS)
            .build();
    p.start();
    cleanup.add(p::kill);
    return new Testkit(p, "tcp://127.0.0.1:" + port + "/amps/json");
  }

  /** A testkit started for one comparison. */
  public static final class Testkit implements AutoCloseable {
    private final ServerProcess process;
    private final String uri;

    Testkit(ServerProcess process, String uri) {
      this.process = process;
      this.uri = uri;
    }

    public String uri() {
      return uri;
    }

    public ServerProcess process() {
      return process;
    }

    @Override
    public void close() {
      process.kill();
    }
  }

  /** Closes this with the environment (an agent, a client). */
  public void onClose(AutoCloseable c) {
    cleanup.add(c);
  }

  /**
   * This JVM's classpath with every entry absolute, for a child JVM of the benchmark's own classes
   * that runs in a work directory of its own.
   */
  public static List<Path> benchmarkClasspath() {
    List<Path> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!e.isEmpty()) {
        entries.add(Paths.get(e).toAbsolutePath());
      }
    }
    return entries;
  }

  /**
   * The JVM option that has a child JVM record a JFR profile into {@code file}: JFR's {@code
   * profile} settings, or the {@code .jfc} file named by the system property {@code
   * bench.jfr.settings} (for example one sampling every millisecond).
   */
  public static String jfrOption(Path file) {
    return "-XX:StartFlightRecording=settings="
        + System.getProperty("bench.jfr.settings", "profile")
        + ",filename="
        + file;
  }

  /** The AMPS client jar this JVM uses: added to a plugin's libext, never packed. */
  public static Path ampsClientJar() {
    try {
      return Paths.get(HAClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (AutoCloseable c : cleanup) {
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("cleanup: " + e);
      }
    }
  }
}
