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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.flume.EventDeliveryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulated disk failures: each rolls the transaction back, leaves no partial record and no copy of
 * the failed batch in any file, and once the disk recovers every event is written exactly once.
 */
class WriteFailureTest {
  @TempDir Path tmp;
  private final FailingOutputs disk = new FailingOutputs();

  @Test
  void rollsBackWhenAFileCannotBeCreated() throws Exception {
    try (SinkHarness h = new SinkHarness(tmp, Map.of(), disk).start()) {
      put(h, "x.log", 0, 5);
      disk.failCreate = true;
      assertThrows(EventDeliveryException.class, h::process);
      assertEquals(5, h.channelSize());
      assertEquals(1, h.counter(FileSinkCounters.WRITE_FAILURES));
      assertEquals(List.of(), h.files());
      disk.failCreate = false;
      h.drain();
    }
    assertEquals(lines(0, 5), Files.readAllLines(tmp.resolve("x.log")));
  }

  @Test
  void cutsBackAPartialWriteWhenTheDiskFillsAndLosesNothing() throws Exception {
    try (SinkHarness h = new SinkHarness(tmp, settings("sink.batchSize", "100"), disk).start()) {
      put(h, "a.log", 0, 100);
      h.drain(); // a.log.tmp holds 100 whole lines
      long good = Files.size(tmp.resolve("a.log.tmp"));
      put(h, "a.log", 100, 200);
      disk.spaceLeft = 17; // the next flush stores 17 bytes, then fails
      assertThrows(EventDeliveryException.class, h::process);
      assertEquals(100, h.channelSize(), "the failed batch is back in the channel");
      assertEquals(1, h.counter(FileSinkCounters.FILES_CUT_BACK));
      assertEquals(List.of("a.log"), h.files(), "cut back to its last flush and published");
      assertEquals(good, Files.size(tmp.resolve("a.log")));
      disk.spaceLeft = -1;
      h.drain();
    }
    List<String> all = new ArrayList<>(Files.readAllLines(tmp.resolve("a.log")));
    all.addAll(Files.readAllLines(tmp.resolve("a.1.log")));
    assertEquals(lines(0, 200), all, "every event once, no partial line, no duplicate");
  }

  @Test
  void aFailedBatchLeavesNoCopyInTheOtherFilesItTouched() throws Exception {
    try (SinkHarness h = new SinkHarness(tmp, settings("sink.batchSize", "10"), disk).start()) {
      for (int i = 0; i < 10; i++) {
        h.put(i < 5 ? "first.log" : "second.log", line(i));
      }
      disk.spaceLeft = 0; // first.log's flush fails; second.log was written in the same batch
      assertThrows(EventDeliveryException.class, h::process);
      assertEquals(List.of(), h.files(), "both files held only the failed batch: removed");
      disk.spaceLeft = -1;
      h.drain();
    }
    assertEquals(lines(0, 5), Files.readAllLines(tmp.resolve("first.log")));
    assertEquals(lines(5, 10), Files.readAllLines(tmp.resolve("second.log")));
  }

  @Test
  void rollsBackWhenSyncFails() throws Exception {
    try (SinkHarness h = new SinkHarness(tmp, settings("sink.sync", "true"), disk).start()) {
      put(h, "x.log", 0, 3);
      disk.failSync = true;
      assertThrows(EventDeliveryException.class, h::process);
      assertEquals(3, h.channelSize());
      disk.failSync = false;
      h.drain();
    }
    assertEquals(lines(0, 3), Files.readAllLines(tmp.resolve("x.log")));
  }

  @Test
  void aFileThatFailsToCloseWhenIdleKeepsItsCommittedEvents() throws Exception {
    try (SinkHarness h =
        new SinkHarness(tmp, settings("sink.idleTimeout", "5", "sink.sync", "true"), disk)
            .start()) {
      put(h, "x.log", 0, 3);
      h.drain();
      disk.failSync = true;
      h.advance(6_000);
      h.process(); // the idle close fails: the file is cut back to its last flush
      assertEquals(1, h.counter(FileSinkCounters.WRITE_FAILURES));
      disk.failSync = false;
    }
    assertEquals(lines(0, 3), Files.readAllLines(tmp.resolve("x.log")));
  }

  private static void put(SinkHarness h, String file, int from, int to) {
    for (int i = from; i < to; i++) {
      h.put(file, line(i));
    }
  }

  private static String line(int i) {
    return String.format("event-%06d-%s", i, "x".repeat(20));
  }

  private static List<String> lines(int from, int to) {
    String[] a = new String[to - from];
    for (int i = from; i < to; i++) {
      a[i - from] = line(i);
    }
    return Collections.unmodifiableList(Arrays.asList(a));
  }
}
