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

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * A server that speaks the AMPS wire protocol (JSON message type over TCP) well enough for the
 * unmodified AMPS Java client, with controls for tests: drop connections, refuse connections,
 * stall, delay persisted acks, restart keeping the transaction log, and instances that replicate
 * their transaction logs to each other asynchronously, with a configurable lag, as a replicated
 * AMPS pair does. It is not AMPS: see {@code docs/amps-testkit.md}.
 *
 * <pre>{@code
 * try (AmpsTestServer amps = AmpsTestServer.builder().sowTopic("orders", "/order_key").start()) {
 *   HAClient client = ...; // connect to amps.uri()
 * }
 * }</pre>
 */
public final class AmpsTestServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AmpsTestServer.class.getName());

  private final Engine engine;
  private final String host;
  private final String name;
  private final Map<String, String> users;
  private final int maxFrameBytes;
  private final long softOutboundLimit;
  private final long hardOutboundLimit;

  private final Listener listener;
  private volatile boolean closed;

  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, Connection> names = new ConcurrentHashMap<>();
  private final AtomicLong connectionIds = new AtomicLong();
  private final Object stallMonitor = new Object();
  private volatile long stalledUntilNanos;
  private volatile long persistedAckDelayMillis;

  private AmpsTestServer(Builder b, Engine engine) {
    this.engine = engine;
    this.host = b.host;
    this.name = b.name;
    this.users = b.users == null ? null : Map.copyOf(b.users);
    this.maxFrameBytes = b.maxFrameBytes;
    this.softOutboundLimit = b.softOutboundLimit;
    this.hardOutboundLimit = b.hardOutboundLimit;
    this.listener = new Listener(b.host, b.port, this::accepted);
  }

  /** A builder for a server on 127.0.0.1, a free port, every topic logged, no SOW topics. */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures and starts a server. Every setter checks its argument at once. */
  public static final class Builder {
    private int port;
    private String host = "127.0.0.1";
    private String name = "testkit";
    private final Map<String, String[][]> sowTopics = new LinkedHashMap<>();
    private String loggedTopics = ".*";
    private Path logDirectory;
    private boolean fsync = true;
    private AmpsTestServer replicaOf;
    private Integer replicationPort;
    private final List<String[]> replicateTo = new ArrayList<>();
    private long replicationLagMillis;
    private boolean replicationSync;
    private Map<String, String> users;
    private int maxFrameBytes = 64 * 1024 * 1024;
    private long softOutboundLimit = 8L * 1024 * 1024;
    private long hardOutboundLimit = 1024L * 1024 * 1024;

    private Builder() {}

    /** The TCP port; 0 (the default) picks a free one, which {@link #port()} then reports. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** The address to listen on; the default is 127.0.0.1. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** A name for this instance in log lines (for example "primary"). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Declares a state-of-the-world topic keyed by the given JSON paths (for example {@code
     * "/order_key"}); with no key paths the whole body is the key.
     */
    public Builder sowTopic(String topic, String... keyPaths) {
      Objects.requireNonNull(topic, "topic");
      if (topic.isEmpty() || SubscriptionCommands.isRegex(topic)) {
        throw new IllegalArgumentException("a SOW topic needs a plain name, got '" + topic + "'");
      }
      String[][] steps = new String[keyPaths.length][];
      for (int i = 0; i < keyPaths.length; i++) {
        String k = keyPaths[i];
        if (k == null || !k.startsWith("/") || k.length() < 2) {
          throw new IllegalArgumentException(
              "SOW key of topic " + topic + " must be a path like /order_key, got '" + k + "'");
        }
        steps[i] = Json.steps(k);
      }
      sowTopics.put(topic, steps);
      return this;
    }

    /**
     * Which topics go to the transaction log (and so can be replayed from bookmarks): a regular
     * expression that must match the whole topic name. The default logs every topic.
     */
    public Builder transactionLog(String topicRegex) {
      Pattern.compile(Objects.requireNonNull(topicRegex, "topicRegex"));
      this.loggedTopics = topicRegex;
      return this;
    }

    /** No transaction log: no bookmark subscriptions, nothing kept but the SOW. */
    public Builder noTransactionLog() {
      this.loggedTopics = null;
      return this;
    }

    /**
     * Keeps the transaction log in this directory, so a new server started on it recovers the log,
     * the SOW and the publishers' sequence numbers.
     */
    public Builder logDirectory(Path directory) {
      this.logDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Whether a persisted ack waits for {@code FileChannel.force} of the log directory's file (the
     * default, true). False only hands the records to the operating system before acking: they
     * survive the process being killed but not a power loss or kernel crash. For benchmarks that
     * compare against something that does not fsync either.
     */
    public Builder fsync(boolean fsync) {
      this.fsync = fsync;
      return this;
    }

    /**
     * Makes the new server the second instance of a replicated pair with {@code primary}: it has
     * its own engine and transaction log (in memory, or in this builder's {@link #logDirectory}),
     * the primary's SOW topics and logged topics unless this builder declares SOW topics itself,
     * and the two replicate every log entry to each other asynchronously, {@link #replicationLag}
     * late, keeping each message's bookmark. A client failing over from one to the other meets what
     * a replicated AMPS pair would show it: the same bookmarks, and possibly not yet the newest
     * messages.
     */
    public Builder replicaOf(AmpsTestServer primary) {
      this.replicaOf = Objects.requireNonNull(primary, "primary");
      return this;
    }

    /**
     * Accepts replication links from other instances on this port (0: a free one, which {@link
     * AmpsTestServer#replicationPort()} reports).
     */
    public Builder replicationPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("replicationPort must be 0..65535, got " + port);
      }
      this.replicationPort = port;
      return this;
    }

    /**
     * Ships every transaction log entry to the instance whose replication port is {@code host:port}
     * (asynchronously: persisted acks do not wait for it), reconnecting while it is down and
     * catching it up from the start of the log when it comes back.
     */
    public Builder replicateTo(String host, int port) {
      Objects.requireNonNull(host, "host");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("replicateTo port must be 1..65535, got " + port);
      }
      replicateTo.add(new String[] {host, Integer.toString(port)});
      return this;
    }

    /**
     * Whether this instance's persisted acks wait until the instances it replicates to have the
     * message (AMPS's {@code sync} destination) or not (an async destination, the default: an
     * instance that dies before shipping takes acknowledged messages with it until it comes back).
     * For a {@link #replicaOf} pair it applies in both directions.
     */
    public Builder replicationSync(boolean sync) {
      this.replicationSync = sync;
      return this;
    }

    /**
     * How long after it is logged here an entry is shipped to the instances this one replicates to
     * (for a {@link #replicaOf} pair: in both directions). The default is 0: as soon as possible,
     * which is still asynchronous.
     */
    public Builder replicationLag(Duration lag) {
      if (lag.isNegative()) {
        throw new IllegalArgumentException("replicationLag must be >= 0, got " + lag);
      }
      this.replicationLagMillis = lag.toMillis();
      return this;
    }

    /** Requires logon with one of these user names and passwords ("auth failure" otherwise). */
    public Builder users(Map<String, String> usersAndPasswords) {
      this.users = Map.copyOf(usersAndPasswords);
      return this;
    }

    /** The largest frame accepted; a longer length prefix closes the connection. */
    public Builder maxFrameBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxFrameBytes must be at least 1024, got " + bytes);
      }
      this.maxFrameBytes = bytes;
      return this;
    }

    /**
     * Bytes queued for one subscriber above which its publishers wait for it ({@code soft}) and
     * above which it is disconnected as a slow consumer ({@code hard}).
     */
    public Builder outboundLimits(long soft, long hard) {
      if (soft < 1024 || hard <= soft) {
        throw new IllegalArgumentException(
            "need 1024 <= soft < hard, got soft=" + soft + " hard=" + hard);
      }
      this.softOutboundLimit = soft;
      this.hardOutboundLimit = hard;
      return this;
    }

    /** Starts the server; it is listening when this returns. */
    public AmpsTestServer start() throws IOException {
      if (replicaOf != null && replicaOf.closed) {
        throw new IllegalStateException("the primary server is already closed");
      }
      if ((!replicateTo.isEmpty() || replicationPort != null) && loggedTopics == null) {
        throw new IllegalStateException("replication needs a transaction log");
      }
      Map<String, String[][]> sow = sowTopics;
      Pattern logged = loggedTopics == null ? null : Pattern.compile(loggedTopics);
      if (replicaOf != null && sow.isEmpty()) {
        // An instance of a pair is configured like its partner unless told otherwise.
        sow = replicaOf.engine.sowTopics();
        logged = replicaOf.engine.loggedTopics();
      }
      Engine engine = new Engine(sow, logged, logDirectory, fsync);
      AmpsTestServer server = new AmpsTestServer(this, engine);
      try {
        if (replicationPort != null || replicaOf != null) {
          engine.listenForReplication(host, replicationPort == null ? 0 : replicationPort);
        }
        for (String[] t : replicateTo) {
          engine.replicateTo(
              t[0] + ":" + t[1],
              t[0],
              Integer.parseInt(t[1]),
              replicationLagMillis,
              replicationSync);
        }
        if (replicaOf != null) {
          Engine primary = replicaOf.engine;
          int primaryPort = primary.listenForReplication(replicaOf.host, 0);
          int replicaPort = engine.listenForReplication(host, 0);
          engine.replicateTo(
              replicaOf.name, replicaOf.host, primaryPort, replicationLagMillis, replicationSync);
          primary.replicateTo(name, host, replicaPort, replicationLagMillis, replicationSync);
        }
        server.listen();
      } catch (IOException | RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    }
  }

  // ------------------------------------------------------------------ public API

  /** The port the server listens on. */
  public int port() {
    return listener.port();
  }

  /** The host the server listens on. */
  public String host() {
    return host;
  }

  /** {@code tcp://host:port/amps/json}, the URI to give the AMPS client. */
  public String uri() {
    return "tcp://" + host + ":" + port() + "/amps/json";
  }

  /** Closes every client connection now; the server keeps listening. */
  public void dropAllConnections() {
    dropAllConnections("dropped by the test");
  }

  private void dropAllConnections(String why) {
    for (Connection c : new ArrayList<>(connections)) {
      c.close(why);
    }
  }

  /**
   * Stops listening for {@code duration} (connection attempts are refused by the operating system),
   * then listens again on the same port. Existing connections are not touched.
   */
  public void refuseConnections(Duration duration) {
    listener.refuseFor(duration.toNanos());
    reopenListenerAfter(Math.max(1, duration.toMillis()));
  }

  /** Ends a refusal now: listens again at once. */
  public void acceptConnections() {
    listener.acceptNow();
  }

  /**
   * Stops reading from and writing to every connection (heartbeats included) for {@code duration},
   * as a hung server would; connections stay open.
   */
  public void stall(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    stalledUntilNanos = until == 0 ? 1 : until;
  }

  /** Ends a stall now. */
  public void endStall() {
    stalledUntilNanos = 0;
    synchronized (stallMonitor) {
      stallMonitor.notifyAll();
    }
  }

  /** Sends every persisted ack {@code delay} later than it would be sent; zero turns this off. */
  public void delayPersistedAcks(Duration delay) {
    persistedAckDelayMillis = delay.toMillis();
  }

  /**
   * Makes the next write of the transaction log's file fail, as a full or failing disk would: the
   * publishes it held get {@code tx store failure} instead of their persisted acks and are not in
   * the log. One write only; needs a {@link Builder#logDirectory log directory}.
   */
  public void failNextLogWrite() {
    requireLog().failNext(TransactionLog.Fault.WRITE);
  }

  /** Like {@link #failNextLogWrite()}, for the next {@code fsync} (force) of the file. */
  public void failNextLogFsync() {
    requireLog().failNext(TransactionLog.Fault.FSYNC);
  }

  private TransactionLog requireLog() {
    if (engine.log() == null || !engine.log().isOnDisk()) {
      throw new IllegalStateException(
          "log write failures need a transaction log kept in a log directory");
    }
    return engine.log();
  }

  /**
   * Restarts as a crashed and restarted AMPS would look to clients: every connection is dropped and
   * the port refuses connections for {@code downtime}; topics, SOW, transaction log and publisher
   * sequence numbers survive, and client names are released.
   */
  public void restart(Duration downtime) {
    listener.refuseFor(Math.max(0, downtime.toNanos()));
    // Drop before ending a stall, so that bytes a stalled server never read are lost with the
    // connections, as they would be in a crash.
    dropAllConnections("restart");
    endStall();
    persistedAckDelayMillis = 0;
    if (downtime.isZero() || downtime.isNegative()) {
      listener.reopenIfDue();
    } else {
      reopenListenerAfter(downtime.toMillis());
    }
  }

  /**
   * Listens again after {@code millis}. A failure to listen again is logged here: thrown from the
   * scheduled task it would only land in a future nobody reads.
   */
  @SuppressWarnings("FutureReturnValueIgnored") // the task reports its own failure; nothing waits
  private void reopenListenerAfter(long millis) {
    engine
        .scheduler()
        .schedule(
            () -> {
              try {
                listener.reopenIfDue();
              } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "the listener did not reopen on port " + port(), e);
              }
            },
            millis,
            TimeUnit.MILLISECONDS);
  }

  /** {@link #restart(Duration)} with no downtime. */
  public void restart() {
    restart(Duration.ZERO);
  }

  /** The number of open client connections. */
  public int connectionCount() {
    return connections.size();
  }

  /** The client names currently logged on. */
  public Set<String> clientNames() {
    return new TreeSet<>(names.keySet());
  }

  /** The number of messages in the transaction log (0 without one). */
  public long transactionLogSize() {
    return engine.log() == null ? 0 : engine.log().nextIndex() - 1;
  }

  /** The number of records in a SOW topic. */
  public int sowCount(String topic) {
    if (!engine.isSowTopic(topic)) {
      throw new IllegalArgumentException(topic + " is not a SOW topic");
    }
    return engine.topic(topic).query(null, null).size();
  }

  /** The highest publish sequence number stored for a client name (0 if none). */
  public long lastSequence(String clientName) {
    return engine.publisher(clientName).lastSequence();
  }

  /** The port other instances replicate to, or -1 when this instance accepts no replication. */
  public int replicationPort() {
    return engine.replicationPort();
  }

  /**
   * Stops the server, closes every connection and its replication links; what it had not shipped
   * yet is lost to the other instances, as in a crash (unless its log directory is reused).
   */
  @Override
  public void close() {
    closed = true;
    listener.close();
    dropAllConnections(null);
    endStall();
    engine.close();
  }

  // ------------------------------------------------------------------ internals

  Engine engine() {
    return engine;
  }

  String instanceName() {
    return name;
  }

  int maxFrameBytes() {
    return maxFrameBytes;
  }

  long softOutboundLimitBytes() {
    return softOutboundLimit;
  }

  long outboundLimitBytes() {
    return hardOutboundLimit;
  }

  long persistedAckDelayMillis() {
    return persistedAckDelayMillis;
  }

  void warnOnce(String key, Supplier<String> message) {
    engine.warnOnce(key, message);
  }

  boolean authenticate(String user, String password) {
    if (users == null) {
      return true;
    }
    return user != null && password != null && password.equals(users.get(user));
  }

  boolean claimName(String clientName, Connection c) {
    while (true) {
      Connection holder = names.putIfAbsent(clientName, c);
      if (holder == null || holder == c) {
        return true;
      }
      if (!holder.isClosed()) {
        return false;
      }
      names.remove(clientName, holder);
    }
  }

  void releaseName(String clientName, Connection c) {
    names.remove(clientName, c);
  }

  void connectionClosed(Connection c) {
    connections.remove(c);
  }

  boolean isStalled() {
    long until = stalledUntilNanos;
    return until != 0 && until - System.nanoTime() > 0;
  }

  /** Blocks the calling I/O thread while the server is stalled. */
  void awaitNotStalled() throws InterruptedException {
    while (true) {
      long until = stalledUntilNanos;
      long left = until - System.nanoTime();
      if (until == 0 || left <= 0 || closed) {
        return;
      }
      synchronized (stallMonitor) {
        TimeUnit.NANOSECONDS.timedWait(stallMonitor, left);
      }
    }
  }

  private void listen() throws IOException {
    listener.open();
    LOG.info(() -> "AMPS testkit '" + name + "' listening on " + uri());
  }

  private void accepted(SocketChannel s) {
    Connection c = new Connection(this, s, connectionIds.incrementAndGet());
    connections.add(c);
    if (closed) {
      c.close(null);
      return;
    }
    c.start();
  }

  /** For the command-line control channel: the current faults and counts, one line. */
  String status() {
    return "port="
        + port()
        + " connections="
        + connections.size()
        + " clients="
        + clientNames()
        + " log="
        + transactionLogSize()
        + " "
        + engine.replicationStatus();
  }

  /** All SOW topic names. */
  List<String> sowTopicNames() {
    return new ArrayList<>(engine.sowTopicNames());
  }
}
