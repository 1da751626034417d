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
package dev.sluice.flume.benchmarks.amps;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.exception.AMPSException;
import dev.sluice.flume.amps.testkit.AmpsTestServer;
import dev.sluice.flume.benchmarks.BenchArgs;
import dev.sluice.flume.benchmarks.report.Section;
import dev.sluice.flume.benchmarks.report.Series;
import dev.sluice.flume.benchmarks.report.Workload;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the AMPS testkit server: one publisher and one subscriber (the real AMPS client on
 * both ends, over loopback) and 100-byte JSON bodies; the figure is messages per second from the
 * first publish to the last delivery, the median of several runs. The anchor, measured in the same
 * run, is the loopback limit for the same frames: a plain socket relay (one thread reading
 * length-prefixed frames from one socket and writing them to another) with no AMPS protocol at all.
 * The transaction log is on, as the AMPS source's bookmark subscriptions need it.
 *
 * <p>{@code bin/bench amps-testkit [--messages N] [--rounds R] [--quick]}; defaults 1,000,000 and
 * 5.
 */
public final class AmpsTestkitThroughput {
  private static final String TOPIC = "bench";

  private AmpsTestkitThroughput() {}

  /** A 100-byte JSON body with a sequence number in it. */
  static byte[] body(long n) {
    String prefix = "{\"seq\":" + n + ",\"sym\":\"SLCE\",\"px\":101.25,\"qty\":300,\"pad\":\"";
    StringBuilder sb = new StringBuilder(prefix);
    while (sb.length() < 98) {
      sb.append('x');
    }
    sb.append("\"}");
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Messages per second through the testkit for one run. */
  static double testkitRun(int messages) throws IOException, AMPSException, InterruptedException {
    try (AmpsTestServer server = AmpsTestServer.builder().start();
        Client sub = new Client("bench-sub");
        Client pub = new Client("bench-pub")) {
      sub.connect(server.uri());
      sub.logon();
      CountDownLatch done = new CountDownLatch(1);
      AtomicLong received = new AtomicLong();
      sub.executeAsync(
          new Command("subscribe").setTopic(TOPIC),
          m -> {
            if (received.incrementAndGet() == messages) {
              done.countDown();
            }
          });
      pub.connect(server.uri());
      pub.logon();
      byte[][] bodies = new byte[1024][];
      for (int i = 0; i < bodies.length; i++) {
        bodies[i] = body(i);
      }
      byte[] topic = TOPIC.getBytes(StandardCharsets.US_ASCII);
      long start = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        byte[] b = bodies[i & 1023];
        pub.publish(topic, 0, topic.length, b, 0, b.length);
      }
      if (!done.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("only " + received.get() + " of " + messages + " arrived");
      }
      long nanos = System.nanoTime() - start;
      return messages * 1e9 / nanos;
    }
  }

  /** Messages per second through a plain socket relay of the same frames (the loopback anchor). */
  static double relayRun(int messages) throws IOException, InterruptedException {
    byte[] frame = frame();
    try (ServerSocket in = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerSocket out = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket producer = new Socket(InetAddress.getLoopbackAddress(), in.getLocalPort());
        Socket consumer = new Socket(InetAddress.getLoopbackAddress(), out.getLocalPort());
        Socket relayIn = in.accept();
        Socket relayOut = out.accept()) {
      Thread relay =
          new Thread(
              () -> {
                try {
                  DataInputStream r =
                      new DataInputStream(
                          new java.io.BufferedInputStream(relayIn.getInputStream(), 1 << 16));
                  OutputStream w =
                      new java.io.BufferedOutputStream(relayOut.getOutputStream(), 1 << 16);
                  byte[] buf = new byte[frame.length];
                  for (int i = 0; i < messages; i++) {
                    r.readFully(buf);
                    w.write(buf);
                    if (r.available() == 0) {
                      w.flush();
                    }
                  }
                  w.flush();
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      CountDownLatch done = new CountDownLatch(1);
      Thread reader =
          new Thread(
              () -> {
                try {
                  InputStream r = consumer.getInputStream();
                  byte[] buf = new byte[1 << 16];
                  long left = (long) messages * frame.length;
                  while (left > 0) {
                    int n = r.read(buf);
                    if (n < 0) {
                      break;
                    }
                    left -= n;
                  }
                  done.countDown();
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      relay.start();
      reader.start();
      OutputStream w = producer.getOutputStream();
      long start = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        w.write(frame); // one write per message, as a client publishing one at a time does
      }
      w.flush();
      if (!done.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("relay did not finish");
      }
      long nanos = System.nanoTime() - start;
      relay.join();
      return messages * 1e9 / nanos;
    }
  }

  private static byte[] frame() {
    byte[] header = "{\"c\":\"p\",\"t\":\"bench\"}".getBytes(StandardCharsets.US_ASCII);
    byte[] b = body(0);
    byte[] f = new byte[4 + header.length + b.length];
    int len = header.length + b.length;
    f[0] = (byte) (len >>> 24);
    f[1] = (byte) (len >>> 16);
    f[2] = (byte) (len >>> 8);
    f[3] = (byte) len;
    System.arraycopy(header, 0, f, 4, header.length);
    System.arraycopy(b, 0, f, 4 + header.length, b.length);
    return f;
  }

  public static Section run(String[] args) throws Exception {
    BenchArgs a =
        BenchArgs.parse(
            "amps-testkit",
            args,
            List.of("--messages", "--rounds"),
            List.of("--quick"),
            "[--messages N] [--rounds R] [--quick]");
    boolean quick = a.flag("--quick");
    int messages = a.positive("--messages", quick ? 100_000 : 1_000_000);
    int rounds = a.positive("--rounds", quick ? 2 : 5);
    java.util.logging.Logger.getLogger("dev.sluice.flume.amps.testkit")
        .setLevel(java.util.logging.Level.WARNING);
    Section.Recorder section = Section.begin("amps-testkit", "AMPS testkit", a.command());
    testkitRun(Math.min(messages, 200_000)); // warm-up, both sides alike
    relayRun(Math.min(messages, 200_000));
    Series testkit = new Series();
    Series relay = new Series();
    for (int r = 0; r < rounds; r++) {
      // Alternate which side goes first, so drift on the shared machine favours neither.
      if (r % 2 == 0) {
        relay.add(relayRun(messages));
        testkit.add(testkitRun(messages));
      } else {
        testkit.add(testkitRun(messages));
        relay.add(relayRun(messages));
      }
      System.out.printf(
          Locale.ROOT,
          "round %d: testkit / relay %.2f%n",
          r + 1,
          testkit.values().get(r) / relay.values().get(r));
    }
    section.description(
        String.format(
            Locale.ROOT,
            "The AMPS testkit server (in this JVM, transaction log on) between one publisher and"
                + " one subscriber, both the real AMPS client over loopback, %,d 100-byte JSON"
                + " bodies per round, timed from the first publish to the last delivery; the anchor"
                + " is the loopback limit for the same frames, a plain socket relay (one thread"
                + " reading length-prefixed frames from one socket and writing them to another)"
                + " with no AMPS protocol, timed the same way. One untimed warm-up run of each,"
                + " then %d rounds, the order alternating. Ratios only: the figures are measured"
                + " through the AMPS client, whose licence forbids publishing them.",
            messages,
            rounds));
    section.add(
        Workload.of("publish → subscriber, 100-byte bodies", "messages/s")
            .anchor("plain socket relay of the same frames", relay)
            .ours("AMPS testkit", testkit)
            .ratiosOnly()
            .build());
    return section.end();
  }
}
