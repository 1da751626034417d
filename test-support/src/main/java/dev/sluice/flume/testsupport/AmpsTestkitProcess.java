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

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AMPS testkit ({@code dev.sluice.flume.amps.testkit.AmpsTestServerMain}, taken from the test
 * class path) in its own JVM: fixed ports so a restart keeps them, its transaction log on disk in
 * its work directory so a restart keeps the log, control commands over its admin port. {@link
 * #kill()} is a SIGKILL, a real process death. {@link #pair} starts two of them replicating to each
 * other as a replicated AMPS pair does: separate processes, engines and logs, with a replication
 * lag, so a failover meets an instance that lacks the newest messages until replication catches up.
 */
public final class AmpsTestkitProcess {
  private static final String MAIN = "dev.sluice.flume.amps.testkit.AmpsTestServerMain";
  private static final Duration START = Duration.ofMinutes(2);

  private final ServerProcess process;
  private final int port;
  private final int adminPort;
  private final int replicationPort;

  private AmpsTestkitProcess(ServerProcess process, int port, int adminPort, int replicationPort) {
    this.process = process;
    this.port = port;
    this.adminPort = adminPort;
    this.replicationPort = replicationPort;
  }

  /**
   * Starts one instance named {@code name} (also its work directory); {@code extraArgs} such as
   * {@code --sow orders=/order_key}.
   */
  public static AmpsTestkitProcess start(
      ChildProcessesExtension children, String name, String... extraArgs) {
    int[] ports = FreePorts.allocate(3);
    AmpsTestkitProcess p = create(children, name, ports, List.of(extraArgs));
    children.start(p.process);
    return p;
  }

  /**
   * Starts a replicated pair: {@code primary} ships every log entry to {@code replica} {@code lag}
   * late and {@code replica} ships back to {@code primary} as late (so what is published on either
   * reaches the other). With {@code sync} the primary's persisted acks wait until the replica holds
   * the message (a sync destination); the replica's link back is always async, as a sync
   * destination that is down would hold every persisted ack of the replica once the primary has
   * died. Returns {primary, replica}.
   */
  public static AmpsTestkitProcess[] pair(
      ChildProcessesExtension children, Duration lag, boolean sync, String... extraArgs) {
    int[] a = FreePorts.allocate(3);
    int[] b = FreePorts.allocate(3);
    List<String> toB = replication(b[2], lag, sync, extraArgs);
    List<String> toA = replication(a[2], lag, false, extraArgs);
    AmpsTestkitProcess primary = create(children, "amps-primary", a, toB);
    AmpsTestkitProcess replica = create(children, "amps-replica", b, toA);
    children.start(replica.process);
    children.start(primary.process);
    return new AmpsTestkitProcess[] {primary, replica};
  }

  private static List<String> replication(
      int targetReplicationPort, Duration lag, boolean sync, String... extraArgs) {
    List<String> args = new ArrayList<>();
    args.add("--replicate-to");
    args.add("127.0.0.1:" + targetReplicationPort);
    args.add("--replication-lag-ms");
    args.add(Long.toString(lag.toMillis()));
    if (sync) {
      args.add("--replication-sync");
    }
    args.addAll(List.of(extraArgs));
    return args;
  }

  private static AmpsTestkitProcess create(
      ChildProcessesExtension children, String name, int[] ports, List<String> extraArgs) {
    Path work = children.workDir(name);
    Path log;
    try {
      log = Files.createDirectories(work.resolve("txlog"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--port",
            Integer.toString(ports[0]),
            "--admin-port",
            Integer.toString(ports[1]),
            "--replication-port",
            Integer.toString(ports[2]),
            "--log-dir",
            log.toString(),
            "--quiet"));
    args.addAll(extraArgs);
    ServerProcess p =
        ServerProcess.jvm(name, MAIN)
            .testClasspath()
            .jvmArgs("-Xmx256m")
            .args(args.toArray(new String[0]))
            .workDir(work)
            .readiness(ReadinessProbe.logLine("AMPS-TESTKIT READY"), START)
            .build();
    return new AmpsTestkitProcess(p, ports[0], ports[1], ports[2]);
  }

  /** {@code tcp://127.0.0.1:PORT/amps/json}. */
  public String uri() {
    return "tcp://127.0.0.1:" + port + "/amps/json";
  }

  public int port() {
    return port;
  }

  /** The port other instances replicate to. */
  public int replicationPort() {
    return replicationPort;
  }

  /** The child process, for its log. */
  public ServerProcess process() {
    return process;
  }

  /** SIGKILL: nothing of the server's shutdown runs; what it had not shipped stays with it. */
  public void kill() {
    process.kill();
  }

  /** Starts it again on the same ports and log directory (after {@link #kill()}). */
  public void restart() {
    process.start();
  }

  /** Runs one control command ({@code drop}, {@code refuse 5000}, {@code status}); its reply. */
  public String control(String command) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), adminPort);
        PrintWriter w = new PrintWriter(new OutputStreamWriter(s.getOutputStream(), UTF_8), true);
        BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), UTF_8))) {
      w.println(command);
      String reply = r.readLine();
      if (reply == null || !reply.startsWith("OK")) {
        throw new IllegalStateException("testkit refused '" + command + "': " + reply);
      }
      return reply;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the testkit's admin port " + adminPort, e);
    }
  }

  /**
   * One number of the status line: {@code log} (entries in its log), {@code connections}, {@code
   * replicated_in} (entries applied from the other instance), ...
   */
  public long status(String key) {
    String status = control("status");
    Matcher m = Pattern.compile("\\b" + Pattern.quote(key) + "=(\\d+)").matcher(status);
    if (!m.find()) {
      throw new IllegalStateException("no " + key + " in " + status);
    }
    return Long.parseLong(m.group(1));
  }

  /** Whether a client of that name is logged on. */
  public boolean hasClient(String clientName) {
    return control("status").contains(clientName);
  }
}
