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
package dev.sluice.flume.amps.source;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.crankuptheamps.client.Client;
import dev.sluice.flume.common.log.CredentialRedactor;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.PluginAgent;
import dev.sluice.flume.testsupport.ReadinessProbe;
import dev.sluice.flume.testsupport.Requirement;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import dev.sluice.flume.testsupport.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;

/**
 * What the agent ITs share: the testkit server as a child process with its control port, the {@link
 * PluginAgent} they start (this module's plugin tarball plus the amps-client jar in its libext),
 * and reading the sink's output back.
 */
final class AgentTestbed {
  static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
  static final Duration START = Duration.ofSeconds(120);

  private AgentTestbed() {}

  /** The amps-client jar the tests run with, for the plugin's libext. */
  static Path ampsClientJar() {
    try {
      return Paths.get(Client.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  /**
   * The real AMPS the agent ITs run against instead of the testkit ({@code -Damps.uri=tcp://...}),
   * or null. It must be configured as docs/amps-source.md ("Against a real AMPS") says.
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

  /** The testkit server (and optionally its replica) in a child JVM, controlled over TCP. */
  static final class Testkit {
    final ServerProcess process;
    final int port;
    final int replicaPort;
    final int adminPort;

    private Testkit(ServerProcess process, int port, int replicaPort, int adminPort) {
      this.process = process;
      this.port = port;
      this.replicaPort = replicaPort;
      this.adminPort = adminPort;
    }

    private String externalUri;

    /**
     * Starts the testkit; {@code extraArgs} such as {@code --sow Orders=/order_key} or {@code
     * --log-topics orders}.
     */
    static Testkit start(
        ChildProcessesExtension children, boolean withReplica, String... extraArgs) {
      if (externalAmps() != null) {
        if (withReplica) {
          requireTestkit("a replicated pair of servers");
        }
        List<String> options = new ArrayList<>(List.of(extraArgs));
        options.remove("--quiet");
        if (!options.isEmpty()) {
          requireTestkit("a server started with the testkit options " + String.join(" ", options));
        }
        Testkit t = new Testkit(null, -1, -1, -1);
        t.externalUri = externalAmps();
        return t;
      }
      int[] ports = FreePorts.allocate(3);
      List<String> args = new ArrayList<>();
      args.add("--port");
      args.add(Integer.toString(ports[0]));
      args.add("--admin-port");
      args.add(Integer.toString(ports[2]));
      if (withReplica) {
        args.add("--replica-port");
        args.add(Integer.toString(ports[1]));
      }
      args.addAll(List.of(extraArgs));
      ServerProcess p =
          children.start(
              ServerProcess.jvm("amps-testkit", "dev.sluice.flume.amps.testkit.AmpsTestServerMain")
                  .testClasspath()
                  .jvmArgs("-Xmx384m")
                  .args(args.toArray(new String[0]))
                  .workDir(children.workDir("amps-testkit"))
                  .readiness(ReadinessProbe.logLine("AMPS-TESTKIT READY"), START)
                  .build());
      return new Testkit(p, ports[0], withReplica ? ports[1] : -1, ports[2]);
    }

    String uri() {
      if (externalUri != null) {
        return externalUri;
      }
      return "tcp://127.0.0.1:" + port + "/amps/json";
    }

    String replicaUri() {
      if (replicaPort < 0) {
        throw new IllegalStateException("started without a replica");
      }
      return "tcp://127.0.0.1:" + replicaPort + "/amps/json";
    }

    /**
     * Runs a control command ({@code drop}, {@code refuse 5000 primary}, ...); returns the reply.
     */
    String control(String command) {
      if (externalUri != null) {
        requireTestkit("the testkit control command '" + command + "'");
      }
      try (Socket s = new Socket("127.0.0.1", adminPort);
          PrintWriter w =
              new PrintWriter(new java.io.OutputStreamWriter(s.getOutputStream(), UTF_8), true);
          BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), UTF_8))) {
        w.println(command);
        String reply = r.readLine();
        if (reply == null || !reply.startsWith("OK")) {
          throw new IllegalStateException("testkit refused '" + command + "': " + reply);
        }
        return reply;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot reach the testkit's control port", e);
      }
    }

    String log() {
      try {
        return Files.readString(process.logFile(), UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Flume properties text for agent {@code a1} from ordered key/value pairs. */
  static String properties(Map<String, String> keys) {
    StringBuilder sb = new StringBuilder();
    keys.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
    return sb.toString();
  }

  /**
   * Agent {@code a1}: source {@code amps} with the given keys, a file channel {@code ch}, and a
   * {@code file_roll} sink {@code out} writing one body per line into {@code <work>/out}.
   */
  static Map<String, String> fileChannelAgent(Path work, Map<String, String> sourceKeys) {
    try {
      Files.createDirectories(work.resolve("out")); // file_roll does not create it
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> c = new LinkedHashMap<>();
    c.put("a1.sources", "amps");
    c.put("a1.channels", "ch");
    c.put("a1.sinks", "out");
    c.put("a1.sources.amps.type", AmpsSource.class.getName());
    c.put("a1.sources.amps.channels", "ch");
    sourceKeys.forEach((k, v) -> c.put("a1.sources.amps." + k, v));
    c.put("a1.channels.ch.type", "file");
    c.put("a1.channels.ch.checkpointDir", work.resolve("checkpoint").toString());
    c.put("a1.channels.ch.dataDirs", work.resolve("data").toString());
    c.put("a1.channels.ch.transactionCapacity", "1000");
    c.put("a1.sinks.out.type", "file_roll");
    c.put("a1.sinks.out.channel", "ch");
    c.put("a1.sinks.out.sink.directory", work.resolve("out").toString());
    c.put("a1.sinks.out.sink.rollInterval", "0");
    c.put("a1.sinks.out.sink.batchSize", "1000");
    return c;
  }

  /**
   * Agent a1 with this module's plugin tarball and the amps-client jar in its libext, as {@code
   * bin/fetch-amps-client} installs it; the caller adds plugins and starts it in its work dir.
   */
  static PluginAgent.Builder agent(String config) {
    return PluginAgent.ofThisModule("amps-source")
        .config(config)
        .libext(ampsClientJar())
        .jvmArgs("-Xmx384m")
        .startupTimeout(START);
  }

  /** Sequence numbers in the sink's output so far. */
  static SequenceReport output(Path work, long expected) {
    Path out = work.resolve("out");
    SequenceChecker checker = SequenceChecker.expecting(0, expected, SEQ);
    if (Files.isDirectory(out)) {
      checker.addFiles(out);
    }
    return checker.report();
  }

  /** How many lines of the sink's output carry a sequence number below the line before. */
  static long outOfOrder(Path work) {
    long previous = -1;
    long outOfOrder = 0;
    try (var files = Files.list(work.resolve("out"))) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        for (String line : Files.readAllLines(f, UTF_8)) {
          var m = SEQ.matcher(line);
          if (m.find()) {
            long seq = Long.parseLong(m.group(1));
            if (seq < previous) {
              outOfOrder++;
            }
            previous = seq;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return outOfOrder;
  }

  /**
   * A plugin directory holding one jar made of test classes (a test sink the agent loads from
   * plugins.d like any plugin).
   */
  static Path testClassesPlugin(Path dir, Class<?>... classes) {
    Path lib = dir.resolve("lib");
    try {
      Files.createDirectories(lib);
      try (OutputStream out = Files.newOutputStream(lib.resolve("test-sink.jar"));
          JarOutputStream jar = new JarOutputStream(out)) {
        for (Class<?> c : classes) {
          String name = c.getName().replace('.', '/') + ".class";
          jar.putNextEntry(new JarEntry(name));
          try (var in = c.getClassLoader().getResourceAsStream(name)) {
            in.transferTo(jar);
          }
          jar.closeEntry();
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
