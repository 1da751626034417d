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

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/sluice-install} as a user would (from the source tree, stdin not a terminal) and
 * lays out a FLUME_HOME like Flume 1.11's binary distribution: {@code lib/} with Flume's jars (the
 * ones test-support's agents run, linked) and an empty {@code plugins.d/}.
 */
final class InstallCommand {
  /** The reactor root: ITs run in release-tools/. */
  static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();

  static final Path SCRIPT = ROOT.resolve("bin/sluice-install");

  private InstallCommand() {}

  /** What a run printed (stdout and stderr together) and its exit status. */
  static final class Result {
    final int exit;
    final String output;

    Result(int exit, String output) {
      this.exit = exit;
      this.output = output;
    }

    @Override
    public String toString() {
      return "exit " + exit + ":\n" + output;
    }
  }

  static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    return runScript(SCRIPT, ROOT, workDir, args);
  }

  /** Runs {@code script} in directory {@code cwd}; its output is kept in {@code workDir}. */
  static Result runScript(Path script, Path cwd, Path workDir, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    Path log = workDir.resolve("sluice-install-" + System.nanoTime() + ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("sluice-install did not finish in 5 minutes: " + command);
    }
    return new Result(process.exitValue(), Files.readString(log, UTF_8));
  }

  /** A FLUME_HOME with lib/ (Flume 1.11's jars) and plugins.d/. */
  static Path flumeHome(Path dir) throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Files.createDirectories(dir.resolve("plugins.d"));
    for (Path jar : flumeLibJars()) {
      Path link = lib.resolve(jar.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, jar);
      }
    }
    return dir;
  }

  /**
   * Flume 1.11's lib jars as test-support resolved them for its agents (its resource
   * flume-classpath.txt, the classpath FlumeAgent starts agents with).
   */
  static List<Path> flumeLibJars() throws IOException {
    String text;
    try (InputStream in =
        dev.sluice.flume.testsupport.FlumeAgent.class.getResourceAsStream("flume-classpath.txt")) {
      if (in == null) {
        throw new IllegalStateException("test-support has no flume-classpath.txt: rebuild it");
      }
      text = new String(in.readAllBytes(), UTF_8);
    }
    List<Path> jars = new ArrayList<>();
    for (String entry : text.trim().split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        jars.add(Paths.get(entry.trim()));
      }
    }
    return jars;
  }
}
