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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real HBase 2.6.3 server for integration tests: ZooKeeper, a master and a region server (HBase's
 * mini-cluster) in a child JVM of their own, on the local file system under the test's work
 * directory and on free loopback ports.
 *
 * <pre>{@code
 * HBaseServer hbase = HBaseServer.builder().table("orders", "d", "dlq").start(children);
 * ... agent properties: a1.sinks.k1.zookeeperQuorum = hbase.zookeeperQuorum() + ":" + port ...
 * Configuration conf = HBaseConfiguration.create();
 * hbase.clientProperties().forEach(conf::set);   // the test's own HBase client reads rows back
 * hbase.kill();       // SIGKILL
 * hbase.restart();    // same data directory, same ports; acknowledged puts are still there
 * }</pre>
 *
 * <p>Tables named on the builder are created when missing at every start, so the calling module
 * needs no HBase client to prepare them. Ready when those tables answer reads and a probe table
 * takes a put (about 10 s on a quiet machine; a restart after SIGKILL also replays the WAL).
 *
 * <p>The mini-cluster's jar and its few run-time dependencies are test-support's provided-scope
 * dependencies, resolved at build time into the resource {@value #CLASSPATH_RESOURCE} (see the
 * pom): they reach neither the Flume agent's classpath nor the test classpath of modules using
 * test-support. HBase's own log goes to {@code <workDir>/hbase.log} at WARN unless {@link
 * Builder#logLevel} says otherwise.
 */
public final class HBaseServer extends ProcessBackedServer {
  static final String CLASSPATH_RESOURCE = "hbase-server-classpath.txt";
  static final String MAIN_CLASS = "dev.sluice.flume.testsupport.HBaseServerMain";
  static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(90);
  private static final String QUORUM = "127.0.0.1";

  /**
   * What HBase's own launcher adds on JDK 17 ({@code bin/hbase}), so that its Netty and off-heap
   * code find what they look for by reflection.
   */
  private static final List<String> JDK17_OPTIONS =
      List.of(
          "-Dorg.apache.hbase.thirdparty.io.netty.tryReflectionSetAccessible=true",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-exports=java.base/sun.net.dns=ALL-UNNAMED",
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED");

  private final HBaseServerArgs args;

  private HBaseServer(Builder builder) {
    this(builder, newArgs(builder));
  }

  private HBaseServer(Builder builder, HBaseServerArgs args) {
    super(serverProcess(builder, args));
    this.args = args;
  }

  private static HBaseServerArgs newArgs(Builder builder) {
    int[] ports = FreePorts.allocate(3);
    return new HBaseServerArgs(
        builder.workDir.resolve("data"), ports[0], ports[1], ports[2], builder.tables);
  }

  private static ServerProcess serverProcess(Builder builder, HBaseServerArgs args) {
    Path workDir = builder.workDir;
    Path log4j = workDir.resolve("log4j2.xml");
    writeLog4jConfig(log4j, builder.logLevels);
    return ServerProcess.jvm("hbase", MAIN_CLASS)
        .classpath(serverClasspath())
        .jvmArgs("-Xmx512m")
        .jvmArgs(JDK17_OPTIONS.toArray(new String[0]))
        .systemProperty("log4j.configurationFile", log4j.toString())
        .systemProperty("java.net.preferIPv4Stack", "true")
        .args(args.toArgs().toArray(new String[0]))
        .workDir(workDir)
        .readiness(ReadinessProbe.logLine(HBaseServerMain.READY), builder.readinessTimeout)
        .build();
  }

  /** Settings for a server; {@link Builder#start} creates, tracks and starts it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a server without tables in a work directory of the test; the extension stops it. */
  public static HBaseServer start(ChildProcessesExtension children) {
    return builder().start(children);
  }

  /** The host of ZooKeeper's client port: {@code 127.0.0.1}. */
  public String zookeeperQuorum() {
    return QUORUM;
  }

  /** ZooKeeper's client port; the same after every restart. */
  public int zookeeperPort() {
    return args.zookeeperPort;
  }

  /** The master's RPC port; the same after every restart. */
  public int masterPort() {
    return args.masterPort;
  }

  /** The region server's RPC port; the same after every restart. */
  public int regionServerPort() {
    return args.regionServerPort;
  }

  /**
   * What an HBase client (or a Flume HBase sink's {@code zookeeperQuorum}) needs to reach this
   * server: {@code hbase.zookeeper.quorum}, {@code hbase.zookeeper.property.clientPort} and {@code
   * zookeeper.znode.parent}.
   */
  public Map<String, String> clientProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("hbase.zookeeper.quorum", QUORUM);
    properties.put("hbase.zookeeper.property.clientPort", Integer.toString(args.zookeeperPort));
    properties.put("zookeeper.znode.parent", "/hbase");
    return properties;
  }

  /** The tables created at every start, name to column families. */
  public Map<String, List<String>> tables() {
    return args.tables;
  }

  /** ZooKeeper's data, HBase's root directory and WALs; kept across restarts. */
  public Path dataDir() {
    return args.dataDir;
  }

  /** Starts the child JVM and waits until it is ready. */
  @Override
  public HBaseServer start() {
    super.start();
    return this;
  }

  /** Stops (SIGTERM: regions are flushed and closed) if running, then starts on the same data. */
  @Override
  public HBaseServer restart() {
    super.restart();
    return this;
  }

  @Override
  public String toString() {
    return "HBaseServer[zookeeper=" + QUORUM + ":" + args.zookeeperPort + "]";
  }

  /** The jars of the mini-cluster JVM, as resolved at build time. */
  static List<Path> serverClasspath() {
    String text;
    try (InputStream in = HBaseServer.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource "
                + CLASSPATH_RESOURCE
                + " is missing next to "
                + HBaseServer.class.getName()
                + "; build test-support with Maven (generate-resources writes it)");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CLASSPATH_RESOURCE, e);
    }
    List<Path> jars = FlumeClasspath.parse(text);
    for (Path jar : jars) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            "HBase server classpath entry "
                + jar
                + " does not exist; rebuild test-support so that Maven resolves it again");
      }
    }
    return jars;
  }

  private static void writeLog4jConfig(Path file, Map<String, String> levels) {
    StringBuilder loggers = new StringBuilder();
    levels.forEach(
        (logger, level) ->
            loggers
                .append("    <Logger name=\"")
                .append(logger)
                .append("\" level=\"")
                .append(level)
                .append("\"/>\n"));
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<!-- Written by sluice test-support for HBaseServer. -->\n"
            + "<Configuration status=\"WARN\">\n"
            + "  <Appenders>\n"
            + "    <Console name=\"Console\" target=\"SYSTEM_OUT\">\n"
            + "      <PatternLayout pattern=\"%d{ISO8601} %-5p [%t] %c: %m%n\"/>\n"
            + "    </Console>\n"
            + "  </Appenders>\n"
            + "  <Loggers>\n"
            + loggers
            + "    <Root level=\"WARN\">\n"
            + "      <AppenderRef ref=\"Console\"/>\n"
            + "    </Root>\n"
            + "  </Loggers>\n"
            + "</Configuration>\n";
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, xml.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Settings of an {@link HBaseServer}. Each setter checks its argument at once. */
  public static final class Builder {
    private static final java.util.regex.Pattern LEVEL =
        java.util.regex.Pattern.compile("(?i)OFF|FATAL|ERROR|WARN|INFO|DEBUG|TRACE|ALL");

    private final Map<String, List<String>> tables = new LinkedHashMap<>();
    private final Map<String, String> logLevels = new LinkedHashMap<>();
    private Path workDir;
    private Duration readinessTimeout = DEFAULT_READINESS_TIMEOUT;

    private Builder() {}

    /**
     * A table to create (if missing) at every start, such as {@code table("orders", "d", "dlq")};
     * {@code namespace:table} names create the namespace too.
     */
    public Builder table(String name, String... families) {
      List<String> list = new ArrayList<>(List.of(families));
      HBaseServerArgs.checkTable(name, list);
      if (tables.containsKey(name)) {
        throw new IllegalArgumentException("table " + name + " is already defined");
      }
      tables.put(name, list);
      return this;
    }

    /** The server's directory (data and logs); {@link #start} picks one if unset. */
    public Builder workDir(Path dir) {
      this.workDir = Objects.requireNonNull(dir, "workDir").toAbsolutePath();
      return this;
    }

    /** How long a start may take until the server is ready; default 90 s. */
    public Builder readinessTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("readiness timeout must be positive, was " + timeout);
      }
      this.readinessTimeout = timeout;
      return this;
    }

    /** Sets a log4j level in the server, such as {@code logLevel("org.apache.hadoop", "INFO")}. */
    public Builder logLevel(String logger, String level) {
      if (logger == null || !logger.matches("[A-Za-z0-9_.$]+")) {
        throw new IllegalArgumentException("logger must be a logger name, was " + logger);
      }
      if (level == null || !LEVEL.matcher(level).matches()) {
        throw new IllegalArgumentException(
            "level of " + logger + " must be one of " + LEVEL.pattern() + ", was " + level);
      }
      logLevels.put(logger, level.toUpperCase(java.util.Locale.ROOT));
      return this;
    }

    /** Creates the server (not started); a work dir is required. */
    public HBaseServer build() {
      if (workDir == null) {
        throw new IllegalStateException("workDir is required; or use start(children)");
      }
      return new HBaseServer(this);
    }

    /**
     * Creates the server in {@code children.workDir("hbase")} unless a work dir is set, tracks it
     * so that it is killed after the test (or class), and starts it.
     */
    public HBaseServer start(ChildProcessesExtension children) {
      if (workDir == null) {
        workDir(children.workDir("hbase"));
      }
      return children.start(build());
    }
  }
}
