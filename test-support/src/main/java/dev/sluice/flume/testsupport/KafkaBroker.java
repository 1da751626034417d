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
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Apache Kafka broker for integration tests: one KRaft node that is both broker and
 * controller, in a child JVM of its own, on two free loopback ports (clients and controller), with
 * its log directory under the test's work directory.
 *
 * <pre>{@code
 * KafkaBroker kafka = KafkaBroker.start(children);
 * ... agent properties: a1.sinks.k1.kafka.bootstrap.servers = kafka.bootstrapServers() ...
 * kafka.createTopic("orders", 3);
 * kafka.kill();      // SIGKILL
 * kafka.start();     // same log directory, same ports; acknowledged records are still there
 * }</pre>
 *
 * <p>The broker is {@code org.apache.kafka:kafka_2.13} at the version in {@link #version()}: its
 * jars are copied at build time into {@code target/kafka-broker-jars} (see test-support's pom), so
 * they reach neither the Flume agent's classpath nor a module's test classpath. The storage is
 * formatted once, before the first start ({@code kafka.tools.StorageTool format --standalone}).
 *
 * <p>Ready when a probe record, produced with {@code acks=all} by Flume 1.11's kafka-clients 2.7.2
 * in the test JVM, is consumed back. A module that uses this class therefore needs {@code
 * org.apache.kafka:kafka-clients:2.7.2} on its test classpath (test-support has it only as a
 * provided dependency). After a SIGKILL, the controller refuses the broker's new registration until
 * the old session expires: the broker is configured with a 2 s session, so a restart after SIGKILL
 * takes about 5 s more than one after {@link #stop}.
 */
public final class KafkaBroker extends ProcessBackedServer {
  static final String RESOURCE = "kafka-broker.properties";
  static final String MAIN_CLASS = "kafka.Kafka";
  static final String STORAGE_TOOL_CLASS = "kafka.tools.StorageTool";
  static final String PROBE_TOPIC = "sluice-readiness-probe";
  static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(2);
  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;

  private final Path workDir;
  private final Path dataDir;
  private final Path serverProperties;
  private final int port;
  private final int controllerPort;
  private final List<Path> classpath;

  private KafkaBroker(Builder builder) {
    this(builder, FreePorts.allocate(2), brokerClasspath());
  }

  private KafkaBroker(Builder builder, int[] ports, List<Path> classpath) {
    super(serverProcess(builder, ports[0], ports[1], classpath));
    this.workDir = builder.workDir;
    this.dataDir = dataDirOf(workDir);
    this.serverProperties = serverPropertiesOf(workDir);
    this.port = ports[0];
    this.controllerPort = ports[1];
    this.classpath = classpath;
  }

  private static Path dataDirOf(Path workDir) {
    return workDir.resolve("data");
  }

  private static Path serverPropertiesOf(Path workDir) {
    return workDir.resolve("server.properties");
  }

  /** Writes the broker's settings and logging configuration and describes its JVM. */
  private static ServerProcess serverProcess(
      Builder builder, int port, int controllerPort, List<Path> classpath) {
    Path workDir = builder.workDir;
    Map<String, String> settings = serverSettings(dataDirOf(workDir), port, controllerPort);
    settings.putAll(builder.overrides);
    writeFile(serverPropertiesOf(workDir), propertiesText(settings));
    Path log4j = workDir.resolve("log4j2.xml");
    writeFile(log4j, log4jConfig());
    String bootstrap = HOST + ":" + port;
    return ServerProcess.jvm("kafka", MAIN_CLASS)
        .classpath(classpath)
        .jvmArgs("-Xmx" + builder.heap, "-Xss1m", "-XX:+UseSerialGC")
        .systemProperty("log4j2.configurationFile", log4j.toString())
        .systemProperty("java.net.preferIPv4Stack", "true")
        .args(serverPropertiesOf(workDir).toString())
        .workDir(workDir)
        .readiness(
            ReadinessProbe.condition(
                "a probe record produced (acks=all) and consumed on " + bootstrap,
                () -> KafkaProbe.roundTrip(bootstrap, PROBE_TOPIC)),
            builder.readinessTimeout)
        .build();
  }

  /** Settings for a broker; {@link Builder#start} creates, tracks and starts it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a broker in a work directory of the test; the extension kills it afterwards. */
  public static KafkaBroker start(ChildProcessesExtension children) {
    return builder().start(children);
  }

  /** The broker's version, such as {@code 4.1.1}. */
  public static String version() {
    return resourceProperty("version");
  }

  /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}; the same after every restart. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** The PLAINTEXT client port. */
  public int port() {
    return port;
  }

  /** The KRaft controller's port. */
  public int controllerPort() {
    return controllerPort;
  }

  /** The broker's log directory ({@code log.dirs}); kept across restarts. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Creates {@code topic} with {@code partitions} partitions (replication factor 1) unless it
   * exists, and waits until every partition has a leader.
   */
  public void createTopic(String topic, int partitions) {
    Objects.requireNonNull(topic, "topic");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    KafkaProbe.createTopic(bootstrapServers(), topic, partitions);
  }

  /** Formats the storage before the first start, starts the JVM and waits until it is ready. */
  @Override
  public KafkaBroker start() {
    if (!Files.exists(dataDir.resolve("meta.properties"))) {
      format();
    }
    process.start();
    return this;
  }

  /** Stops (SIGTERM: a controlled shutdown) if running, then starts on the same data and ports. */
  @Override
  public KafkaBroker restart() {
    if (process.isAlive()) {
      process.stop(ServerProcess.DEFAULT_STOP_TIMEOUT);
    }
    return start();
  }

  @Override
  public List<Path> logFiles() {
    return List.of(process.logFile(), workDir.resolve("kafka-format.log"));
  }

  @Override
  public String toString() {
    return "KafkaBroker[" + version() + " at " + bootstrapServers() + "]";
  }

  /** The settings of a single-node KRaft broker and controller on loopback. */
  static Map<String, String> serverSettings(Path dataDir, int port, int controllerPort) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("process.roles", "broker,controller");
    settings.put("node.id", Integer.toString(NODE_ID));
    settings.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
    settings.put(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    settings.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    settings.put("controller.listener.names", "CONTROLLER");
    settings.put("inter.broker.listener.name", "PLAINTEXT");
    settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    settings.put("log.dirs", dataDir.toString());
    settings.put("num.partitions", "1");
    settings.put("auto.create.topics.enable", "true");
    settings.put("min.insync.replicas", "1");
    settings.put("offsets.topic.replication.factor", "1");
    settings.put("offsets.topic.num.partitions", "4");
    settings.put("transaction.state.log.replication.factor", "1");
    settings.put("transaction.state.log.min.isr", "1");
    settings.put("share.coordinator.state.topic.replication.factor", "1");
    settings.put("share.coordinator.state.topic.min.isr", "1");
    // A new consumer group's first rebalance would otherwise wait 3 s.
    settings.put("group.initial.rebalance.delay.ms", "0");
    // After SIGKILL the controller refuses a new registration until the old session expires.
    settings.put("broker.session.timeout.ms", "2000");
    settings.put("broker.heartbeat.interval.ms", "500");
    // The cleaner's default 128 MB dedupe buffer does not fit a small heap.
    settings.put("log.cleaner.dedupe.buffer.size", "16777216");
    return settings;
  }

  static String propertiesText(Map<String, String> settings) {
    StringBuilder text = new StringBuilder("# Written by sluice test-support for KafkaBroker.\n");
    settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString();
  }

  /** A cluster id as Kafka writes it: 16 random bytes, URL-safe Base64 without padding. */
  static String randomClusterId(SecureRandom random) {
    while (true) {
      byte[] bytes = new byte[16];
      random.nextBytes(bytes);
      String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      if (!id.startsWith("-")) {
        return id;
      }
    }
  }

  private void format() {
    List<String> command =
        ChildCommand.jvm(
            List.of("-Xmx128m", "-XX:+UseSerialGC"),
            Map.of("log4j2.configurationFile", workDir.resolve("log4j2.xml").toString()),
            classpath,
            STORAGE_TOOL_CLASS,
            List.of(
                "format",
                "-t",
                randomClusterId(new SecureRandom()),
                "-c",
                serverProperties.toString(),
                "--standalone"),
            ProcessHandle.current().pid());
    Path log = workDir.resolve("kafka-format.log");
    Process format;
    try {
      format =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Kafka's storage tool: " + command, e);
    }
    LiveChildren.add(format);
    try {
      if (!format.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LiveChildren.killTree(format.toHandle());
        throw new IllegalStateException(
            "Kafka's storage tool did not finish within "
                + FORMAT_TIMEOUT
                + "\n"
                + LogTail.describe(log, 40));
      }
    } catch (InterruptedException e) {
      LiveChildren.killTree(format.toHandle());
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while formatting Kafka's storage", e);
    }
    if (format.exitValue() != 0 || !Files.exists(dataDir.resolve("meta.properties"))) {
      throw new IllegalStateException(
          "Kafka's storage tool exited with code "
              + format.exitValue()
              + " without formatting "
              + dataDir
              + "\n"
              + LogTail.describe(log, 40));
    }
  }

  /** The broker's jars, as copied at build time. */
  static List<Path> brokerClasspath() {
    Path dir = Paths.get(resourceProperty("directory"));
    List<Path> jars;
    try (Stream<Path> files = Files.list(dir)) {
      jars =
          files
              .filter(file -> file.getFileName().toString().endsWith(".jar"))
              .sorted()
              .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot list the Kafka broker's jars in " + dir + "; build test-support again", e);
    }
    if (jars.isEmpty()) {
      throw new IllegalStateException(
          dir + " holds no jars; build test-support again (generate-resources copies them)");
    }
    return jars;
  }

  private static String resourceProperty(String key) {
    Properties properties = new Properties();
    try (InputStream in = KafkaBroker.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + RESOURCE + " is missing next to " + KafkaBroker.class.getName());
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    String value = properties.getProperty(key, "");
    if (value.isEmpty() || value.contains("${")) {
      throw new IllegalStateException(RESOURCE + " has no " + key + ": '" + value + "'");
    }
    return value;
  }

  private static String log4jConfig() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!-- Written by sluice test-support for KafkaBroker. -->\n"
        + "<Configuration status=\"WARN\">\n"
        + "  <Appenders>\n"
        + "    <Console name=\"Console\" target=\"SYSTEM_OUT\">\n"
        + "      <PatternLayout pattern=\"%d{ISO8601} %-5p [%t] %c: %m%n\"/>\n"
        + "    </Console>\n"
        + "  </Appenders>\n"
        + "  <Loggers>\n"
        + "    <Logger name=\"kafka.server.KafkaRaftServer\" level=\"INFO\"/>\n"
        + "    <Logger name=\"kafka.server.BrokerServer\" level=\"INFO\"/>\n"
        + "    <Root level=\"WARN\">\n"
        + "      <AppenderRef ref=\"Console\"/>\n"
        + "    </Root>\n"
        + "  </Loggers>\n"
        + "</Configuration>\n";
  }

  private static void writeFile(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Settings of a {@link KafkaBroker}. Each setter checks its argument at once. */
  public static final class Builder {
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private Path workDir;
    private Duration readinessTimeout = DEFAULT_READINESS_TIMEOUT;
    private String heap = "256m";

    private Builder() {}

    /** The broker's directory (data, configuration and logs); {@link #start} picks one if unset. */
    public Builder workDir(Path dir) {
      this.workDir = Objects.requireNonNull(dir, "workDir").toAbsolutePath();
      return this;
    }

    /** How long a start may take until the broker is ready; default 90 s. */
    public Builder readinessTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("readiness timeout must be positive, was " + timeout);
      }
      this.readinessTimeout = timeout;
      return this;
    }

    /** The broker JVM's maximum heap, such as {@code 256m} (the default). */
    public Builder heap(String size) {
      if (size == null || !size.matches("[1-9][0-9]*[kmgKMG]")) {
        throw new IllegalArgumentException("heap must be like 256m, was " + size);
      }
      this.heap = size;
      return this;
    }

    /**
     * Sets a broker property on top of test-support's settings, such as {@code
     * property("num.partitions", "3")}. Listener, port and directory settings are test-support's.
     */
    public Builder property(String key, String value) {
      if (key == null || !key.matches("[a-z][a-z0-9._-]*")) {
        throw new IllegalArgumentException("property key must be a Kafka setting name, was " + key);
      }
      Objects.requireNonNull(value, "value");
      if (key.equals("log.dirs")
          || key.contains("listener")
          || key.equals("node.id")
          || key.equals("process.roles")
          || key.startsWith("controller.")) {
        throw new IllegalArgumentException(key + " is set by KafkaBroker and cannot be changed");
      }
      overrides.put(key, value);
      return this;
    }

    /** Creates the broker (not started); a work dir is required. */
    public KafkaBroker build() {
      if (workDir == null) {
        throw new IllegalStateException("workDir is required; or use start(children)");
      }
      return new KafkaBroker(this);
    }

    /**
     * Creates the broker in {@code children.workDir("kafka")} unless a work dir is set, tracks it
     * so that it is killed after the test (or class), and starts it.
     */
    public KafkaBroker start(ChildProcessesExtension children) {
      if (workDir == null) {
        workDir(children.workDir("kafka"));
      }
      return children.start(build());
    }
  }
}
