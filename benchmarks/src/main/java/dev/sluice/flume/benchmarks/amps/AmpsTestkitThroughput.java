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
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>{@code java ... AmpsTestkitThroughput [messages] [runs]}; defaults 1,000,000 and 5.
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

  static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  public static void main(String[] args) throws Exception {
    java.util.logging.Logger.getLogger("dev.sluice.flume.amps.testkit")
        .setLevel(java.util.logging.Level.WARNING);
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    testkitRun(Math.min(messages, 200_000)); // warm-up
    relayRun(Math.min(messages, 200_000));
    List<Double> testkit = new ArrayList<>();
    List<Double> relay = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      relay.add(relayRun(messages));
      testkit.add(testkitRun(messages));
      System.out.printf(
          Locale.ROOT,
          "run %d: relay %,.0f msgs/s, testkit %,.0f msgs/s%n",
          r + 1,
          relay.get(r),
          testkit.get(r));
    }
    double t = median(testkit);
    double a = median(relay);
    System.out.printf(
        Locale.ROOT,
        "amps-testkit publish->subscriber, 100-byte JSON, %,d msgs x %d runs: median %,.0f msgs/s;"
            + " loopback relay anchor %,.0f msgs/s; ratio %.2f%n",
        messages,
        runs,
        t,
        a,
        t / a);
  }
}
