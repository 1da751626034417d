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

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Command lines of child processes, wrapped so that the child dies with its parent: a JVM main runs
 * through {@link ParentWatchdog}, a binary through {@link #BINARY_WATCHDOG_SCRIPT}. A parent pid of
 * 0 means no watchdog.
 */
final class ChildCommand {
  /**
   * Runs {@code "$@"} in place of the shell (same pid) after starting a watcher subshell that
   * SIGKILLs that pid once the parent pid is gone. The watcher ends by itself when the binary does.
   */
  static final String BINARY_WATCHDOG_SCRIPT =
      "parent=$1; shift; "
          + "(while kill -0 \"$parent\" 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep 1; done; "
          + "kill -0 \"$parent\" 2>/dev/null || kill -9 $$) </dev/null & "
          + "exec \"$@\"";

  /**
   * System property naming one JVM option that every child JVM gets first: the build sets it to
   * JaCoCo's {@code -javaagent:...=destfile=<module>/target/jacoco-it.exec,append=true} for
   * integration tests, so code running inside child Flume agents and servers counts toward the
   * module's IT coverage. Unset or empty: nothing is added.
   */
  static final String COVERAGE_AGENT_PROPERTY = "sluice.coverage.childAgent";

  /**
   * System property holding JVM options (separated by whitespace) that every child JVM gets after
   * the coverage agent and before its own options, so a child's own options win. The build sets it
   * for its integration tests (failsafe) to {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}: a
   * test's agents and servers live for seconds, and on CI's 2 cores C2's compilations in each of
   * them compete with the tests for the same cores (docs/development.md). It is never set when
   * {@code bin/bench} runs, so benchmarked JVMs keep the JVM's defaults. Unset or empty: nothing is
   * added.
   */
  static final String CHILD_JVM_OPTIONS_PROPERTY = "sluice.test.childJvmOptions";

  private ChildCommand() {}

  /** Whether this JVM passes a coverage agent to its children (the build's integration tests). */
  static boolean coverageEnabled() {
    return !System.getProperty(COVERAGE_AGENT_PROPERTY, "").isBlank();
  }

  static List<String> jvm(
      List<String> jvmArgs,
      Map<String, String> systemProperties,
      List<Path> classpath,
      String mainClass,
      List<String> args,
      long parentPid) {
    return jvm(
        System.getProperty(COVERAGE_AGENT_PROPERTY, ""),
        options(System.getProperty(CHILD_JVM_OPTIONS_PROPERTY, ""), jvmArgs),
        systemProperties,
        classpath,
        mainClass,
        args,
        parentPid);
  }

  static List<String> jvm(
      String coverageAgent,
      List<String> jvmArgs,
      Map<String, String> systemProperties,
      List<Path> classpath,
      String mainClass,
      List<String> args,
      long parentPid) {
    List<String> line = new ArrayList<>();
    line.add(javaExecutable().toString());
    if (!coverageAgent.isBlank()) {
      line.add(coverageAgent.strip());
    }
    line.addAll(jvmArgs);
    systemProperties.forEach((key, value) -> line.add("-D" + key + "=" + value));
    List<Path> fullClasspath = new ArrayList<>(classpath);
    if (parentPid != 0) {
      fullClasspath.add(ownCodeLocation());
    }
    if (!fullClasspath.isEmpty()) {
      line.add("-cp");
      line.add(
          fullClasspath.stream()
              .map(Path::toString)
              .collect(Collectors.joining(File.pathSeparator)));
    }
    if (parentPid != 0) {
      line.add(ParentWatchdog.class.getName());
      line.add(Long.toString(parentPid));
    }
    line.add(mainClass);
    line.addAll(args);
    return line;
  }

  /**
   * The build's options for every child (whitespace-separated), then the child's own. A later
   * option wins over an earlier one, but the JVM refuses to start with two collectors selected, so
   * a build collector option ({@code -XX:+Use...GC}) is left out when the child selects its own.
   */
  static List<String> options(String common, List<String> own) {
    boolean ownCollector = own.stream().anyMatch(ChildCommand::selectsCollector);
    List<String> options = new ArrayList<>();
    for (String option : common.strip().split("\\s+")) {
      if (!option.isEmpty() && !(ownCollector && selectsCollector(option))) {
        options.add(option);
      }
    }
    options.addAll(own);
    return options;
  }

  private static boolean selectsCollector(String option) {
    return option.startsWith("-XX:+Use") && option.endsWith("GC");
  }

  static List<String> binary(String executable, List<String> args, long parentPid) {
    List<String> line = new ArrayList<>();
    if (parentPid != 0) {
      line.addAll(List.of("/bin/sh", "-c", BINARY_WATCHDOG_SCRIPT, "sluice-watchdog"));
      line.add(Long.toString(parentPid));
    }
    line.add(executable);
    line.addAll(args);
    return line;
  }

  static Path javaExecutable() {
    return Paths.get(System.getProperty("java.home"), "bin", "java");
  }

  /** Where test-support's own classes are (a jar or a classes directory). */
  static Path ownCodeLocation() {
    try {
      return Paths.get(
          ParentWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate test-support's classes", e);
    }
  }
}
