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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionLogTest {
  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void indexesStartAtOneAndComeBackInOrder() {
    TransactionLog log = TransactionLog.inMemory();
    for (int i = 0; i < 40_000; i++) {
      LogEntry e = log.append(LogEntry.PUBLISH, "t", "p", 1, i, null, b("m" + i));
      assertEquals(i + 1, e.index);
    }
    assertEquals(40_001, log.nextIndex());
    assertArrayEquals(b("m39999"), log.get(40_000).body);
    assertEquals("1|17000|", log.get(17_000).bookmark());
  }

  @Test
  void concurrentAppendersGetDistinctIndexes() throws Exception {
    TransactionLog log = TransactionLog.inMemory();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 10_000; i++) {
                  log.append(LogEntry.PUBLISH, "t" + id, "p" + id, id, i + 1, null, b("x"));
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    long[] lastSeq = new long[4];
    for (long i = 1; i < log.nextIndex(); i++) {
      LogEntry e = log.get(i);
      int p = (int) e.publisherId;
      assertEquals(lastSeq[p] + 1, e.clientSequence, "each publisher's order is kept");
      lastSeq[p] = e.clientSequence;
    }
    assertEquals(40_001, log.nextIndex());
  }

  @Test
  void anOnDiskLogIsRecoveredAndATornTailIsCut() throws Exception {
    try (TransactionLog log = TransactionLog.onDisk(dir)) {
      log.append(LogEntry.PUBLISH, "orders", "pub", 9, 100, "k1", b("{\"a\":1}"));
      log.append(LogEntry.DELETE, "orders", "pub", 9, 0, "k1", new byte[0]);
      assertTrue(log.syncAll());
    }
    Path file = dir.resolve(TransactionLog.FILE_NAME);
    long good = Files.size(file);
    Files.write(file, new byte[] {0, 0, 1, 0, 1, 2}, StandardOpenOption.APPEND);
    try (TransactionLog log = TransactionLog.onDisk(dir)) {
      assertEquals(3, log.nextIndex());
      LogEntry first = log.get(1);
      assertEquals("orders", first.topic);
      assertEquals("pub", first.publisher);
      assertEquals(100, first.clientSequence);
      assertEquals("k1", first.sowKey);
      assertArrayEquals(b("{\"a\":1}"), first.body);
      assertEquals(LogEntry.DELETE, log.get(2).kind);
      assertEquals(good, Files.size(file), "the partial record was cut off");
      log.append(LogEntry.PUBLISH, "orders", "pub", 9, 101, "k2", b("{}"));
    }
    try (TransactionLog log = TransactionLog.onDisk(dir)) {
      assertEquals(4, log.nextIndex());
    }
  }

  @Test
  void aFailedWriteOrFsyncLosesExactlyTheEntriesSinceTheLastSync() throws Exception {
    for (TransactionLog.Fault fault : TransactionLog.Fault.values()) {
      Path d = dir.resolve(fault.name());
      try (TransactionLog log = TransactionLog.onDisk(d)) {
        log.append(LogEntry.PUBLISH, "t", "p", 1, 1, null, b("one"));
        log.append(LogEntry.PUBLISH, "t", "p", 1, 2, null, b("two"));
        assertTrue(log.sync(1, 2));
        log.failNext(fault);
        log.append(LogEntry.PUBLISH, "t", "p", 1, 3, null, b("three"));
        log.append(LogEntry.PUBLISH, "t", "p", 1, 4, null, b("four"));
        assertFalse(log.sync(3, 4), fault + ": the failed sync reports it");
        assertFalse(log.sync(4, 4), fault + ": and keeps reporting it for those entries");
        assertTrue(log.sync(1, 2), fault + ": entries synced before stay durable");
        assertEquals("", log.get(3).topic, fault + ": lost entries are placeholders");
        assertEquals(2, log.drainLost().size());
        assertEquals(List.of(), log.drainLost(), "handed over once");
        log.append(LogEntry.PUBLISH, "t", "p", 1, 5, null, b("five"));
        assertTrue(log.sync(5, 5), fault + ": the next write works again");
      }
      try (TransactionLog log = TransactionLog.onDisk(d)) {
        List<String> bodies = new ArrayList<>();
        for (long i = 1; i < log.nextIndex(); i++) {
          if (!log.get(i).topic.isEmpty()) {
            bodies.add(new String(log.get(i).body, StandardCharsets.UTF_8));
          }
        }
        assertEquals(List.of("one", "two", "five"), bodies, fault + ": what the file kept");
      }
    }
  }

  @Test
  void correlationIdAndExpirationSurviveARestart() throws Exception {
    try (TransactionLog log = TransactionLog.onDisk(dir)) {
      log.append(LogEntry.PUBLISH, "t", "p", 1, 1, index -> index, 0, "k", b("{}"), "Y29ycg==", 30);
      assertTrue(log.syncAll());
    }
    try (TransactionLog log = TransactionLog.onDisk(dir)) {
      assertEquals("Y29ycg==", log.get(1).correlationId);
      assertEquals(30, log.get(1).expirationSeconds);
    }
  }
}
