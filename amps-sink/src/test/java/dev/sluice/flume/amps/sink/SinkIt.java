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
package dev.sluice.flume.amps.sink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Client;
import dev.sluice.flume.common.log.CredentialRedactor;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.PluginAgent;
import dev.sluice.flume.testsupport.ReadinessProbe;
import dev.sluice.flume.testsupport.Requirement;
import dev.sluice.flume.testsupport.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flume.Event;
import org.apache.flume.api.RpcClient;
import org.apache.flume.api.RpcClientFactory;
import org.apache.flume.event.EventBuilder;

/**
 * What the sink's agent ITs share: a {@link PluginAgent} with the client jar, the testkit process,
 * Avro.
 */
final class SinkIt {
  static final Duration GENEROUS = Duration.ofMinutes(2);

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  private SinkIt() {}

  /**
   * The real AMPS the ITs run against instead of the testkit ({@code -Damps.uri=tcp://...}), or
   * null. It must be configured as docs/amps-sink.md ("Against a real AMPS") says.
   */
  static String externalAmps() {
    String u = System.getProperty("amps.uri", "");
    return u.isBlank() ? null : u.trim();
  }

  /**
   * For an IT that needs what only the testkit provides: returns on the testkit; against a real
   * AMPS, skips the test saying why (and fails it under CI=true, where nothing may be skipped).
   */
  static void requireTestkit(String what) {
    String external = externalAmps();
    Requirement.require(
        external == null,
        () ->
            what
                + ", which only the testkit provides, but -Damps.uri points at the real AMPS at "
                + CredentialRedactor.redactUri(external));
  }

  /** A topic or client name: as given on the testkit, unique to this run on a real AMPS. */
  static String unique(String base) {
    return externalAmps() == null ? base : base + "-" + RUN;
  }

  /** The amps-client jar, from the test classpath (installed into libext as users do). */
  static Path ampsClientJar() {
    try {
      return Paths.get(Client.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts agent a1 with the sink's plugin tarball and the client in its libext, in {@code work};
   * returns once its JVM runs ({@code awaitStarted} waits for the components).
   */
  static PluginAgent agent(ChildProcessesExtension children, Path work, String... configLines) {
    return PluginAgent.ofThisModule("amps-sink")
        .config(String.join("\n", configLines))
        .libext(ampsClientJar())
        .jvmArgs("-Xmx384m")
        .startWithoutWaiting(children, work);
  }

  /** The testkit server in its own JVM, controlled over its admin port. */
  static final class Testkit {
    final ServerProcess process;
    final int port;
    final int replicaPort;
    final int adminPort;

    Testkit(ServerProcess process, int port, int replicaPort, int adminPort) {
      this.process = process;
      this.port = port;
      this.replicaPort = replicaPort;
      this.adminPort = adminPort;
    }

    private String externalUri;

    /** A real AMPS at {@code uri}: no process, no control port. */
    static Testkit external(String uri) {
      Testkit t = new Testkit(null, -1, -1, -1);
      t.externalUri = uri;
      return t;
    }

    String uri() {
      return externalUri != null ? externalUri : "tcp://127.0.0.1:" + port + "/amps/json";
    }

    String replicaUri() {
      return "tcp://127.0.0.1:" + replicaPort + "/amps/json";
    }

    /** Sends one control command ({@code drop}, {@code refuse 1000 primary}, ...); its reply. */
    String control(String command) {
      if (externalUri != null) {
        requireTestkit("the testkit control command '" + command + "'");
      }
      try (Socket s = new Socket("127.0.0.1", adminPort);
          PrintWriter w =
              new PrintWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8));
          BufferedReader r =
              new BufferedReader(
                  new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
        w.println(command);
        w.flush();
        String reply = r.readLine();
        assertTrue(reply != null && reply.startsWith("OK"), command + " -> " + reply);
        return reply;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Starts the testkit on fixed free ports (so a restart keeps them) with its transaction log on
   * disk in its work dir (so a restart keeps the log), and optionally a replica instance.
   */
  static Testkit testkit(
      ChildProcessesExtension children, String name, boolean replica, String... extraArgs)
      throws IOException {
    if (externalAmps() != null) {
      if (replica) {
        requireTestkit("a replicated pair of servers");
      }
      if (extraArgs.length > 0) {
        requireTestkit("a server started with " + String.join(" ", extraArgs));
      }
      return Testkit.external(externalAmps());
    }
    int[] ports = FreePorts.allocate(3);
    Path work = children.workDir(name);
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--port",
            Integer.toString(ports[0]),
            "--admin-port",
            Integer.toString(ports[2]),
            "--log-dir",
            Files.createDirectories(work.resolve("txlog")).toString(),
            "--quiet"));
    if (replica) {
      args.addAll(List.of("--replica-port", Integer.toString(ports[1])));
    }
    args.addAll(List.of(extraArgs));
    ServerProcess p =
        children.start(
            ServerProcess.jvm(name, "dev.sluice.flume.amps.testkit.AmpsTestServerMain")
                .testClasspath()
                .jvmArgs("-Xmx256m")
                .args(args.toArray(new String[0]))
                .workDir(work)
                .readiness(ReadinessProbe.logLine("AMPS-TESTKIT READY"), GENEROUS)
                .build());
    return new Testkit(p, ports[0], ports[1], ports[2]);
  }

  /** An Avro RPC client with timeouts generous enough for a loaded two-core machine. */
  static RpcClient rpc(int port, int batch) {
    Properties properties = new Properties();
    properties.setProperty("hosts", "h1");
    properties.setProperty("hosts.h1", "127.0.0.1:" + port);
    properties.setProperty("batch-size", Integer.toString(batch));
    properties.setProperty("connect-timeout", "60000");
    properties.setProperty("request-timeout", "120000");
    return RpcClientFactory.getInstance(properties);
  }

  /** Events whose bodies are the sequence numbers {@code first .. first+n-1}. */
  static List<Event> numbered(long first, int n, Map<String, String> headers) {
    List<Event> events = new ArrayList<>(n);
    for (long seq = first; seq < first + n; seq++) {
      events.add(EventBuilder.withBody(Long.toString(seq), StandardCharsets.UTF_8, headers));
    }
    return events;
  }

  /** The agent's log (all runs), for assertions on what it says. */
  static String log(PluginAgent agent) {
    return agent.log();
  }

  /** A sink counter of agent a1's sink k1. */
  static long sink(PluginAgent agent, String counter) {
    return agent.counter("SINK.k1", counter);
  }
}
