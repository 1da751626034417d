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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A process a test started: a {@link FlumeAgent} or a {@link ServerProcess}. {@link
 * ChildProcessesExtension} tracks these so that none outlives its test.
 */
public interface ChildProcess {

  /** A short name for messages and log headers. */
  String name();

  /**
   * Starts the process (and, for a {@link ServerProcess}, waits until its readiness probe passes).
   *
   * @throws IllegalStateException if it is already running or never became ready
   */
  ChildProcess start();

  /** Stops the process if it is running, then starts it again with the same settings. */
  ChildProcess restart();

  /**
   * Asks the process to stop (SIGTERM) and waits up to {@code timeout}. If it has not exited by
   * then, it is killed and an {@link IllegalStateException} is thrown.
   *
   * @return the exit code (143 for a JVM that ran its shutdown hooks after SIGTERM)
   */
  int stop(Duration timeout);

  /** Kills the process and everything it started (SIGKILL) and waits until it has exited. */
  void kill();

  /** Whether the process is running now. */
  boolean isAlive();

  /**
   * The operating-system id of the current run (or of the last one, after it exited).
   *
   * @throws IllegalStateException if the process was never started
   */
  long pid();

  /** The main log file of the process. */
  Path logFile();

  /** Every log file worth reading when a test fails, the main one first. */
  List<Path> logFiles();
}
