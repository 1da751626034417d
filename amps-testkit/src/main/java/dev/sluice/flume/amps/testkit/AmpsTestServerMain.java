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
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the testkit as a process. When it listens it prints one line to standard output:
 *
 * <pre>
 * AMPS-TESTKIT READY port=41234 uri=tcp://127.0.0.1:41234/amps/json [replication_port=...] [replica_port=... replica_uri=...] [admin_port=...]
 * </pre>
 *
 * Flags: {@code --port N} (0 = a free port), {@code --host H}, {@code --sow TOPIC=/key[,/key2]}
 * (repeatable), {@code --log-dir DIR}, {@code --log-topics REGEX}, {@code --no-log}, {@code
 * --replication-port N} (accept replication links from other instances), {@code --replicate-to
 * HOST:PORT} (ship the log to another instance's replication port; repeatable), {@code
 * --replication-lag-ms N} (ship each entry N ms after logging it), {@code --replication-sync}
 * (persisted acks wait until the destinations have the message), {@code --replica-port N} (a second
 * instance in this process, replicating with this one in both directions), {@code --control stdin}
 * (read {@link ControlCommands} from standard input, exit at its end), {@code --admin-port N} (the
 * same commands over TCP, one connection at a time), {@code --quiet}.
 */
public final class AmpsTestServerMain {
  private static final Logger LOG = Logger.getLogger(AmpsTestServerMain.class.getName());
  static final String READY = "AMPS-TESTKIT READY";

  private AmpsTestServerMain() {}

  /** Parsed flags. */
  static final class Options {
    int port;
    String host = "127.0.0.1";
    final List<String[]> sow = new ArrayList<>();
    String logDir;
    String logTopics = ".*";
    boolean noLog;
    boolean noFsync;
    Integer replicaPort;
    Integer replicationPort;
    final List<String[]> replicateTo = new ArrayList<>();
    long replicationLagMillis;
    boolean replicationSync;
    boolean stdinControl;
    Integer adminPort;
    boolean quiet;

    static Options parse(String[] args) {
      Options o = new Options();
      List<String> problems = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String value = null;
        int eq = a.indexOf('=');
        if (a.startsWith("--") && eq > 0) {
          value = a.substring(eq + 1);
          a = a.substring(0, eq);
        } else if (needsValue(a) && i + 1 < args.length) {
          value = args[++i];
        }
        if (needsValue(a) && value == null) {
          problems.add(a + " needs a value");
          continue;
        }
        switch (a) {
          case "--port":
            o.port = port(a, value, problems);
            break;
          case "--host":
            o.host = value;
            break;
          case "--sow":
            int sep = value.indexOf('=');
            if (sep <= 0) {
              problems.add("--sow wants TOPIC=/key[,/key2], got '" + value + "'");
            } else {
              String[] keys =
                  sep == value.length() - 1 ? new String[0] : value.substring(sep + 1).split(",");
              String[] entry = new String[keys.length + 1];
              entry[0] = value.substring(0, sep);
              System.arraycopy(keys, 0, entry, 1, keys.length);
              o.sow.add(entry);
            }
            break;
          case "--log-dir":
            o.logDir = value;
            break;
          case "--log-topics":
            o.logTopics = value;
            break;
          case "--no-log":
            o.noLog = true;
            break;
          case "--no-fsync":
            o.noFsync = true;
            break;
          case "--replica-port":
            o.replicaPort = port(a, value, problems);
            break;
          case "--replication-port":
            o.replicationPort = port(a, value, problems);
            break;
          case "--replicate-to":
            int colon = value.lastIndexOf(':');
            int target = colon <= 0 ? 0 : port(a, value.substring(colon + 1), problems);
            if (colon <= 0 || target == 0) {
              problems.add(
                  "--replicate-to wants HOST:PORT with a port 1..65535, got '" + value + "'");
            } else {
              o.replicateTo.add(new String[] {value.substring(0, colon), Integer.toString(target)});
            }
            break;
          case "--replication-lag-ms":
            try {
              o.replicationLagMillis = Long.parseLong(value);
            } catch (NumberFormatException e) {
              o.replicationLagMillis = -1;
            }
            if (o.replicationLagMillis < 0) {
              problems.add("--replication-lag-ms wants milliseconds >= 0, got '" + value + "'");
            }
            break;
          case "--replication-sync":
            o.replicationSync = true;
            break;
          case "--control":
            if (!value.equals("stdin")) {
              problems.add("--control supports only 'stdin', got '" + value + "'");
            }
            o.stdinControl = true;
            break;
          case "--admin-port":
            o.adminPort = port(a, value, problems);
            break;
          case "--quiet":
            o.quiet = true;
            break;
          default:
            problems.add("unknown flag '" + a + "'");
        }
      }
      if (o.noFsync && o.logDir == null) {
        problems.add("--no-fsync needs --log-dir (without one the log is in memory)");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      return o;
    }

    private static boolean needsValue(String flag) {
      return Arrays.asList(
              "--port",
              "--host",
              "--sow",
              "--log-dir",
              "--log-topics",
              "--replica-port",
              "--replication-port",
              "--replicate-to",
              "--replication-lag-ms",
              "--control",
              "--admin-port")
          .contains(flag);
    }

    private static int port(String flag, String value, List<String> problems) {
      try {
        int p = Integer.parseInt(value);
        if (p >= 0 && p <= 65535) {
          return p;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problems.add(flag + " wants a port 0..65535, got '" + value + "'");
      return 0;
    }

    /** The builder of the process's main instance. */
    AmpsTestServer.Builder builder() {
      AmpsTestServer.Builder b = storage(AmpsTestServer.builder().port(port).name("primary"));
      if (logDir != null) {
        b.logDirectory(Paths.get(logDir));
      }
      if (replicationPort != null) {
        b.replicationPort(replicationPort);
      }
      for (String[] t : replicateTo) {
        b.replicateTo(t[0], Integer.parseInt(t[1]));
      }
      return b;
    }

    /** The builder of the in-process second instance (--replica-port). */
    AmpsTestServer.Builder replicaBuilder(AmpsTestServer primary) {
      AmpsTestServer.Builder b =
          storage(AmpsTestServer.builder().port(replicaPort).name("replica")).replicaOf(primary);
      if (logDir != null) {
        b.logDirectory(Paths.get(logDir, "replica"));
      }
      return b;
    }

    private AmpsTestServer.Builder storage(AmpsTestServer.Builder b) {
      b.host(host)
          .replicationLag(java.time.Duration.ofMillis(replicationLagMillis))
          .replicationSync(replicationSync);
      b.fsync(!noFsync);
      for (String[] s : sow) {
        b.sowTopic(s[0], Arrays.copyOfRange(s, 1, s.length));
      }
      if (noLog) {
        b.noTransactionLog();
      } else {
        b.transactionLog(logTopics);
      }
      return b;
    }
  }

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("amps-testkit: " + e.getMessage());
      System.err.println(
          "usage: AmpsTestServerMain [--port N] [--host H] [--sow TOPIC=/key[,/key2]]..."
              + " [--log-dir DIR [--no-fsync]] [--log-topics REGEX | --no-log] [--replica-port N]"
              + " [--replication-port N] [--replicate-to HOST:PORT]... [--replication-lag-ms N]"
              + " [--replication-sync]"
              + " [--control stdin] [--admin-port N] [--quiet]");
      System.exit(2);
      return;
    }
    if (o.quiet) {
      Logger.getLogger("dev.sluice.flume.amps.testkit").setLevel(Level.WARNING);
    }
    run(o, System.out);
  }

  static void run(Options o, PrintStream out) throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    AmpsTestServer primary = o.builder().start();
    AmpsTestServer replica = null;
    if (o.replicaPort != null) {
      replica = o.replicaBuilder(primary).start();
    }
    ControlCommands control = new ControlCommands(primary, replica, stopped::countDown);
    StringBuilder ready = new StringBuilder(READY);
    ready.append(" port=").append(primary.port()).append(" uri=").append(primary.uri());
    if (o.replicationPort != null) {
      ready.append(" replication_port=").append(primary.replicationPort());
    }
    if (replica != null) {
      ready.append(" replica_port=").append(replica.port());
      ready.append(" replica_uri=").append(replica.uri());
    }
    ServerSocket admin = null;
    if (o.adminPort != null) {
      admin = new ServerSocket(o.adminPort, 8, InetAddress.getByName(o.host));
      ready.append(" admin_port=").append(admin.getLocalPort());
      ServerSocket adminSocket = admin;
      Thread t = new Thread(() -> serveAdmin(adminSocket, control), "amps-testkit-admin");
      t.setDaemon(true);
      t.start();
    }
    if (o.stdinControl) {
      Thread t =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    if (!line.isBlank()) {
                      synchronized (out) {
                        out.println(control.execute(line));
                        out.flush();
                      }
                    }
                  }
                } catch (IOException e) {
                  LOG.log(Level.WARNING, "reading control commands from stdin failed", e);
                }
                stopped.countDown(); // the parent went away
              },
              "amps-testkit-stdin");
      t.setDaemon(true);
      t.start();
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
    synchronized (out) {
      out.println(ready);
      out.flush();
    }
    stopped.await();
    if (admin != null) {
      admin.close();
    }
    if (replica != null) {
      replica.close();
    }
    primary.close();
    synchronized (out) {
      out.println("AMPS-TESTKIT STOPPED");
      out.flush();
    }
  }

  private static void serveAdmin(ServerSocket admin, ControlCommands control) {
    while (!admin.isClosed()) {
      try (Socket s = admin.accept();
          BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
          PrintWriter w =
              new PrintWriter(
                  new java.io.OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8),
                  true)) {
        String line;
        while ((line = in.readLine()) != null) {
          if (!line.isBlank()) {
            w.println(control.execute(line));
          }
        }
      } catch (IOException e) {
        if (!admin.isClosed()) {
          LOG.log(Level.FINE, "admin connection", e);
        }
      }
    }
  }
}
