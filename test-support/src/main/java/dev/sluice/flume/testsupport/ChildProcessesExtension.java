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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes sure no {@link ChildProcess} outlives its test, and shows the child's logs when a test
 * fails.
 *
 * <pre>{@code
 * @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();
 *
 * @Test
 * void deliversEverything() {
 *   FlumeAgent agent = children.start(FlumeAgent.builder("a1")
 *       .workDir(children.workDir("agent")).config(config).build());
 *   ...
 * }
 * }</pre>
 *
 * <p>Children tracked while a test runs (in the test or its {@code @BeforeEach}) are killed after
 * that test; children tracked in {@code @BeforeAll} are killed after all tests of the class. With
 * {@link #perClass()}, which must be registered on a static field, every child lives until after
 * all tests. When a test fails, the tail of each child's logs (and their paths) is printed to the
 * test's output and attached to the failure as a suppressed exception, so it shows in the report.
 *
 * <p>Work directories from {@link #workDir(String)} live under {@code
 * target/child-processes/<TestClass>/<test>/} and are kept after the test for inspection.
 */
public final class ChildProcessesExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  /** How long an agent gets to exit on SIGTERM at the end of a test when coverage is collected. */
  static final Duration COVERAGE_STOP = Duration.ofSeconds(10);

  static final Path WORK_ROOT = Paths.get("target", "child-processes");

  private final boolean perClass;
  private int tailLines = 60;
  private final List<ChildProcess> classChildren = new ArrayList<>();
  private final List<ChildProcess> testChildren = new ArrayList<>();
  private final Set<Path> usedWorkDirs = new HashSet<>();
  private boolean registeredStatically;
  private Path classDir;
  private Path testDir;

  private ChildProcessesExtension(boolean perClass) {
    this.perClass = perClass;
  }

  /** Kills the children a test started after that test (the usual choice). */
  public static ChildProcessesExtension perTest() {
    return new ChildProcessesExtension(false);
  }

  /**
   * Keeps children running across the tests of a class, killing them after all of them; register it
   * on a static field.
   */
  public static ChildProcessesExtension perClass() {
    return new ChildProcessesExtension(true);
  }

  /** How many lines of each log to show when a test fails (default 60). */
  public ChildProcessesExtension tailLines(int lines) {
    if (lines < 1) {
      throw new IllegalArgumentException("tailLines must be at least 1, was " + lines);
    }
    this.tailLines = lines;
    return this;
  }

  /** Tracks {@code child} so that it is killed after the test (or class). */
  public synchronized <T extends ChildProcess> T track(T child) {
    Objects.requireNonNull(child, "child");
    if (testDir != null && !perClass) {
      testChildren.add(child);
    } else {
      classChildren.add(child);
    }
    return child;
  }

  /** Tracks {@code child} and starts it. */
  public <T extends ChildProcess> T start(T child) {
    track(child);
    child.start();
    return child;
  }

  /**
   * A fresh, empty directory for one child of the current test: {@code
   * target/child-processes/<TestClass>/<test method>/<name>}, or without the method part in
   * {@code @BeforeAll}. Anything left there by an earlier build is deleted first.
   */
  public synchronized Path workDir(String name) {
    if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("work dir name must match [A-Za-z0-9._-]+, was " + name);
    }
    Path base = testDir != null ? testDir : classDir;
    if (base == null) {
      throw new IllegalStateException(
          "workDir() works inside a test or @BeforeAll/@BeforeEach of a class that registers"
              + " this extension with @RegisterExtension");
    }
    Path dir = base.resolve(name).toAbsolutePath();
    for (int suffix = 2; !usedWorkDirs.add(dir); suffix++) {
      dir = base.resolve(name + "-" + suffix).toAbsolutePath();
    }
    try {
      PluginsDirectory.deleteRecursively(dir);
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create work dir " + dir, e);
    }
  }

  /** The children tracked now. */
  public synchronized List<ChildProcess> tracked() {
    List<ChildProcess> all = new ArrayList<>(classChildren);
    all.addAll(testChildren);
    return all;
  }

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    registeredStatically = true;
    classDir = WORK_ROOT.resolve(safe(context.getRequiredTestClass().getSimpleName()));
  }

  @Override
  public synchronized void beforeEach(ExtensionContext context) {
    if (perClass && !registeredStatically) {
      throw new IllegalStateException(
          "ChildProcessesExtension.perClass() must be registered on a static field");
    }
    if (classDir == null) {
      classDir = WORK_ROOT.resolve(safe(context.getRequiredTestClass().getSimpleName()));
    }
    testDir = classDir.resolve(safe(context.getRequiredTestMethod().getName()));
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    testDir = null;
    context
        .getExecutionException()
        .ifPresent(failure -> report(context.getDisplayName(), failure, tracked()));
    List<ChildProcess> finished = new ArrayList<>(testChildren);
    testChildren.clear();
    killAll(finished);
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    context
        .getExecutionException()
        .ifPresent(failure -> report(context.getDisplayName(), failure, tracked()));
    List<ChildProcess> finished = tracked();
    classChildren.clear();
    testChildren.clear();
    killAll(finished);
  }

  private void report(String test, Throwable failure, List<ChildProcess> children) {
    if (children.isEmpty()) {
      return;
    }
    StringBuilder text =
        new StringBuilder("Logs of the child processes of failed test '").append(test).append("':");
    for (ChildProcess child : children) {
      text.append(System.lineSeparator())
          .append("== ")
          .append(child.name())
          .append(describePid(child))
          .append(", logs ")
          .append(child.logFiles());
      for (Path log : child.logFiles()) {
        text.append(System.lineSeparator()).append(LogTail.describe(log, tailLines));
      }
    }
    System.out.println(text);
    failure.addSuppressed(new ChildProcessLogs(text.toString()));
  }

  /**
   * While the build collects coverage from child JVMs ({@link
   * ChildCommand#COVERAGE_AGENT_PROPERTY}), gives every running Flume agent SIGTERM and up to
   * {@link #COVERAGE_STOP} to exit, so that JaCoCo's agent in it writes what the agent ran (SIGKILL
   * would lose it). All at once: one at a time, a topology of 21 agents took 90 s to end, since
   * each Avro source alone takes about 4 s to stop. Servers keep running meanwhile, so agents stop
   * cleanly.
   */
  private static void stopAgentsForCoverage(
      List<ChildProcess> children, List<RuntimeException> failures) {
    if (!ChildCommand.coverageEnabled()) {
      return;
    }
    List<Thread> stopping = new ArrayList<>();
    for (ChildProcess child : children) {
      if (child instanceof FlumeAgent && child.isAlive()) {
        Thread t =
            new Thread(
                () -> {
                  try {
                    child.stop(COVERAGE_STOP);
                  } catch (IllegalStateException e) {
                    // It did not exit in time and stop() killed it: only its coverage is lost.
                  } catch (RuntimeException e) {
                    failures.add(e);
                  }
                },
                "stop-" + child.name());
        t.setDaemon(true);
        t.start();
        stopping.add(t);
      }
    }
    long deadline = System.nanoTime() + COVERAGE_STOP.plusSeconds(30).toNanos();
    for (Thread t : stopping) {
      try {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return; // the kills that follow still end every child
      }
    }
  }

  private static String describePid(ChildProcess child) {
    try {
      return " (pid " + child.pid() + (child.isAlive() ? ", running)" : ", exited)");
    } catch (IllegalStateException e) {
      return " (never started)";
    }
  }

  private static void killAll(List<ChildProcess> children) {
    List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
    stopAgentsForCoverage(children, failures);
    for (ChildProcess child : children) {
      try {
        child.kill();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    List<RuntimeException> all;
    synchronized (failures) {
      all = new ArrayList<>(failures);
    }
    if (!all.isEmpty()) {
      RuntimeException failure = all.get(0);
      for (RuntimeException e : all.subList(1, all.size())) {
        failure.addSuppressed(e);
      }
      throw failure;
    }
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** Carries the log tails in a failed test's report; it has no stack trace of its own. */
  static final class ChildProcessLogs extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ChildProcessLogs(String message) {
      super(message, null, false, false);
    }
  }
}
