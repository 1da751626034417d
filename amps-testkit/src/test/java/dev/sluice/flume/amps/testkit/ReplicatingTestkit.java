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
package dev.sluice.flume.amps.testkit;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@link AmpsTestServerMain} in a child JVM with fixed ports (so a restart keeps them), its
 * control commands on standard input; {@link #kill()} is a SIGKILL. For tests of replication
 * between processes.
 */
final class ReplicatingTestkit implements AutoCloseable {
  private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

  final String name;
  final int port;
  final int replicationPort;
  private final List<String> flags;
  private final Path dir;
  private Process process;
  private PrintWriter control;
  private BlockingQueue<String> lines;

  private ReplicatingTestkit(String name, Path dir, List<String> extraFlags) {
    this.name = name;
    this.dir = dir;
    this.port = freePort();
    this.replicationPort = freePort();
    this.flags = new ArrayList<>();
    flags.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--replication-port",
            Integer.toString(replicationPort),
            "--control",
            "stdin"));
    flags.addAll(extraFlags);
  }

  /** Builds (does not start) an instance; {@code flags} come after the ports and control. */
  static ReplicatingTestkit create(String name, Path dir, String... flags) {
    return new ReplicatingTestkit(name, dir, List.of(flags));
  }

  /** Ships this instance's log to {@code other} (a flag; call before {@link #start()}). */
  ReplicatingTestkit replicatingTo(ReplicatingTestkit other, long lagMillis) {
    flags.addAll(
        List.of(
            "--replicate-to",
            "127.0.0.1:" + other.replicationPort,
            "--replication-lag-ms",
            Long.toString(lagMillis)));
    return this;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String uri() {
    return "tcp://127.0.0.1:" + port + "/amps/json";
  }

  /** Starts the process and waits for its ready line; returns the line's fields. */
  Map<String, String> start() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(AmpsTestServerMain.class.getName());
    cmd.addAll(flags);
    BlockingQueue<String> out = new LinkedBlockingQueue<>();
    Process p =
        new ProcessBuilder(cmd)
            .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()))
            .start();
    process = p;
    lines = out;
    control =
        new PrintWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8), true);
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                  out.add(l);
                }
              } catch (IOException e) {
                out.add("EOF " + e);
              }
            },
            "testkit-" + name + "-stdout");
    pump.setDaemon(true);
    pump.start();
    String ready = nextLine();
    if (!ready.startsWith(AmpsTestServerMain.READY)) {
      throw new AssertionError(name + " did not start: " + ready);
    }
    Map<String, String> fields = new HashMap<>();
    Matcher m = FIELD.matcher(ready);
    while (m.find()) {
      fields.put(m.group(1), m.group(2));
    }
    return fields;
  }

  private String nextLine() throws InterruptedException {
    String l = lines.poll(60, TimeUnit.SECONDS);
    if (l == null) {
      throw new AssertionError("no line from testkit " + name + " within 60 s");
    }
    return l;
  }

  /** Runs one control command; returns its reply line. */
  String control(String command) throws InterruptedException {
    control.println(command);
    return nextLine();
  }

  /** The value of one {@code key=N} field of the status line. */
  long status(String key) throws InterruptedException {
    String status = control("status");
    Matcher m = Pattern.compile("\\b" + key + "=(\\d+)").matcher(status);
    if (!m.find()) {
      throw new AssertionError("no " + key + " in " + status);
    }
    return Long.parseLong(m.group(1));
  }

  /** SIGKILL: no shutdown hook, nothing flushed or shipped that was not already. */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
