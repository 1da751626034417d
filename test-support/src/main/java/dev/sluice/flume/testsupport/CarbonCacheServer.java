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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real carbon-cache from Debian's {@code graphite-carbon} package, in its own process with its
 * own configuration and storage directories and free loopback ports, and whisper's own {@code
 * whisper-fetch} to read what it stored. Every second is kept for an hour, so each poll of a
 * monitor polling every second is a separate datapoint.
 *
 * <pre>{@code
 * CarbonCacheServer.requireInstalled();           // skips outside CI when carbon is absent
 * CarbonCacheServer carbon = CarbonCacheServer.start(children);
 * ... point the agent's monitor at 127.0.0.1:carbon.linePort() ...
 * Double v = carbon.latest("flume.host.a1.sink.k1.event-drain-success-count");
 * }</pre>
 */
public final class CarbonCacheServer {
  /** carbon-cache listens on 127.0.0.1 (the address itself: no name lookup). */
  private static final byte[] LOOPBACK = {127, 0, 0, 1};

  private static final String CARBON = "/usr/bin/carbon-cache";
  private static final String WHISPER_FETCH = "/usr/bin/whisper-fetch";

  private final int linePort;
  private final int picklePort;
  private final ServerProcess process;
  private final Path storage;

  private CarbonCacheServer(Path dir, int linePort, int picklePort, int queryPort) {
    this.linePort = linePort;
    this.picklePort = picklePort;
    this.storage = dir.resolve("storage");
    Path conf = dir.resolve("conf");
    write(conf.resolve("carbon.conf"), carbonConf(dir, conf, linePort, picklePort, queryPort));
    write(conf.resolve("storage-schemas.conf"), "[everything]\npattern = .*\nretentions = 1s:1h\n");
    this.process =
        ServerProcess.command(
                "carbon-cache",
                CARBON,
                "--config=" + conf.resolve("carbon.conf"),
                "--pidfile=" + dir.resolve("carbon.pid"),
                "--debug",
                "start")
            .workDir(dir)
            .readiness(
                ReadinessProbe.condition(
                    "carbon's line port "
                        + linePort
                        + " and pickle port "
                        + picklePort
                        + " accept connections",
                    () -> accepts(linePort) && accepts(picklePort)),
                Duration.ofSeconds(90))
            .build();
  }

  /** Whether carbon-cache and whisper-fetch are installed. */
  public static boolean isInstalled() {
    return Files.isExecutable(Paths.get(CARBON)) && Files.isExecutable(Paths.get(WHISPER_FETCH));
  }

  /**
   * Skips the calling test when carbon or whisper's tools are not installed, or fails it when the
   * environment variable CI is "true" ({@link Requirement}).
   */
  public static void requireInstalled() {
    Requirement.require(
        isInstalled(),
        () ->
            CARBON
                + " and "
                + WHISPER_FETCH
                + " (install the Debian packages graphite-carbon and python3-whisper)");
  }

  /** Creates carbon in a work directory of the test and starts it; the extension stops it. */
  public static CarbonCacheServer start(ChildProcessesExtension children) {
    CarbonCacheServer carbon = create(children.workDir("carbon"));
    children.start(carbon.process);
    return carbon;
  }

  /**
   * Writes carbon's configuration under {@code dir} with free loopback ports; {@link #process()}
   * starts it.
   */
  public static CarbonCacheServer create(Path dir) {
    int[] ports = FreePorts.allocate(3);
    return new CarbonCacheServer(dir, ports[0], ports[1], ports[2]);
  }

  /** The carbon-cache process (not yet started by {@link #create}). */
  public ServerProcess process() {
    return process;
  }

  /** The plaintext line receiver's port on 127.0.0.1. */
  public int linePort() {
    return linePort;
  }

  /** The pickle receiver's port on 127.0.0.1. */
  public int picklePort() {
    return picklePort;
  }

  private static String carbonConf(Path dir, Path conf, int line, int pickle, int query) {
    return String.join(
        "\n",
        "[cache]",
        "STORAGE_DIR = " + dir.resolve("storage") + "/",
        "LOCAL_DATA_DIR = " + dir.resolve("storage").resolve("whisper") + "/",
        "WHITELISTS_DIR = " + dir.resolve("storage").resolve("lists") + "/",
        "CONF_DIR = " + conf + "/",
        "LOG_DIR = " + dir.resolve("log") + "/",
        "PID_DIR = " + dir + "/",
        "DATABASE = whisper",
        "ENABLE_LOGROTATION = False",
        "MAX_CACHE_SIZE = inf",
        "MAX_UPDATES_PER_SECOND = 10000",
        "MAX_CREATES_PER_MINUTE = inf",
        "LINE_RECEIVER_INTERFACE = 127.0.0.1",
        "LINE_RECEIVER_PORT = " + line,
        "ENABLE_UDP_LISTENER = False",
        "PICKLE_RECEIVER_INTERFACE = 127.0.0.1",
        "PICKLE_RECEIVER_PORT = " + pickle,
        "CACHE_QUERY_INTERFACE = 127.0.0.1",
        "CACHE_QUERY_PORT = " + query,
        "CARBON_METRIC_INTERVAL = 0",
        "WHISPER_AUTOFLUSH = True",
        "ENABLE_TAGS = False",
        "LOG_CREATES = True",
        "");
  }

  /** The whisper file of a dotted metric name. */
  public Path whisperFile(String metric) {
    return storage.resolve("whisper").resolve(metric.replace('.', '/') + ".wsp");
  }

  /** Every metric carbon has a whisper file for, as dotted names, sorted. */
  public List<String> metrics() {
    Path root = storage.resolve("whisper");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".wsp"))
          .map(p -> root.relativize(p).toString())
          .map(s -> s.substring(0, s.length() - ".wsp".length()).replace('/', '.'))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The datapoints stored for a metric over the last hour, timestamp to value, read by whisper's
   * own whisper-fetch; empty when carbon has not created the file yet.
   */
  public NavigableMap<Long, Double> datapoints(String metric) {
    Path file = whisperFile(metric);
    TreeMap<Long, Double> points = new TreeMap<>();
    if (!Files.exists(file)) {
      return points;
    }
    long from = System.currentTimeMillis() / 1000 - 3_590;
    String json = run(WHISPER_FETCH, "--json", "--from=" + from, file.toString());
    Matcher start = Pattern.compile("\"start\"\\s*:\\s*(\\d+)").matcher(json);
    Matcher step = Pattern.compile("\"step\"\\s*:\\s*(\\d+)").matcher(json);
    Matcher values = Pattern.compile("\"values\"\\s*:\\s*\\[([^\\]]*)]").matcher(json);
    if (!start.find() || !step.find() || !values.find()) {
      throw new IllegalStateException("unexpected whisper-fetch output: " + json);
    }
    long t = Long.parseLong(start.group(1));
    long s = Long.parseLong(step.group(1));
    for (String v : values.group(1).split(",")) {
      String value = v.trim();
      if (!value.isEmpty() && !value.equals("null")) {
        points.put(t, Double.parseDouble(value));
      }
      t += s;
    }
    return points;
  }

  /** The most recent value stored for a metric, or null. */
  public Double latest(String metric) {
    Map.Entry<Long, Double> last = datapoints(metric).lastEntry();
    return last == null ? null : last.getValue();
  }

  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = p.getInputStream()) {
        in.transferTo(out);
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(List.of(command) + " did not finish");
      }
      String text = out.toString(StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(List.of(command) + " failed: " + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
