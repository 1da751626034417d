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
package dev.sluice.flume.examples.kafka;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.exception.AMPSException;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.FreePorts;
import dev.sluice.flume.testsupport.HBaseSinkJars;
import dev.sluice.flume.testsupport.KafkaBroker;
import dev.sluice.flume.testsupport.Placeholders;
import dev.sluice.flume.testsupport.PluginTarball;
import dev.sluice.flume.testsupport.ReadinessProbe;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the Kafka examples' ITs share: the AMPS testkit server in its own JVM, a real Kafka broker,
 * real Flume agents running the example's properties file, a publisher of numbered orders, and a
 * plain kafka-clients consumer that counts the order keys in a topic.
 */
final class KafkaExampleHarness {
  static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
  static final String AMPS_TOPIC = "orders";
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /** A whole order as the publisher writes it; group 1 is its key. */
  static final Pattern ORDER =
      Pattern.compile(
          "\\{\"order_key\":(\\d+), \"symbol\":\"[A-Z]+\", \"price\":[0-9.]+, \"qty\":\\d+\\}");

  private static final String[] SYMBOLS = {"MSFT", "IBM", "FIZZ", "YUM", "AAPL", "ORCL", "SAP"};

  private final ChildProcessesExtension children;
  private ServerProcess amps;

  KafkaExampleHarness(ChildProcessesExtension children) {
    this.children = children;
  }

  /** Starts the AMPS testkit server with a transaction log, so bookmark subscriptions replay. */
  String startAmps() {
    int port = FreePorts.allocate();
    Path dir = children.workDir("amps");
    amps =
        ServerProcess.jvm("amps-testkit", "dev.sluice.flume.amps.testkit.AmpsTestServerMain")
            .testClasspath()
            .jvmArgs("-Xmx256m")
            .args(
                "--port",
                Integer.toString(port),
                "--sow",
                AMPS_TOPIC + "=/order_key",
                "--log-dir",
                dir.resolve("txlog").toString())
            .workDir(dir)
            .readiness(ReadinessProbe.tcpPort(port), START_TIMEOUT)
            .build();
    children.start(amps);
    return "tcp://127.0.0.1:" + port + "/amps/json";
  }

  KafkaBroker startKafka() {
    return KafkaBroker.builder().heap("256m").start(children);
  }

  /**
   * A tracked, not yet started agent running {@code examples/conf/<confFile>} with its placeholders
   * filled in; with the plugins it names (the AMPS ones with the AMPS client, the enrichment
   * interceptor with the HBase 2 client, in their libext).
   */
  FlumeAgent agent(String agentName, String dirName, String confFile, Map<String, String> values) {
    String config =
        Placeholders.fill(read(ROOT.resolve("examples/conf").resolve(confFile)), values, confFile);
    FlumeAgent.Builder builder =
        FlumeAgent.builder(agentName)
            .workDir(children.workDir(dirName))
            .config(config)
            .jvmArgs("-Xmx256m");
    if (config.contains("dev.sluice.flume.amps.source.AmpsSource")) {
      builder.plugin(tarball("sluice-amps-source")).libext("sluice-amps-source", ampsClientJar());
    }
    if (config.contains("dev.sluice.flume.amps.sink.AmpsSink")) {
      builder.plugin(tarball("sluice-amps-sink")).libext("sluice-amps-sink", ampsClientJar());
    }
    if (config.contains("dev.sluice.flume.interceptor.enrichment.EnrichmentInterceptor")) {
      // The HBase 2 shaded client and its OpenTelemetry jars go beside the plugin, as
      // docs/enrichment-interceptor.md tells users to install them; the client wants more heap.
      builder
          .plugin(tarball("sluice-enrichment-interceptor"))
          .libext("sluice-enrichment-interceptor", HBaseSinkJars.hbase2Sink().toArray(new Path[0]))
          .jvmArgs("-Xmx384m");
    }
    if (config.contains("dev.sluice.flume.sink.file.HeaderFilenameSink")) {
      builder.plugin(tarball("sluice-header-filename-sink"));
    }
    return children.track(builder.build());
  }

  static void startAndAwait(FlumeAgent agent) {
    agent.start();
    agent.awaitStarted(START_TIMEOUT);
  }

  /** A deterministic order: the same key always has the same symbol, price and quantity. */
  static String order(long key) {
    String symbol = SYMBOLS[(int) (key % SYMBOLS.length)];
    double price = 50 + (key * 7919 % 15000) / 100.0;
    long qty = 100 + key * 31 % 4900;
    return String.format(
        Locale.ROOT,
        "{\"order_key\":%d, \"symbol\":\"%s\", \"price\":%.2f, \"qty\":%d}",
        key,
        symbol,
        price,
        qty);
  }

  static String symbolOf(long key) {
    return SYMBOLS[(int) (key % SYMBOLS.length)];
  }

  /**
   * Counts the order keys in every record of {@code topic}, from the beginning to the end offsets
   * of this moment, with a plain consumer (no group, nothing committed). A record is read as text:
   * the order's JSON is found whole in it whether it is the body alone or an Avro-encoded Flume
   * event that carries it.
   */
  static SequenceChecker countTopic(
      String bootstrap,
      String topic,
      long first,
      long endExclusive,
      java.util.function.BiConsumer<String, String> keyAndOrder) {
    SequenceChecker checker = SequenceChecker.expecting(first, endExclusive, ORDER);
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!reachedEnd(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to " + end + " in 120 s");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          String value = new String(record.value(), StandardCharsets.ISO_8859_1);
          Matcher m = ORDER.matcher(value);
          String order = m.find() ? m.group() : value;
          checker.addLine(order);
          if (keyAndOrder != null) {
            keyAndOrder.accept(
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                order);
          }
        }
      }
    }
    return checker;
  }

  private static boolean reachedEnd(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** The plugin tarball a module built, e.g. amps-source/target/sluice-amps-source-*.tar.gz. */
  static Path tarball(String artifact) {
    return PluginTarball.of(ROOT.resolve(artifact.substring("sluice-".length())));
  }

  private static Path ampsClientJar() {
    try {
      return Paths.get(Client.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Publishes orders 1..count to AMPS with the real AMPS client, as fast as the server takes them;
   * the pipeline drains them afterwards, so kills triggered by its progress land mid-stream.
   */
  static final class Publisher implements Runnable {
    private final String uri;
    private final long count;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile Exception failure;
    private volatile boolean done;

    Publisher(String uri, long count) {
      this.uri = uri;
      this.count = count;
    }

    long published() {
      return published.get();
    }

    /** Orders 1..acknowledged were acknowledged by the server: all, once publishFlush returned. */
    long acknowledged() {
      return acknowledged.get();
    }

    boolean isDone() {
      return done;
    }

    Exception failure() {
      return failure;
    }

    Thread startThread() {
      Thread thread = new Thread(this, "order-publisher");
      thread.setDaemon(true);
      thread.start();
      return thread;
    }

    @Override
    public void run() {
      Client client = new Client("sluice-kafka-example-publisher");
      try {
        client.connect(uri);
        client.logon();
        for (long key = 1; key <= count; key++) {
          client.publish(AMPS_TOPIC, order(key));
          published.incrementAndGet();
        }
        client.publishFlush(TimeUnit.SECONDS.toMillis(60));
        acknowledged.set(published.get());
      } catch (AMPSException e) {
        failure = e;
      } finally {
        client.close();
        done = true;
      }
    }
  }

  /**
   * An independent reader of what reached AMPS: the real AMPS client subscribed to a topic from the
   * start of the server's transaction log (bookmark {@code 0}), keeping every message's body.
   */
  static final class AmpsReader implements AutoCloseable {
    private final Client client;
    private final java.util.concurrent.ConcurrentLinkedQueue<String> bodies =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();

    AmpsReader(String uri, String topic) throws AMPSException {
      client = new Client("sluice-kafka-example-reader-" + System.nanoTime());
      try {
        client.connect(uri);
        client.logon();
        client.executeAsync(
            new com.crankuptheamps.client.Command("subscribe")
                .setTopic(topic)
                .setBookmark("0")
                .setSubId("reader"),
            message -> {
              if (message.getCommand() == com.crankuptheamps.client.Message.Command.Publish) {
                bodies.add(message.getData());
                count.incrementAndGet();
              }
            });
      } catch (AMPSException | RuntimeException e) {
        client.close();
        throw e;
      }
    }

    long count() {
      return count.get();
    }

    SequenceChecker check(long first, long endExclusive) {
      SequenceChecker checker = SequenceChecker.expecting(first, endExclusive, ORDER);
      for (String body : bodies) {
        checker.addLine(body);
      }
      return checker;
    }

    @Override
    public void close() {
      client.close();
    }
  }

  /** The sum of the end offsets of {@code topic}'s partitions: how many records it holds. */
  static long recordsIn(String bootstrap, String topic) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
      List<TopicPartition> partitions = new ArrayList<>();
      List<PartitionInfo> infos = consumer.partitionsFor(topic);
      if (infos == null) {
        return 0;
      }
      for (PartitionInfo info : infos) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    } catch (org.apache.kafka.common.KafkaException e) {
      return -1; // the broker is away: no progress to report
    }
  }

  /** Lines in every regular file of {@code dir}. */
  static long linesIn(Path dir) {
    long lines = 0;
    for (Path file : files(dir)) {
      try (java.util.stream.Stream<String> s = Files.lines(file, StandardCharsets.ISO_8859_1)) {
        lines += s.count();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return lines;
  }

  static List<Path> files(Path dir) {
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
