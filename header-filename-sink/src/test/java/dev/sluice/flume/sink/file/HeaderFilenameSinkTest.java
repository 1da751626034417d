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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.FlumeException;
import org.apache.flume.Sink.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeaderFilenameSinkTest {
  @TempDir Path tmp;

  @Test
  void writesEachEventToTheFileItsHeaderNamesInSubdirectories() throws Exception {
    try (SinkHarness h = new SinkHarness(tmp.resolve("out"), Map.of()).start()) {
      h.put("web/access.log", "a1");
      h.put("db/slow.log", "d1");
      h.put("web/access.log", "a2");
      h.put("top.log", "t1");
      h.drain();
      assertEquals(
          List.of("db/slow.log.tmp", "top.log.tmp", "web/access.log.tmp"),
          h.files(),
          "open files carry the in-use suffix");
      h.sink.stop();
      assertEquals(List.of("db/slow.log", "top.log", "web/access.log"), h.files());
      assertEquals("a1\na2\n", h.read("web/access.log"));
      assertEquals("d1\n", h.read("db/slow.log"));
      assertEquals(4, h.counter(FileSinkCounters.EVENTS_WRITTEN));
      assertEquals(12, h.counter(FileSinkCounters.BYTES_WRITTEN));
      assertEquals(3, h.counter(FileSinkCounters.FILES_CREATED));
      assertEquals(3, h.counter(FileSinkCounters.FILES_CLOSED));
    }
  }

  @Test
  void batchesLargerThanTheBufferArriveWholeAndInOrder() throws Exception {
    // Records from 1 byte to past the largest buffer (128 KiB), in one batch and one file, with
    // small records of another file in between: every byte in order, each batch flushed whole.
    StringBuilder expectedBig = new StringBuilder();
    StringBuilder expectedSmall = new StringBuilder();
    try (SinkHarness h =
        new SinkHarness(tmp, settings("sink.batchSize", "1000", "sink.rollInterval", "0"))
            .start()) {
      int[] sizes = {1, 100, 8191, 8192, 8193, 70_000, 131_071, 131_072, 200_000, 5, 65_536};
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < sizes.length; i++) {
          String body = String.valueOf((char) ('a' + i)).repeat(sizes[i]);
          h.put("big.log", body);
          expectedBig.append(body).append('\n');
          h.put("small.log", "s" + round + i);
          expectedSmall.append("s").append(round).append(i).append('\n');
        }
        h.drain();
        assertEquals(
            expectedBig.length(),
            h.counter(FileSinkCounters.BYTES_WRITTEN) - expectedSmall.length());
      }
    }
    assertEquals(expectedBig.toString(), Files.readString(tmp.resolve("big.log")));
    assertEquals(expectedSmall.toString(), Files.readString(tmp.resolve("small.log")));
  }

  @Test
  void eventsInARowForOnePathStillRollRefuseAndCount() throws Exception {
    try (SinkHarness h =
        new SinkHarness(
                tmp,
                settings("sink.batchSize", "1000", "sink.rollCount", "3", "sink.rollInterval", "0"))
            .start()) {
      for (int i = 0; i < 7; i++) {
        h.put("a.log", "a" + i);
      }
      h.put("../x.log", "refused 1");
      h.put("../x.log", "refused 2");
      h.put("a.log", "a7");
      h.drain();
      assertEquals(2, h.counter(FileSinkCounters.EVENTS_REFUSED));
      assertEquals(10, h.counter(FileSinkCounters.EVENTS_WRITTEN));
    }
    assertEquals("a0\na1\na2\n", Files.readString(tmp.resolve("a.log")));
    assertEquals("a3\na4\na5\n", Files.readString(tmp.resolve("a.1.log")));
    assertEquals("a6\na7\n", Files.readString(tmp.resolve("a.2.log")));
    assertEquals("refused 1\nrefused 2\n", Files.readString(tmp.resolve("refused.log")));
  }

  @Test
  void createsTheBaseDirectoryWhenMissing() throws Exception {
    Path base = tmp.resolve("a/b/c");
    try (SinkHarness h = new SinkHarness(base, Map.of()).start()) {
      assertTrue(Files.isDirectory(base));
      h.put("x.log", "1");
      h.drain();
    }
    assertEquals(List.of("x.log"), SinkHarness.files(base));
  }

  @Test
  void neverOverwritesAnExistingFileButPicksTheNextName() throws Exception {
    Path base = Files.createDirectories(tmp.resolve("out"));
    Files.write(base.resolve("app.log"), "old\n".getBytes(StandardCharsets.UTF_8));
    Files.write(base.resolve("app.1.log"), "older\n".getBytes(StandardCharsets.UTF_8));
    Files.createSymbolicLink(base.resolve("app.2.log"), tmp.resolve("nowhere"));
    try (SinkHarness h = new SinkHarness(base, Map.of()).start()) {
      h.put("app.log", "new");
      h.drain();
    }
    assertEquals("old\n", Files.readString(base.resolve("app.log")));
    assertEquals("older\n", Files.readString(base.resolve("app.1.log")));
    assertTrue(Files.isSymbolicLink(base.resolve("app.2.log")), "a link is a taken name too");
    assertFalse(Files.exists(tmp.resolve("nowhere")), "nothing written through the link");
    assertEquals("new\n", Files.readString(base.resolve("app.3.log")));
  }

  @Test
  void createsNoFileWhileIdle() throws Exception {
    try (SinkHarness h =
        new SinkHarness(tmp, settings("sink.rollInterval", "1", "sink.idleTimeout", "1")).start()) {
      for (int i = 0; i < 50; i++) {
        assertEquals(Status.BACKOFF, h.process());
        h.advance(1_500);
      }
      assertEquals(List.of(), h.files());
      assertEquals(0, h.counter(FileSinkCounters.FILES_CREATED));
    }
  }

  @Test
  void writesWithTheHeaderAndTextSerializer() throws Exception {
    try (SinkHarness h =
        new SinkHarness(tmp, settings("sink.serializer", "header_and_text")).start()) {
      h.put(Map.of("file", "x.log"), "body");
      h.drain();
    }
    assertEquals("{file=x.log} body\n", Files.readString(tmp.resolve("x.log")));
  }

  @Test
  void pathTemplateMixesHeadersAndEventTime() throws Exception {
    try (SinkHarness h =
        new SinkHarness(
                tmp,
                settings(
                    "sink.pathTemplate", "%{service}/%Y%m%d/%{host}.log",
                    "sink.timeZone", "UTC"))
            .start()) {
      // 2023-11-14T22:13:20Z and the next day
      h.put(Map.of("service", "web", "host", "h1", "timestamp", "1700000000000"), "a");
      h.put(Map.of("service", "web", "host", "h1", "timestamp", "1700086400000"), "b");
      h.put(Map.of("service", "web", "timestamp", "1700000000000"), "no host");
      h.put(Map.of("service", "web", "host", "h1"), "no timestamp");
      h.drain();
    }
    assertEquals(
        List.of("refused.log", "web/20231114/h1.log", "web/20231115/h1.log"),
        SinkHarness.files(tmp));
    assertEquals("no host\nno timestamp\n", Files.readString(tmp.resolve("refused.log")));
  }

  @Test
  void useLocalTimeStampTakesTheSinkClockAndRoundsDown() throws Exception {
    try (SinkHarness h =
        new SinkHarness(
                tmp,
                settings(
                    "sink.pathTemplate", "%H%M/%{file}",
                    "sink.timeZone", "UTC",
                    "sink.useLocalTimeStamp", "true",
                    "sink.round", "true",
                    "sink.roundValue", "15",
                    "sink.roundUnit", "minute"))
            .start()) {
      h.now.set(1_700_000_000_000L); // 22:13:20 UTC, rounded down to 22:00
      h.put(Map.of("file", "x.log", "timestamp", "0"), "a");
      h.drain();
    }
    assertEquals(List.of("2200/x.log"), SinkHarness.files(tmp));
  }

  @Test
  void refusesToStartWhenAnotherSinkWritesTheSameDirectory() {
    try (SinkHarness first = new SinkHarness(tmp, Map.of()).start();
        SinkHarness second = new SinkHarness(tmp, Map.of())) {
      FlumeException e = assertThrows(FlumeException.class, second::start);
      assertTrue(e.getMessage().contains("another sink is writing under"), e.getMessage());
      assertTrue(Files.exists(tmp.resolve(FileNaming.LOCK_FILE)));
    }
  }

  @Test
  void batchCommitsOnlyOnceEveryTouchedFileIsFlushed() throws Exception {
    try (SinkHarness h = new SinkHarness(tmp, settings("sink.batchSize", "10")).start()) {
      for (int i = 0; i < 10; i++) {
        h.put("f" + (i % 3) + ".log", "e" + i);
      }
      assertEquals(Status.READY, h.process());
      // still open, but every event of the committed batch is already in the files
      assertEquals("e0\ne3\ne6\ne9\n", h.read("f0.log.tmp"));
      assertEquals("e1\ne4\ne7\n", h.read("f1.log.tmp"));
      assertEquals("e2\ne5\ne8\n", h.read("f2.log.tmp"));
      assertEquals(0, h.channelSize());
    }
  }

  @Test
  void failPolicyRollsTheBatchBackAndKeepsTheEvent() throws Exception {
    try (SinkHarness h =
        new SinkHarness(tmp, settings("sink.refusedEventPolicy", "fail")).start()) {
      h.put("good.log", "before");
      h.put("../escape.log", "bad");
      assertThrows(EventDeliveryException.class, h::process);
      assertEquals(2, h.channelSize(), "both events stay in the channel");
      assertEquals(1, h.counter(FileSinkCounters.EVENTS_REFUSED));
      assertEquals(1, h.counter(RefusalReason.PARENT_SEGMENT.counter()));
      assertEquals(0, h.counter(FileSinkCounters.WRITE_FAILURES));
      assertEquals(List.of(), h.files(), "the good event's file was cut back and removed");
      assertFalse(Files.exists(tmp.getParent().resolve("escape.log")));
    }
  }

  @Test
  void deadLetterPolicyWritesEachReasonToItsOwnFile() throws Exception {
    Path dead = tmp.resolve("dead");
    try (SinkHarness h =
        new SinkHarness(
                tmp.resolve("out"),
                settings(
                    "sink.refusedEventPolicy",
                    "dead-letter",
                    "sink.deadLetterDirectory",
                    dead.toString()))
            .start()) {
      h.put((String) null, "no header");
      h.put("/etc/passwd", "absolute");
      h.put("ok.log", "fine");
      h.drain();
      assertEquals(2, h.counter(FileSinkCounters.EVENTS_TO_DEAD_LETTER));
    }
    assertEquals(List.of("absolute-path", "missing-header"), SinkHarness.files(dead));
    assertEquals("no header\n", Files.readString(dead.resolve("missing-header")));
    assertEquals(List.of("ok.log"), SinkHarness.files(tmp.resolve("out")));
  }
}
