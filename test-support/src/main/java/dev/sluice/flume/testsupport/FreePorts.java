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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports for child processes. A port is free on every local address when handed out, and
 * never handed out twice in one JVM, so two servers of one test cannot collide even before either
 * has bound its port.
 */
public final class FreePorts {
  private static final int MAX_ATTEMPTS = 200;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  private static final int EPHEMERAL_LOW =
      ephemeralLow(Paths.get("/proc/sys/net/ipv4/ip_local_port_range"));

  private FreePorts() {}

  /** One free port. */
  public static synchronized int allocate() {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      int port = probe();
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException(
        "no free port found in "
            + MAX_ATTEMPTS
            + " attempts; "
            + HANDED_OUT.size()
            + " handed out");
  }

  /** {@code count} distinct free ports. */
  public static int[] allocate(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    int[] ports = new int[count];
    for (int i = 0; i < count; i++) {
      ports[i] = allocate();
    }
    return ports;
  }

  /**
   * The first of {@code count} consecutive free ports, none handed out before, for a topology that
   * numbers its agents' ports from a base (the topology planner's {@code basePort}). Taken below
   * the kernel's ephemeral range like {@link #allocate()}'s, when the block fits there: a base
   * picked anywhere from 20,000 up once gave an Avro source a port an outgoing connection already
   * held.
   */
  public static synchronized int allocateBlock(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    // Below the ephemeral range: first where allocate() takes its ports, then from 1024 up; only
    // when no block fits there, anywhere. In each range from a random base up, then from its
    // bottom; each taken port moves the base past it.
    int low = EPHEMERAL_LOW;
    int base = -1;
    if (low - 1024 >= 4096) {
      base = scanRandomly(Math.max(1024, low - 16384), low - count, count);
      if (base < 0) {
        base = scanRandomly(1024, low - count, count);
      }
    }
    if (base < 0) {
      base = scanRandomly(1024, 65536 - count, count);
    }
    if (base < 0) {
      throw new IllegalStateException("no block of " + count + " free ports");
    }
    for (int p = base; p < base + count; p++) {
      HANDED_OUT.add(p);
    }
    return base;
  }

  /** A base from {@code first} to {@code last} whose block is free; -1 for none. */
  private static int scanRandomly(int first, int last, int count) {
    if (last < first) {
      return -1;
    }
    int base = scan(ThreadLocalRandom.current().nextInt(first, last + 1), last, count);
    return base >= 0 ? base : scan(first, last, count);
  }

  /** The lowest base from {@code first} to {@code last} whose block is free; -1 for none. */
  private static int scan(int first, int last, int count) {
    int base = first;
    while (base <= last) {
      int taken = firstTaken(base, count);
      if (taken < 0) {
        return base;
      }
      base = taken + 1;
    }
    return -1;
  }

  /** The first port of the block that is handed out or cannot be bound; -1 when none is. */
  private static int firstTaken(int base, int count) {
    for (int p = base; p < base + count; p++) {
      if (HANDED_OUT.contains(p) || !bindable(p)) {
        return p;
      }
    }
    return -1;
  }

  /**
   * A port below the kernel's ephemeral range when there is room there, so that no outgoing
   * connection of another process (a Flume agent's Avro sink, a client) can be given it as its
   * local port between this probe and the child's bind (seen: a JMX port taken in a 21-agent
   * topology); the ephemeral range itself only when there is no room below it.
   */
  private static int probe() {
    int low = EPHEMERAL_LOW;
    if (low - 1024 >= 4096) {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        int port =
            ThreadLocalRandom.current().nextInt(low - 16384 < 1024 ? 1024 : low - 16384, low);
        if (!HANDED_OUT.contains(port) && bindable(port)) {
          return port;
        }
      }
    }
    return bindAny();
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int bindAny() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind an ephemeral port", e);
    }
  }

  /**
   * The first port of the kernel's ephemeral range, or 0 when it cannot be read. One read from the
   * start of the file: {@code Files.readAllBytes} reads a procfs file, whose size is 0, a byte
   * first and then again from offset 1, where this sysctl file answers end-of-file; it returned "3"
   * for "32768 60999", and every port came from the ephemeral range.
   */
  static int ephemeralLow(Path rangeFile) {
    try (BufferedReader in = Files.newBufferedReader(rangeFile, StandardCharsets.US_ASCII)) {
      String range = in.readLine();
      return range == null ? 0 : Integer.parseInt(range.trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The first port of the ephemeral range as this class read it (0: unknown). */
  static int ephemeralLow() {
    return EPHEMERAL_LOW;
  }
}
