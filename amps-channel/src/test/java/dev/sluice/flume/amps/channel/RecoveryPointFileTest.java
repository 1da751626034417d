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
package dev.sluice.flume.amps.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.MemoryBookmarkStore;
import com.crankuptheamps.client.RecoveryPoint;
import com.crankuptheamps.client.fields.BookmarkField;
import com.crankuptheamps.client.fields.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryPointFileTest {
  @TempDir Path dir;

  @Test
  void theLastPointOfEachSubscriptionIsReadBack() throws Exception {
    Path p = dir.resolve("sub").resolve("ch.bookmarks");
    try (RecoveryPointFile f = RecoveryPointFile.open(p)) {
      assertFalse(f.hasNext(), "a new file has no points");
      f.update(point("ch", "1|1|"));
      f.flush();
      f.update(point("ch", "7|3|"));
      f.update(point("other", "9|9|"));
      f.flush();
    }
    try (RecoveryPointFile f = RecoveryPointFile.open(p)) {
      assertEquals(Map.of("ch", "7|3|", "other", "9|9|"), drain(f));
      assertEquals("7|3|", f.pointOf("ch"));
    }
  }

  @Test
  void aTornLastRecordIsCutOffAndTheOneBeforeItIsUsed() throws Exception {
    Path p = dir.resolve("ch.bookmarks");
    long intact;
    try (RecoveryPointFile f = RecoveryPointFile.open(p)) {
      f.update(point("ch", "5|1|"));
      f.flush();
      intact = f.size();
      f.update(point("ch", "6|1|"));
      f.flush();
    }
    byte[] all = Files.readAllBytes(p);
    Files.write(p, java.util.Arrays.copyOf(all, all.length - 3)); // a crash mid-write
    try (RecoveryPointFile f = RecoveryPointFile.open(p)) {
      assertEquals(Map.of("ch", "5|1|"), drain(f));
      assertEquals(intact, Files.size(p), "the torn record is cut off");
      f.update(point("ch", "8|1|"));
      f.flush();
    }
    try (RecoveryPointFile f = RecoveryPointFile.open(p)) {
      assertEquals(Map.of("ch", "8|1|"), drain(f), "records after the cut are read");
    }
  }

  @Test
  void aRecordWithABadChecksumEndsTheFile() throws Exception {
    Path p = dir.resolve("ch.bookmarks");
    try (RecoveryPointFile f = RecoveryPointFile.open(p)) {
      f.update(point("ch", "5|1|"));
      f.flush();
      f.update(point("ch", "6|1|"));
      f.flush();
    }
    byte[] all = Files.readAllBytes(p);
    all[all.length - 2] ^= 0x20;
    Files.write(p, all);
    try (RecoveryPointFile f = RecoveryPointFile.open(p)) {
      assertEquals(Map.of("ch", "5|1|"), drain(f));
    }
  }

  @Test
  void aLargeFileIsCompactedToOneRecordPerSubscription() throws Exception {
    Path p = dir.resolve("ch.bookmarks");
    try (RecoveryPointFile f = RecoveryPointFile.open(p)) {
      int i = 0;
      while (f.size() <= RecoveryPointFile.COMPACT_BYTES) {
        f.update(point("ch", (++i) + "|1|"));
        f.flush();
      }
      f.update(point("ch", "last|1|"));
      f.flush();
      assertTrue(f.size() < 200, "compacted to " + f.size() + " bytes");
      f.update(point("ch", "after|1|"));
      f.flush();
    }
    assertFalse(Files.exists(dir.resolve("ch.bookmarks.tmp")));
    try (RecoveryPointFile f = RecoveryPointFile.open(p)) {
      assertEquals(Map.of("ch", "after|1|"), drain(f));
    }
  }

  @Test
  void purgedSubscriptionsAreGoneAfterReopening() throws Exception {
    Path p = dir.resolve("ch.bookmarks");
    try (RecoveryPointFile f = RecoveryPointFile.open(p)) {
      f.update(point("a", "1|1|"));
      f.update(point("b", "2|1|"));
      f.flush();
      f.purge(new Field("a"));
      f.flush();
    }
    try (RecoveryPointFile f = RecoveryPointFile.open(p)) {
      assertEquals(Map.of("b", "2|1|"), drain(f));
    }
  }

  @Test
  void aLoggedBookmarkStoreFileIsRefusedByName() throws Exception {
    Path p = dir.resolve("old.bookmarks");
    Files.write(p, "ch\u0001something|1|\n".getBytes(StandardCharsets.UTF_8));
    RecoveryPointFile.ForeignFile e =
        assertThrows(RecoveryPointFile.ForeignFile.class, () -> RecoveryPointFile.open(p));
    assertTrue(e.getMessage().contains("LoggedBookmarkStore"), e.getMessage());
    assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
  }

  @Test
  void an60EastMemoryStoreRecoversItsMostRecentBookmarkFromTheFile() throws Exception {
    Path p = dir.resolve("ch.bookmarks");
    try (RecoveryPointFile f = RecoveryPointFile.open(p)) {
      f.update(point("ch", "12345|17|"));
      f.flush();
    }
    RecoveryPointFile f = RecoveryPointFile.open(p);
    MemoryBookmarkStore store = new MemoryBookmarkStore(1, f);
    assertEquals("12345|17|", store.getMostRecent(new Field("ch")).toString());
    store.close();
    f.close();
  }

  @Test
  void updatesOnlyReachTheFileAtFlush() throws Exception {
    Path p = dir.resolve("ch.bookmarks");
    try (RecoveryPointFile f = RecoveryPointFile.open(p)) {
      long empty = Files.size(p);
      f.update(point("ch", "1|1|"));
      assertEquals(empty, Files.size(p), "update alone writes nothing");
      f.flush();
      assertTrue(Files.size(p) > empty);
      Files.write(p, new byte[0], StandardOpenOption.APPEND);
    }
    try (RecoveryPointFile f = RecoveryPointFile.open(p)) {
      assertNull(drain(f).get("other"));
    }
  }

  private static Map<String, String> drain(RecoveryPointFile f) {
    Map<String, String> m = new HashMap<>();
    for (RecoveryPoint rp : f) {
      m.put(rp.getSubId().toString(), rp.getBookmark().toString());
    }
    return m;
  }

  private static RecoveryPoint point(String subId, String bookmark) {
    BookmarkField b = new BookmarkField();
    byte[] bytes = bookmark.getBytes(StandardCharsets.UTF_8);
    b.set(bytes, 0, bytes.length);
    Field s = new Field(subId);
    return new RecoveryPoint() {
      @Override
      public Field getSubId() {
        return s;
      }

      @Override
      public BookmarkField getBookmark() {
        return b;
      }

      @Override
      public RecoveryPoint copy() {
        return this;
      }
    };
  }
}
