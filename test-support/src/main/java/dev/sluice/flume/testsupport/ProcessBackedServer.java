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
 * A real server that runs as one {@link ServerProcess} (HBase, Kafka): the lifecycle of {@link
 * ChildProcess} handed to that process, so each server class holds only what is its own (its
 * settings, its readiness, its client-facing addresses).
 */
abstract class ProcessBackedServer implements ChildProcess {
  /** The server's child process. */
  final ServerProcess process;

  ProcessBackedServer(ServerProcess process) {
    this.process = process;
  }

  /** The child process. */
  public ServerProcess process() {
    return process;
  }

  @Override
  public String name() {
    return process.name();
  }

  /** Starts the child JVM and waits until it is ready. */
  @Override
  public ChildProcess start() {
    process.start();
    return this;
  }

  /** Stops (SIGTERM) if running, then starts on the same data and ports. */
  @Override
  public ChildProcess restart() {
    process.restart();
    return this;
  }

  /** Shuts the server down gracefully and waits up to {@code timeout}. */
  @Override
  public int stop(Duration timeout) {
    return process.stop(timeout);
  }

  /** Shuts the server down gracefully, waiting up to {@link ServerProcess#DEFAULT_STOP_TIMEOUT}. */
  public int stop() {
    return process.stop(ServerProcess.DEFAULT_STOP_TIMEOUT);
  }

  /** SIGKILLs the server: only what it had made durable survives. */
  @Override
  public void kill() {
    process.kill();
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public Path logFile() {
    return process.logFile();
  }

  @Override
  public List<Path> logFiles() {
    return process.logFiles();
  }
}
