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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * How a {@link ServerProcess} tells that it is ready: a TCP port accepts connections, a line of its
 * log matches a pattern, or any condition the test supplies. Probes are polled until they pass or
 * the deadline given to {@link ServerProcess.Builder#readiness} passes.
 */
public final class ReadinessProbe {
  private static final int CONNECT_TIMEOUT_MILLIS = 500;

  /** One run's view of a probe; a log probe keeps its read position in here. */
  interface Check {
    boolean ready() throws IOException;
  }

  /** Creates the check for one run, given the log file and where that run's output starts. */
  interface CheckFactory {
    Check begin(Path logFile, long logOffset);
  }

  private final String description;
  private final CheckFactory factory;

  private ReadinessProbe(String description, CheckFactory factory) {
    this.description = description;
    this.factory = factory;
  }

  /** Ready as soon as the process has been started (and has not exited). */
  public static ReadinessProbe started() {
    return new ReadinessProbe("process started", (log, offset) -> () -> true);
  }

  /** Ready when a TCP connection to {@code port} on the loopback address succeeds. */
  public static ReadinessProbe tcpPort(int port) {
    return tcpPort(InetAddress.getLoopbackAddress().getHostAddress(), port);
  }

  /** Ready when a TCP connection to {@code host:port} succeeds. */
  public static ReadinessProbe tcpPort(String host, int port) {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be in 1..65535, was " + port);
    }
    return new ReadinessProbe(
        "TCP port " + host + ":" + port + " accepts connections",
        (log, offset) -> () -> accepts(host, port));
  }

  /**
   * Ready when a line that the process wrote to its log file since this start contains a match for
   * {@code regex} (searched with {@link java.util.regex.Matcher#find()}).
   */
  public static ReadinessProbe logLine(String regex) {
    Pattern pattern = Pattern.compile(regex);
    return new ReadinessProbe(
        "a log line matches /" + regex + "/", (log, offset) -> new LogScan(log, offset, pattern));
  }

  /** Ready when {@code condition} returns true; {@code description} appears in failure messages. */
  public static ReadinessProbe condition(String description, BooleanSupplier condition) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(condition, "condition");
    return new ReadinessProbe(description, (log, offset) -> condition::getAsBoolean);
  }

  Check begin(Path logFile, long logOffset) {
    return factory.begin(logFile, logOffset);
  }

  @Override
  public String toString() {
    return description;
  }

  private static boolean accepts(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Matches the complete lines this run wrote; reads only what is new on each poll. */
  private static final class LogScan implements Check {
    private final LogScanner scanner;
    private final Pattern pattern;

    LogScan(Path file, long position, Pattern pattern) {
      this.scanner = new LogScanner(file, position);
      this.pattern = pattern;
    }

    @Override
    public boolean ready() throws IOException {
      boolean matched = false;
      for (String line : scanner.newLines()) {
        matched |= pattern.matcher(line).find();
      }
      return matched;
    }
  }
}
