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
package dev.sluice.flume.sink.file;

import static dev.sluice.flume.sink.file.SinkHarness.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.Requirement;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.flume.EventDeliveryException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real disk errors, on real mounts: a directory that is read-only (a read-only bind mount, since
 * root ignores permission bits) and a file system that fills up (a 256 KiB tmpfs). Each failed
 * batch rolls back with nothing partial left in any file, and once the disk is writable again every
 * event is written exactly once. Mounting needs root with CAP_SYS_ADMIN; without it the tests are
 * skipped and say so ({@link WriteFailureTest} simulates the same failures anywhere).
 */
class DiskErrorsIT {
  private static final Pattern SEQ = Pattern.compile("^(\\d+) ");
  private static final String PAD = "x".repeat(1000);

  @TempDir Path tmp;
  private final Deque<Path> mounts = new ArrayDeque<>();

  @AfterEach
  void unmount() throws Exception {
    while (!mounts.isEmpty()) {
      run("umount", "-l", mounts.pop().toString());
    }
  }

  @Test
  void rollsBackOnAReadOnlyDirectoryAndLosesNothing() throws Exception {
    Path base = Files.createDirectories(tmp.resolve("base"));
    Path source = Files.createDirectories(tmp.resolve("ro-source"));
    Path ro = Files.createDirectories(base.resolve("ro"));
    mount("--bind", source.toString(), ro.toString());
    run("mount", "-o", "remount,bind,ro", ro.toString());
    assertThrows(IOException.class, () -> Files.createFile(ro.resolve("probe")));

    try (SinkHarness h = new SinkHarness(base, settings("sink.batchSize", "100")).start()) {
      for (int i = 0; i < 100; i++) {
        h.put(i % 2 == 0 ? "rw/a.log" : "ro/b.log", line(i));
      }
      EventDeliveryException e = assertThrows(EventDeliveryException.class, h::process);
      assertTrue(e.getCause().getMessage().contains("Read-only file system"), e.toString());
      assertEquals(100, h.channelSize(), "the batch is back in the channel");
      assertEquals(1, h.counter(FileSinkCounters.WRITE_FAILURES));
      assertEquals(List.of(), h.files(), "rw/a.log held only the failed batch: removed");

      run("mount", "-o", "remount,bind,rw", ro.toString());
      h.drain();
    }
    assertExactlyOnce(base, 100);
  }

  @Test
  void rollsBackWhenTheFileSystemIsFullAndLosesNothing() throws Exception {
    Path base = Files.createDirectories(tmp.resolve("base"));
    Path small = Files.createDirectories(base.resolve("small"));
    mount("-t", "tmpfs", "-o", "size=256k", "tmpfs", small.toString());
    int events = 1_000; // about 1 MB: four times what fits

    try (SinkHarness h = new SinkHarness(base, settings("sink.batchSize", "100")).start()) {
      for (int i = 0; i < events; i++) {
        h.put("small/big.log", line(i));
      }
      int batches = 0;
      EventDeliveryException full = null;
      while (full == null && batches < 20) {
        try {
          h.process();
          batches++;
        } catch (EventDeliveryException e) {
          full = e;
        }
      }
      assertTrue(full != null, "the 256 KiB file system never filled");
      assertTrue(full.getCause().getMessage().contains("No space left"), full.toString());
      assertEquals(events - 100 * batches, h.channelSize(), "the failed batch is back");
      assertEquals(1, h.counter(FileSinkCounters.WRITE_FAILURES));
      assertEquals(1, h.counter(FileSinkCounters.FILES_CUT_BACK), "a partial write was cut off");
      SequenceReport sofar = report(base, 100 * batches);
      assertTrue(sofar.isExactlyOnce(), sofar::toString);
      assertEquals(0, sofar.partialLines(), sofar::toString);

      assertThrows(EventDeliveryException.class, h::process, "still full: fails again");
      run("mount", "-o", "remount,size=4m", small.toString());
      h.drain();
    }
    assertExactlyOnce(base, events);
  }

  private static void assertExactlyOnce(Path base, int events) throws IOException {
    SequenceReport r = report(base, events);
    assertTrue(r.isExactlyOnce(), r::toString);
    assertEquals(0, r.partialLines(), r::toString);
    assertTrue(
        SinkHarness.files(base).stream().noneMatch(f -> f.endsWith(".tmp")),
        "no in-use file after stop: " + SinkHarness.files(base));
  }

  private static SequenceReport report(Path base, int events) {
    SequenceChecker c = SequenceChecker.expecting(0, events, SEQ);
    for (String f : SinkHarness.files(base)) {
      c.addFile(base.resolve(f));
    }
    return c.report();
  }

  private static String line(int i) {
    return String.format("%d %s", i, PAD);
  }

  private void mount(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "mount";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Result r = exec(cmd);
    Requirement.require(
        r.code == 0,
        () -> "root with CAP_SYS_ADMIN to mount (" + String.join(" ", cmd) + ": " + r.out + ")");
    mounts.push(Path.of(args[args.length - 1]));
  }

  private static void run(String... cmd) throws Exception {
    Result r = exec(cmd);
    assertEquals(0, r.code, String.join(" ", cmd) + ": " + r.out);
  }

  private static Result exec(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
    return new Result(p.exitValue(), out);
  }

  private static final class Result {
    final int code;
    final String out;

    Result(int code, String out) {
      this.code = code;
      this.out = out;
    }
  }
}
