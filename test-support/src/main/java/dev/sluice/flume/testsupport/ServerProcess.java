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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real server in its own process for integration tests: a JVM main class with its own classpath,
 * or a system binary. Output (stdout and stderr) is appended to a log file, start waits for a
 * {@link ReadinessProbe}, and the process can be stopped, killed and restarted.
 *
 * <pre>{@code
 * int port = FreePorts.allocate();
 * ServerProcess server = children.start(
 *     ServerProcess.jvm("amps-test-server", "dev.sluice.amps.testkit.TestServerMain")
 *         .testClasspath()
 *         .args("--port", Integer.toString(port))
 *         .workDir(children.workDir("amps"))
 *         .readiness(ReadinessProbe.tcpPort(port), Duration.ofSeconds(60))
 *         .build());
 * }</pre>
 *
 * <p>Unless {@link Builder#watchParent(boolean)} turns it off, the child halts itself when the test
 * JVM is gone (even after a SIGKILL): a JVM through {@link ParentWatchdog}, a binary through a
 * small {@code /bin/sh} wrapper that {@code exec}s it, so {@link #pid()} is the binary's own pid.
 */
public final class ServerProcess implements ChildProcess {
  static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration KILL_WAIT = Duration.ofSeconds(60);
  private static final int TAIL_LINES = 40;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path workDir;
  private final Path logFile;
  private final ReadinessProbe readiness;
  private final Duration readinessTimeout;

  private Process process;
  private int starts;

  private ServerProcess(Builder builder) {
    this.name = builder.name;
    this.command = List.copyOf(builder.command());
    this.env = Map.copyOf(builder.env);
    this.workDir = builder.workDir;
    this.logFile = builder.logFile != null ? builder.logFile : workDir.resolve(name + ".log");
    this.readiness = builder.readiness;
    this.readinessTimeout = builder.readinessTimeout;
  }

  /** The JVM option every JVM child gets unless its own options name an OutOfMemoryError action. */
  public static final String EXIT_ON_OOM = "-XX:+ExitOnOutOfMemoryError";

  /**
   * A JVM running {@code mainClass}; set its classpath with {@link Builder#classpath}. It runs with
   * {@value #EXIT_ON_OOM} unless its {@link Builder#jvmArgs} name another OutOfMemoryError action.
   */
  public static Builder jvm(String name, String mainClass) {
    return new Builder(name, Objects.requireNonNull(mainClass, "mainClass"), null);
  }

  /** A system binary, such as {@code /usr/bin/carbon-cache}, or a name looked up on the PATH. */
  public static Builder command(String name, String executable, String... args) {
    return new Builder(name, null, Objects.requireNonNull(executable, "executable")).args(args);
  }

  @Override
  public String name() {
    return name;
  }

  /** Starts the process and waits until its readiness probe passes. */
  @Override
  public synchronized ServerProcess start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
    }
    long logOffset = prepareLog();
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(logFile.toFile()));
    builder.environment().putAll(env);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
    starts++;
    LiveChildren.add(process);
    awaitReady(logOffset);
    return this;
  }

  @Override
  public synchronized ServerProcess restart() {
    if (process != null && process.isAlive()) {
      stop(DEFAULT_STOP_TIMEOUT);
    }
    return start();
  }

  @Override
  public synchronized int stop(Duration timeout) {
    Process current = started();
    if (!current.isAlive()) {
      return current.exitValue();
    }
    List<ProcessHandle> descendants = current.descendants().collect(Collectors.toList());
    current.destroy();
    if (!waitFor(current, timeout)) {
      kill();
      throw new IllegalStateException(
          name
              + " (pid "
              + current.pid()
              + ") did not exit within "
              + timeout
              + " of SIGTERM, so it was killed\n"
              + LogTail.describe(logFile, TAIL_LINES));
    }
    for (ProcessHandle descendant : descendants) {
      descendant.destroyForcibly();
    }
    return current.exitValue();
  }

  @Override
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
    LiveChildren.killTree(process.toHandle());
    if (!waitFor(process, KILL_WAIT)) {
      throw new IllegalStateException(
          name + " (pid " + process.pid() + ") is still alive " + KILL_WAIT + " after SIGKILL");
    }
    for (ProcessHandle descendant : descendants) {
      awaitExit(descendant);
    }
  }

  @Override
  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  @Override
  public synchronized long pid() {
    return started().pid();
  }

  @Override
  public Path logFile() {
    return logFile;
  }

  @Override
  public List<Path> logFiles() {
    return List.of(logFile);
  }

  /** The directory the process runs in. */
  public Path workDir() {
    return workDir;
  }

  /** The full command line, including the watchdog wrapper. */
  public List<String> command() {
    return command;
  }

  /** The exit code, or -1 while it runs. */
  synchronized int exitCodeOrMinusOne() {
    return process == null || process.isAlive() ? -1 : process.exitValue();
  }

  @Override
  public String toString() {
    return "ServerProcess[" + name + "]";
  }

  private Process started() {
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return process;
  }

  private long prepareLog() {
    try {
      Files.createDirectories(workDir);
      Path parent = logFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      String header =
          String.format(
              "---- test-support: start #%d of %s at %s%n---- command: %s%n",
              starts + 1, name, Instant.now(), String.join(" ", command));
      Files.write(
          logFile,
          header.getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      return Files.size(logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare work dir and log of " + name, e);
    }
  }

  private void awaitReady(long logOffset) {
    ReadinessProbe.Check check = readiness.begin(logFile, logOffset);
    Deadline deadline = Deadline.after(readinessTimeout);
    IOException lastError = null;
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited with code "
                + process.exitValue()
                + " before it was ready ("
                + readiness
                + ")\n"
                + LogTail.describe(logFile, TAIL_LINES));
      }
      try {
        if (check.ready()) {
          return;
        }
      } catch (IOException e) {
        lastError = e;
      }
      if (deadline.expired()) {
        kill();
        IllegalStateException failure =
            new IllegalStateException(
                name
                    + " was not ready within "
                    + readinessTimeout
                    + " ("
                    + readiness
                    + "), so it was killed\n"
                    + LogTail.describe(logFile, TAIL_LINES));
        if (lastError != null) {
          failure.addSuppressed(lastError);
        }
        throw failure;
      }
      deadline.pause();
    }
  }

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      LiveChildren.killTree(process.toHandle());
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for pid " + process.pid(), e);
    }
  }

  /**
   * Waits until a killed descendant no longer runs. Polls rather than using onExit(), which waits
   * 300+ ms between polls of a non-child and also waits for a zombie to be reaped.
   */
  private static void awaitExit(ProcessHandle handle) {
    Deadline deadline = Deadline.after(KILL_WAIT);
    while (LiveChildren.isRunning(handle)) {
      if (deadline.expired()) {
        throw new IllegalStateException(
            "pid " + handle.pid() + " is still alive " + KILL_WAIT + " after SIGKILL");
      }
      deadline.pause();
    }
  }

  /** Settings of a {@link ServerProcess}. Each setter checks its argument at once. */
  public static final class Builder {
    private final String name;
    private final String mainClass;
    private final String executable;
    private final List<Path> classpath = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path workDir;
    private Path logFile;
    private ReadinessProbe readiness = ReadinessProbe.started();
    private Duration readinessTimeout = Duration.ofSeconds(60);
    private boolean watchParent = true;
    private long parentPid = ProcessHandle.current().pid();

    private Builder(String name, String mainClass, String executable) {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "name must match " + NAME.pattern() + " (it names the log file), was " + name);
      }
      this.name = name;
      this.mainClass = mainClass;
      this.executable = executable;
    }

    /** Appends entries to the JVM's classpath (JVM processes only). */
    public Builder classpath(Collection<Path> entries) {
      requireJvm("classpath");
      for (Path entry : entries) {
        classpath.add(Objects.requireNonNull(entry, "classpath entry"));
      }
      return this;
    }

    /** Appends entries to the JVM's classpath (JVM processes only). */
    public Builder classpath(Path... entries) {
      return classpath(Arrays.asList(entries));
    }

    /** Appends the classpath of the running test JVM (JVM processes only). */
    public Builder testClasspath() {
      requireJvm("testClasspath");
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          classpath.add(Paths.get(entry));
        }
      }
      return this;
    }

    /** Appends JVM options such as {@code -Xmx256m} (JVM processes only). */
    public Builder jvmArgs(String... options) {
      requireJvm("jvmArgs");
      for (String option : options) {
        jvmArgs.add(Objects.requireNonNull(option, "jvm option"));
      }
      return this;
    }

    /** Sets {@code -Dkey=value} (JVM processes only). */
    public Builder systemProperty(String key, String value) {
      requireJvm("systemProperty");
      if (key == null || key.isEmpty()) {
        throw new IllegalArgumentException("system property key must not be empty");
      }
      systemProperties.put(key, Objects.requireNonNull(value, "value of " + key));
      return this;
    }

    /** Appends program arguments. */
    public Builder args(String... arguments) {
      for (String argument : arguments) {
        args.add(Objects.requireNonNull(argument, "argument"));
      }
      return this;
    }

    /** Sets an environment variable on top of the test JVM's environment. */
    public Builder env(String key, String value) {
      if (key == null || key.isEmpty()) {
        throw new IllegalArgumentException("environment variable name must not be empty");
      }
      env.put(key, Objects.requireNonNull(value, "value of " + key));
      return this;
    }

    /** The directory the process runs in (created if missing). Required. */
    public Builder workDir(Path dir) {
      this.workDir = Objects.requireNonNull(dir, "workDir").toAbsolutePath();
      return this;
    }

    /** Where stdout and stderr are appended; default {@code <workDir>/<name>.log}. */
    public Builder logFile(Path file) {
      this.logFile = Objects.requireNonNull(file, "logFile").toAbsolutePath();
      return this;
    }

    /** How {@link ServerProcess#start()} knows the process is ready, and how long it may take. */
    public Builder readiness(ReadinessProbe probe, Duration timeout) {
      Objects.requireNonNull(probe, "probe");
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("readiness timeout must be positive, was " + timeout);
      }
      this.readiness = probe;
      this.readinessTimeout = timeout;
      return this;
    }

    /**
     * Whether the child halts itself when the test JVM dies (default true). Turn it off only for a
     * process that must outlive the test JVM on purpose, which should be never.
     */
    public Builder watchParent(boolean watch) {
      this.watchParent = watch;
      return this;
    }

    /** Watches another process instead of the test JVM; lets tests simulate a dying parent. */
    Builder parentPid(long pid) {
      this.parentPid = pid;
      return this;
    }

    /** Checks that every required setting is there. */
    public ServerProcess build() {
      if (workDir == null) {
        throw new IllegalStateException("workDir is required for " + name);
      }
      return new ServerProcess(this);
    }

    private void requireJvm(String setting) {
      if (mainClass == null) {
        throw new IllegalStateException(
            setting + " applies to JVM processes only; " + name + " runs " + executable);
      }
    }

    private List<String> command() {
      long watched = watchParent ? parentPid : 0;
      return mainClass != null
          ? ChildCommand.jvm(
              withOomExit(jvmArgs), systemProperties, classpath, mainClass, args, watched)
          : ChildCommand.binary(executable, args, watched);
    }

    /**
     * The JVM options, first {@value #EXIT_ON_OOM} unless they say otherwise: a child whose threads
     * died of OutOfMemoryError would stay up and stop answering, and its clients (a publisher, a
     * test) would wait on it for ever; exiting makes the failure visible at once, in its log.
     */
    private static List<String> withOomExit(List<String> jvmArgs) {
      for (String option : jvmArgs) {
        if (option.contains("OnOutOfMemoryError")) {
          return jvmArgs;
        }
      }
      List<String> options = new ArrayList<>(jvmArgs.size() + 1);
      options.add(EXIT_ON_OOM);
      options.addAll(jvmArgs);
      return options;
    }
  }
}
