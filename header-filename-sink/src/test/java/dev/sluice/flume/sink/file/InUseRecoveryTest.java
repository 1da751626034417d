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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-use files left by a crash are finished on start: partial records cut, nothing lost. */
class InUseRecoveryTest {
  @TempDir Path tmp;

  @Test
  void cutsAPartialLastLineAndPublishes() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("svc"));
    Files.writeString(dir.resolve("app.log.tmp"), "one\ntwo\nthr");
    try (SinkHarness h = new SinkHarness(tmp, Map.of()).start()) {
      assertEquals(1, h.counter(FileSinkCounters.FILES_RECOVERED));
      assertEquals(1, h.counter(FileSinkCounters.RECOVERY_CUTS));
      assertEquals(3, h.counter(FileSinkCounters.RECOVERY_BYTES_CUT));
    }
    assertEquals(List.of("svc/app.log"), SinkHarness.files(tmp));
    assertEquals("one\ntwo\n", Files.readString(dir.resolve("app.log")));
  }

  @Test
  void leavesItsOwnLockFileAloneWhenTheInUsePrefixIsADot() throws Exception {
    Files.writeString(tmp.resolve(".a.log"), "one\ntw");
    try (SinkHarness h =
        new SinkHarness(
                tmp, SinkHarness.settings("sink.inUsePrefix", ".", "sink.inUseSuffix", "none"))
            .start()) {
      assertEquals(1, h.counter(FileSinkCounters.FILES_RECOVERED), "only .a.log");
      assertTrue(Files.exists(tmp.resolve(FileNaming.LOCK_FILE)), "the held lock file is kept");
    }
    assertEquals("one\n", Files.readString(tmp.resolve("a.log")));
  }

  @Test
  void deletesAnInUseFileWithNoWholeRecord() throws Exception {
    Files.writeString(tmp.resolve("a.log.tmp"), "partial");
    Files.writeString(tmp.resolve("b.log.tmp"), "");
    try (SinkHarness h = new SinkHarness(tmp, Map.of()).start()) {
      assertEquals(2, h.counter(FileSinkCounters.RECOVERY_EMPTY_FILES_DELETED));
      assertEquals(2, h.counter(FileSinkCounters.FILES_RECOVERED));
    }
    assertEquals(List.of(), SinkHarness.files(tmp), "never an empty finished file");
  }

  @Test
  void finishesACrashBetweenTakingTheNameAndRemovingTheInUseName() throws Exception {
    Path inUse = Files.writeString(tmp.resolve("a.log.tmp"), "whole\n");
    Files.createLink(tmp.resolve("a.log"), inUse);
    try (SinkHarness h = new SinkHarness(tmp, Map.of()).start()) {
      assertEquals(1, h.counter(FileSinkCounters.FILES_RECOVERED));
    }
    assertEquals(List.of("a.log"), SinkHarness.files(tmp));
    assertEquals("whole\n", Files.readString(tmp.resolve("a.log")));
  }

  @Test
  void publishesUnderTheNextNameWhenTheNameIsTaken() throws Exception {
    Files.writeString(tmp.resolve("a.log"), "someone else's\n");
    Files.writeString(tmp.resolve("a.log.tmp"), "ours\n");
    try (SinkHarness h = new SinkHarness(tmp, Map.of()).start()) {
      assertEquals(1, h.counter(FileSinkCounters.FILES_RECOVERED));
    }
    assertEquals("someone else's\n", Files.readString(tmp.resolve("a.log")));
    assertEquals("ours\n", Files.readString(tmp.resolve("a.1.log")));
  }

  @Test
  void cutsAPartialAvroBlockAndKeepsEveryWholeOne() throws Exception {
    Map<String, String> avro = settings("sink.serializer", "avro_event");
    try (SinkHarness h = new SinkHarness(tmp, avro).start()) {
      for (int i = 0; i < 5; i++) {
        h.put("x.avro", "r" + i);
        h.drain(); // one block per batch
      }
    }
    Path file = tmp.resolve("x.avro");
    byte[] whole = Files.readAllBytes(file);
    // A crash while writing a sixth block: its count, size and some of its bytes.
    byte[] partial = {2, 40, 1, 2, 3, 4, 5};
    Files.write(tmp.resolve("x.avro.tmp"), concat(whole, partial));
    Files.delete(file);
    try (SinkHarness h = new SinkHarness(tmp, avro).start()) {
      assertEquals(partial.length, h.counter(FileSinkCounters.RECOVERY_BYTES_CUT));
    }
    assertEquals(whole.length, Files.size(file));
    assertEquals(List.of("r0", "r1", "r2", "r3", "r4"), avroBodies(file));
  }

  @Test
  void deletesAnAvroFileWithAHeaderButNoBlock() throws Exception {
    Map<String, String> avro = settings("sink.serializer", "avro_event");
    try (SinkHarness h = new SinkHarness(tmp, avro).start()) {
      h.put("x.avro", "r0");
      h.drain();
    }
    byte[] whole = Files.readAllBytes(tmp.resolve("x.avro"));
    Files.delete(tmp.resolve("x.avro"));
    Files.write(tmp.resolve("y.avro.tmp"), Arrays.copyOf(whole, whole.length - 30));
    try (SinkHarness h = new SinkHarness(tmp, avro).start()) {
      assertEquals(1, h.counter(FileSinkCounters.RECOVERY_EMPTY_FILES_DELETED));
    }
    assertEquals(List.of(), SinkHarness.files(tmp));
  }

  @Test
  void cutsAPartialGzipMemberAndKeepsEveryWholeOne() throws Exception {
    Map<String, String> gzip = settings("sink.codeC", "gzip");
    try (SinkHarness h = new SinkHarness(tmp, gzip).start()) {
      for (int i = 0; i < 4; i++) {
        h.put("x.log", "line " + i);
        h.drain(); // one member per batch
      }
    }
    Path file = tmp.resolve("x.log.gz");
    byte[] whole = Files.readAllBytes(file);
    byte[] member = gzipMember("lost line\n");
    Files.write(
        tmp.resolve("x.log.gz.tmp"), concat(whole, Arrays.copyOf(member, member.length - 5)));
    Files.delete(file);
    try (SinkHarness h = new SinkHarness(tmp, gzip).start()) {
      assertEquals(member.length - 5, h.counter(FileSinkCounters.RECOVERY_BYTES_CUT));
    }
    assertEquals("line 0\nline 1\nline 2\nline 3\n", gunzip(file));
  }

  @Test
  void recoversTheDeadLetterDirectoryToo() throws Exception {
    Path dead = Files.createDirectories(tmp.resolve("dead"));
    Files.writeString(dead.resolve("missing-header.tmp"), "x\npart");
    try (SinkHarness h =
        new SinkHarness(
                tmp.resolve("base"),
                settings(
                    "sink.refusedEventPolicy",
                    "dead-letter",
                    "sink.deadLetterDirectory",
                    dead.toString()))
            .start()) {
      assertEquals(1, h.counter(FileSinkCounters.FILES_RECOVERED));
    }
    assertEquals("x\n", Files.readString(dead.resolve("missing-header")));
  }

  @Test
  void leavesFilesThatOnlyLookAlikeButAreNotRegularFilesAlone() throws Exception {
    Files.createDirectories(tmp.resolve("dir.tmp"));
    Files.createSymbolicLink(tmp.resolve("link.tmp"), tmp.resolve("dir.tmp"));
    try (SinkHarness h = new SinkHarness(tmp, Map.of()).start()) {
      assertEquals(0, h.counter(FileSinkCounters.FILES_RECOVERED));
    }
    assertTrue(Files.isDirectory(tmp.resolve("dir.tmp")));
    assertTrue(Files.isSymbolicLink(tmp.resolve("link.tmp")));
    assertFalse(Files.exists(tmp.resolve("dir")));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  static byte[] gzipMember(String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  static String gunzip(Path file) throws Exception {
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(file, StandardOpenOption.READ))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static List<String> avroBodies(Path file) throws Exception {
    List<String> bodies = new ArrayList<>();
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
      for (GenericRecord r : reader) {
        java.nio.ByteBuffer body = (java.nio.ByteBuffer) r.get("body");
        byte[] b = new byte[body.remaining()];
        body.get(b);
        bodies.add(new String(b, StandardCharsets.UTF_8));
      }
    }
    return bodies;
  }
}
