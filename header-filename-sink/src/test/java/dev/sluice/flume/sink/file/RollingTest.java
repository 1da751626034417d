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

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a file ends while the sink runs: idle, LRU, and the three roll triggers. */
class RollingTest {
  @TempDir Path tmp;

  @Test
  void closesAFileIdleForIdleTimeout() throws Exception {
    try (SinkHarness h =
        new SinkHarness(tmp, settings("sink.idleTimeout", "10", "sink.rollInterval", "0"))
            .start()) {
      h.put("quiet.log", "1");
      h.put("busy.log", "1");
      h.drain();
      for (int i = 0; i < 3; i++) {
        h.advance(4_000);
        h.put("busy.log", "more");
        h.drain();
      }
      h.process(); // an empty poll does the housekeeping
      assertEquals(List.of("busy.log.tmp", "quiet.log"), h.files(), "12 s idle: closed");
      assertEquals(1, h.counter(FileSinkCounters.FILES_CLOSED_IDLE));
      assertEquals(1, h.counter(FileSinkCounters.OPEN_FILES));
      h.advance(9_000);
      h.process();
      assertEquals(List.of("busy.log.tmp", "quiet.log"), h.files(), "9 s idle: still open");
      h.advance(1_000);
      h.process();
      assertEquals(List.of("busy.log", "quiet.log"), h.files());
      assertEquals(0, h.counter(FileSinkCounters.OPEN_FILES));
      assertEquals(2, h.counter(FileSinkCounters.FILES_CLOSED_IDLE));
    }
  }

  @Test
  void closesTheLeastRecentlyUsedFileAtMaxOpenFiles() throws Exception {
    try (SinkHarness h = new SinkHarness(tmp, settings("sink.maxOpenFiles", "2")).start()) {
      h.put("a.log", "a1");
      h.put("b.log", "b1");
      h.drain();
      h.put("a.log", "a2"); // a is now the most recently used
      h.drain();
      h.put("c.log", "c1"); // b is closed to make room
      h.drain();
      assertEquals(List.of("a.log.tmp", "b.log", "c.log.tmp"), h.files());
      assertEquals(1, h.counter(FileSinkCounters.FILES_CLOSED_LRU));
      assertEquals(2, h.counter(FileSinkCounters.OPEN_FILES));
      h.put("b.log", "b2"); // a new file: the closed one is never reopened
      h.drain();
      assertEquals(List.of("a.log", "b.1.log.tmp", "b.log", "c.log.tmp"), h.files());
      assertEquals("b1\n", h.read("b.log"));
    }
  }

  @Test
  void lruCloseInsideOneBatchKeepsEveryEvent() throws Exception {
    try (SinkHarness h =
        new SinkHarness(tmp, settings("sink.maxOpenFiles", "1", "sink.batchSize", "100")).start()) {
      for (int i = 0; i < 6; i++) {
        h.put(i % 2 == 0 ? "even.log" : "odd.log", Integer.toString(i));
      }
      h.drain();
    }
    assertEquals(
        List.of("even.1.log", "even.2.log", "even.log", "odd.1.log", "odd.2.log", "odd.log"),
        SinkHarness.files(tmp));
    assertEquals("0\n", java.nio.file.Files.readString(tmp.resolve("even.log")));
    assertEquals("5\n", java.nio.file.Files.readString(tmp.resolve("odd.2.log")));
  }

  @Test
  void rollsAfterRollInterval() throws Exception {
    try (SinkHarness h =
        new SinkHarness(tmp, settings("sink.rollInterval", "30", "sink.idleTimeout", "0"))
            .start()) {
      h.put("x.log", "1");
      h.drain();
      h.advance(29_999);
      h.put("x.log", "2");
      h.drain();
      assertEquals(List.of("x.log.tmp"), h.files());
      h.advance(1);
      h.put("x.log", "3"); // rolled before this write
      h.drain();
      assertEquals(List.of("x.1.log.tmp", "x.log"), h.files());
      assertEquals("1\n2\n", h.read("x.log"));
      h.advance(30_000);
      h.process(); // rolled by housekeeping when nothing is written
      assertEquals(List.of("x.1.log", "x.log"), h.files());
      assertEquals(2, h.counter(FileSinkCounters.FILES_ROLLED));
    }
  }

  @Test
  void rollsWhenRollSizeIsReached() throws Exception {
    try (SinkHarness h = new SinkHarness(tmp, settings("sink.rollSize", "10")).start()) {
      for (int i = 0; i < 7; i++) {
        h.put("x.log", "abcd"); // 5 bytes with the newline
      }
      h.drain();
      assertEquals(List.of("x.1.log", "x.2.log", "x.3.log.tmp", "x.log"), h.files());
      assertEquals("abcd\nabcd\n", h.read("x.log"));
      assertEquals("abcd\n", h.read("x.3.log.tmp"));
      assertEquals(3, h.counter(FileSinkCounters.FILES_ROLLED));
    }
  }

  @Test
  void rollsWhenRollCountIsReached() throws Exception {
    try (SinkHarness h = new SinkHarness(tmp, settings("sink.rollCount", "3")).start()) {
      for (int i = 0; i < 7; i++) {
        h.put("x.log", Integer.toString(i));
      }
      h.drain();
      assertEquals(List.of("x.1.log", "x.2.log.tmp", "x.log"), h.files());
      assertEquals("0\n1\n2\n", h.read("x.log"));
      assertEquals("3\n4\n5\n", h.read("x.1.log"));
      assertEquals(2, h.counter(FileSinkCounters.FILES_ROLLED));
    }
  }

  @Test
  void namesWithoutExtensionGetTheCounterAtTheEnd() throws Exception {
    try (SinkHarness h = new SinkHarness(tmp, settings("sink.rollCount", "1")).start()) {
      h.put("dir/noext", "1");
      h.put("dir/noext", "2");
      h.put("dir/.hidden", "3");
      h.put("dir/.hidden", "4");
      h.drain();
    }
    assertEquals(
        List.of("dir/.hidden", "dir/.hidden.1", "dir/noext", "dir/noext.1"),
        SinkHarness.files(tmp));
  }
}
