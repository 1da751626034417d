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
import java.util.UUID;
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

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  private final ServerProcess process;
  private final int port;
  private final int adminPort;
  private final int replicationPort;
  private final int replicaPort;
  private final String externalUri;

  private AmpsTestkitProcess(
      ServerProcess process, int port, int adminPort, int replicationPort, int replicaPort) {
    this.process = process;
    this.port = port;
    this.adminPort = adminPort;
    this.replicationPort = replicationPort;
    this.replicaPort = replicaPort;
    this.externalUri = null;
  }

  private AmpsTestkitProcess(String externalUri) {
    this.process = null;
    this.port = -1;
    this.adminPort = -1;
    this.replicationPort = -1;
    this.replicaPort = -1;
    this.externalUri = externalUri;
  }

  /**
   * The real AMPS the ITs run against instead of the testkit ({@code -Damps.uri=tcp://...}), or
   * null when the ITs run on the testkit (always under CI).
   */
  public static String externalUri() {
    String u = System.getProperty("amps.uri", "");
    return u.isBlank() ? null : u.trim();
  }

  /**
   * For an IT that needs what only the testkit provides (control commands, kills, a replicated
   * pair): returns on the testkit; against a real AMPS skips the test saying why, and fails it
   * under {@code CI=true}, where nothing may be skipped ({@link Requirement}).
   */
  public static void requireTestkit(String what) {
    String external = externalUri();
    Requirement.require(
        external == null,
        () ->
            what
                + ", which only the testkit provides, but -Damps.uri points at the real AMPS at "
                + withoutCredentials(external));
  }

  /** A topic or client name: as given on the testkit, unique to this run on a real AMPS. */
  public static String unique(String base) {
    return externalUri() == null ? base : base + "-" + RUN;
  }

  /**
   * The server an IT publishes to or subscribes from: the real AMPS of {@code -Damps.uri} when one
   * is given and the IT asks for nothing only the testkit has, otherwise a testkit process named
   * {@code name}; {@code inProcessReplica} adds a second instance in the same process ({@code
   * --replica-port}, {@link #replicaUri()}).
   */
  public static AmpsTestkitProcess startOrExternal(
      ChildProcessesExtension children,
      String name,
      boolean inProcessReplica,
      String... extraArgs) {
    List<String> options = new ArrayList<>(List.of(extraArgs));
    options.remove("--quiet"); // every instance runs quiet
    String external = externalUri();
    if (external != null) {
      if (inProcessReplica) {
        requireTestkit("a replicated pair of servers");
      }
      if (!options.isEmpty()) {
        requireTestkit("a server started with the testkit options " + String.join(" ", options));
      }
      return new AmpsTestkitProcess(external);
    }
    int[] ports = FreePorts.allocate(inProcessReplica ? 4 : 3);
    if (inProcessReplica) {
      options.addAll(0, List.of("--replica-port", Integer.toString(ports[3])));
    }
    AmpsTestkitProcess p = create(children, name, ports, options);
    children.start(p.process);
    return p;
  }

  private static String withoutCredentials(String uri) {
    int at = uri.indexOf('@');
    int scheme = uri.indexOf("://");
    return at > 0 && scheme >= 0 && at > scheme
        ? uri.substring(0, scheme + 3) + "***" + uri.substring(at)
        : uri;
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
            .jvmArgs("-Xmx384m")
            .args(args.toArray(new String[0]))
            .workDir(work)
            .readiness(ReadinessProbe.logLine("AMPS-TESTKIT READY"), START)
            .build();
    return new AmpsTestkitProcess(
        p, ports[0], ports[1], ports[2], ports.length > 3 ? ports[3] : -1);
  }

  /** {@code tcp://127.0.0.1:PORT/amps/json}, or the real AMPS's URI. */
  public String uri() {
    return externalUri != null ? externalUri : "tcp://127.0.0.1:" + port + "/amps/json";
  }

  public int port() {
    testkitOnly("the testkit's port");
    return port;
  }

  /** The second instance of {@link #startOrExternal} with {@code inProcessReplica}. */
  public String replicaUri() {
    return "tcp://127.0.0.1:" + replicaPort() + "/amps/json";
  }

  public int replicaPort() {
    testkitOnly("a replicated pair of servers");
    if (replicaPort < 0) {
      throw new IllegalStateException("started without an in-process replica");
    }
    return replicaPort;
  }

  private void testkitOnly(String what) {
    if (externalUri != null) {
      requireTestkit(what);
    }
  }

  /** The port other instances replicate to. */
  public int replicationPort() {
    testkitOnly("replication between testkit instances");
    return replicationPort;
  }

  /** The child process, for its log. */
  public ServerProcess process() {
    testkitOnly("the testkit's process");
    return process;
  }

  /** What the server printed so far (its child process log). */
  public String log() {
    try {
      return Files.readString(process().logFile(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL: nothing of the server's shutdown runs; what it had not shipped stays with it. */
  public void kill() {
    testkitOnly("killing the server");
    process.kill();
  }

  /** Starts it again on the same ports and log directory (after {@link #kill()}). */
  public void restart() {
    testkitOnly("restarting the server");
    process.start();
  }

  /** Runs one control command ({@code drop}, {@code refuse 5000}, {@code status}); its reply. */
  public String control(String command) {
    testkitOnly("the testkit control command '" + command + "'");
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
