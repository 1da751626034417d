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
package dev.sluice.flume.benchmarks.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileSummaryTest {
  private static final String SLUICE = "Sluice (`dev.sluice.*`)";
  private static final String FILE_CHANNEL =
      "Flume's file channel (`org.apache.flume.channel.file.*`)";

  @TempDir Path dir;

  /** Records this JVM while one thread spins in this class and this one forces a file 5 times. */
  private Path record() throws Exception {
    Path file = dir.resolve("tiny.jfr");
    try (Recording r = new Recording()) {
      r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
      r.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(20));
      r.enable("jdk.FileForce").withThreshold(Duration.ZERO);
      r.start();
      Thread spinner = new Thread(ProfileSummaryTest::spin, "profile-test-spinner");
      spinner.start();
      try (FileChannel ch =
          FileChannel.open(
              dir.resolve("forced"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        for (int i = 0; i < 5; i++) {
          ch.write(ByteBuffer.wrap(new byte[] {(byte) i}));
          ch.force(true);
        }
      }
      spinner.join(Duration.ofMinutes(2).toMillis());
      r.stop();
      r.dump(file);
    }
    return file;
  }

  /** Runs until this thread has used 400 ms of CPU: a hot frame in dev.sluice.* for the sampler. */
  static long spin() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long until = mx.getCurrentThreadCpuTime() + 400_000_000L;
    long x = 0;
    while (mx.getCurrentThreadCpuTime() < until) {
      for (int i = 0; i < 100_000; i++) {
        x += i * 31L ^ x;
      }
    }
    return x;
  }

  @Test
  void countsSamplesPerThreadFramesCategoriesAndFsyncsOfARecording() throws Exception {
    ProfileSummary s = ProfileSummary.of("test JVM", List.of(record()));

    assertTrue(s.cpuSamples > 0, "no CPU samples");
    long[] spinner = s.threads.get("profile-test-spinner");
    assertTrue(spinner != null && spinner[0] > 0, "the spinner has no CPU samples: " + s.threads);
    assertEquals(5, s.fileForces, "fsyncs recorded");
    long[] waits = s.waits.get(Thread.currentThread().getName());
    assertTrue(waits != null && waits[2] > 0, "no fsync time for the test's thread: " + s.waits);
    Map.Entry<String, Long> top = s.topFrames().get(0);
    assertTrue(
        top.getKey().startsWith(ProfileSummaryTest.class.getName() + ".spin")
            || top.getKey().contains("ThreadMXBean")
            || top.getKey().contains("ThreadImpl")
            || top.getKey().contains("getThreadTotalCpuTime"),
        "top frame " + top);
    // The spinner's samples all have this class (dev.sluice.*) on their stack.
    assertTrue(
        s.share(SLUICE, 0) >= spinner[0] / (double) s.cpuSamples,
        "Sluice share " + s.share(SLUICE, 0));
    assertEquals(0.0, s.share(FILE_CHANNEL, 0));
    assertTrue(s.topFrames().size() <= ProfileSummary.TOP_FRAMES);
  }

  @Test
  void rendersEveryPartAsMarkdown() throws Exception {
    ProfileSummary s = ProfileSummary.of("agg1 (test)", List.of(record(), record()));
    String md = s.markdown(10);

    assertTrue(md.startsWith("### agg1 (test)\n\n2 recording(s)"), md);
    assertTrue(md.contains("10 `fsync`s recorded"), md);
    assertTrue(md.contains("| " + FILE_CHANNEL + " | 0.0% |"), md);
    assertTrue(md.contains("| profile-test-spinner | "), md);
    assertTrue(
        md.contains(
            "| native samples | parked or waiting (s) | socket reads (s) | fsync (s) | sleeping (s) |"),
        md);
    assertTrue(md.contains("| top frames by self CPU samples | samples | share |"), md);
  }

  @Test
  void summarisesNothingWhenThereIsNoRecording() throws IOException {
    ProfileSummary s = ProfileSummary.of("none", List.of());
    assertEquals(0, s.cpuSamples);
    assertEquals(0.0, s.share(SLUICE, 0));
    assertTrue(s.markdown(10).contains("0 recording(s), 0.0 s recorded"));
  }
}
