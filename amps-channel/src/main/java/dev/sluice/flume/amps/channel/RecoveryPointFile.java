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

import com.crankuptheamps.client.RecoveryPoint;
import com.crankuptheamps.client.RecoveryPointAdapter;
import com.crankuptheamps.client.fields.BookmarkField;
import com.crankuptheamps.client.fields.Field;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.CRC32;

/**
 * The channel's bookmark file ({@code bookmarkLog}): for each subscription, the point its
 * subscription resumes from (the bookmark before its oldest undiscarded message), as 60East's
 * {@code MemoryBookmarkStore} reports it through this {@link RecoveryPointAdapter}.
 *
 * <p>Why not 60East's {@code LoggedBookmarkStore}: it writes the file twice per message (when the
 * message arrives, on the client's reader thread, and when it is discarded), one system call each;
 * on a busy disk those writes stalled the reader for tens of milliseconds at a time, the server's
 * buffer for the subscriber filled, and the publishing side waited for it. Here the store is kept
 * in memory; {@link #update} only remembers the newest recovery point, and {@link #flush} (at the
 * end of every take commit, and at close) appends it to the file: one write per take transaction.
 * The file is as durable as the log it replaces (written, not fsynced: it survives the agent being
 * killed; after a power loss an older point may be read, which means duplicates, never a loss).
 *
 * <p>The file is a header line {@value #MAGIC} and then records, each {@code int length, int
 * CRC-32, short subId length, subId, bookmark} (UTF-8). On open the last intact record of each
 * subscription wins; a torn record at the end (a crash mid-write) is cut off. When the file passes
 * {@link #COMPACT_BYTES} it is rewritten with one record per subscription (written, forced, then
 * renamed over the old file).
 */
final class RecoveryPointFile implements RecoveryPointAdapter {
  static final String MAGIC = "sluice-amps-channel-bookmarks 1";
  static final long COMPACT_BYTES = 1L << 20;
  private static final byte[] HEADER = (MAGIC + "\n").getBytes(StandardCharsets.US_ASCII);

  /** A file that is not one of these (a LoggedBookmarkStore's from an earlier version). */
  static final class ForeignFile extends IOException {
    private static final long serialVersionUID = 1L;

    ForeignFile(String message) {
      super(message);
    }
  }

  private final Path path;
  private final Map<String, String> points = new LinkedHashMap<>();
  private final Map<String, String> changed = new LinkedHashMap<>();
  private final ArrayDeque<RecoveryPoint> recovered = new ArrayDeque<>();
  private FileChannel file;
  private long size;

  private RecoveryPointFile(Path path) {
    this.path = path;
  }

  /**
   * Opens (or creates) the file and reads the recovery points in it.
   *
   * @throws ForeignFile when the file exists and is not a recovery point file
   */
  static RecoveryPointFile open(Path path) throws IOException {
    RecoveryPointFile f = new RecoveryPointFile(path);
    Path dir = path.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    long valid = Files.exists(path) ? f.read() : 0;
    f.file =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    if (valid == 0) {
      f.file.truncate(0);
      f.file.write(ByteBuffer.wrap(HEADER), 0);
      valid = HEADER.length;
    } else {
      f.file.truncate(valid); // a torn last record
    }
    f.file.position(valid);
    f.size = valid;
    for (Map.Entry<String, String> e : f.points.entrySet()) {
      f.recovered.add(point(e.getKey(), e.getValue()));
    }
    return f;
  }

  /** Reads every intact record; returns the length of the intact part (0 for an empty file). */
  private long read() throws IOException {
    byte[] all = Files.readAllBytes(path);
    if (all.length == 0) {
      return 0;
    }
    if (all.length < HEADER.length || !startsWithHeader(all)) {
      throw new ForeignFile(
          "bookmarkLog "
              + path
              + " is not an amps-channel bookmark file (it does not start with '"
              + MAGIC
              + "'; an earlier amps-channel wrote 60East's LoggedBookmarkStore format, which this"
              + " one does not read): move it away, and the channel resumes from the start of"
              + " the topic");
    }
    ByteBuffer b = ByteBuffer.wrap(all);
    b.position(HEADER.length);
    CRC32 crc = new CRC32();
    while (b.remaining() >= 8) {
      int at = b.position();
      int length = b.getInt();
      int sum = b.getInt();
      if (length < 2 || length > b.remaining()) {
        return at;
      }
      crc.reset();
      crc.update(all, b.position(), length);
      if ((int) crc.getValue() != sum) {
        return at;
      }
      int subLength = b.getShort() & 0xffff;
      if (subLength > length - 2) {
        return at;
      }
      String subId = new String(all, b.position(), subLength, StandardCharsets.UTF_8);
      String bookmark =
          new String(all, b.position() + subLength, length - 2 - subLength, StandardCharsets.UTF_8);
      b.position(b.position() + length - 2);
      if (bookmark.isEmpty()) {
        points.remove(subId);
      } else {
        points.put(subId, bookmark);
      }
    }
    return b.position();
  }

  private static boolean startsWithHeader(byte[] all) {
    for (int i = 0; i < HEADER.length; i++) {
      if (all[i] != HEADER[i]) {
        return false;
      }
    }
    return true;
  }

  private static RecoveryPoint point(String subId, String bookmark) {
    BookmarkField b = new BookmarkField();
    byte[] bytes = bookmark.getBytes(StandardCharsets.UTF_8);
    b.set(bytes, 0, bytes.length);
    return new Point(new Field(subId), b);
  }

  /** The recovery point of {@code subId} as last updated (null when none). */
  synchronized String pointOf(String subId) {
    return points.get(subId);
  }

  // ------------------------------------------------------------------ the store's side

  @Override
  public synchronized void update(RecoveryPoint rp) {
    String subId = rp.getSubId().toString();
    String bookmark = rp.getBookmark().toString();
    if (!bookmark.equals(points.put(subId, bookmark))) {
      changed.put(subId, bookmark);
    }
  }

  @Override
  public synchronized void purge(Field subId) {
    String s = subId.toString();
    if (points.remove(s) != null) {
      changed.put(s, "");
    }
  }

  @Override
  public synchronized void purge() {
    for (String s : points.keySet()) {
      changed.put(s, "");
    }
    points.clear();
  }

  /** Recovery: the points read at open, handed to the store once. */
  @Override
  public synchronized boolean hasNext() {
    return !recovered.isEmpty();
  }

  @Override
  public synchronized RecoveryPoint next() {
    RecoveryPoint p = recovered.poll();
    if (p == null) {
      throw new NoSuchElementException();
    }
    return p;
  }

  @Override
  public Iterator<RecoveryPoint> iterator() {
    return this;
  }

  // ------------------------------------------------------------------ the channel's side

  /** Appends the points updated since the last flush (one write), compacting a large file. */
  synchronized void flush() throws IOException {
    if (changed.isEmpty()) {
      return;
    }
    if (size > COMPACT_BYTES) {
      compact();
      changed.clear();
      return;
    }
    ByteBuffer out = records(changed);
    changed.clear();
    size += out.remaining();
    while (out.hasRemaining()) {
      file.write(out);
    }
  }

  private static ByteBuffer records(Map<String, String> which) {
    int total = 0;
    byte[][] subs = new byte[which.size()][];
    byte[][] marks = new byte[which.size()][];
    int i = 0;
    for (Map.Entry<String, String> e : which.entrySet()) {
      subs[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
      marks[i] = e.getValue().getBytes(StandardCharsets.UTF_8);
      total += 8 + 2 + subs[i].length + marks[i].length;
      i++;
    }
    ByteBuffer b = ByteBuffer.allocate(total);
    CRC32 crc = new CRC32();
    for (int k = 0; k < subs.length; k++) {
      int length = 2 + subs[k].length + marks[k].length;
      b.putInt(length);
      int crcAt = b.position();
      b.putInt(0);
      int start = b.position();
      b.putShort((short) subs[k].length).put(subs[k]).put(marks[k]);
      crc.reset();
      crc.update(b.array(), start, length);
      b.putInt(crcAt, (int) crc.getValue());
    }
    b.flip();
    return b;
  }

  private void compact() throws IOException {
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    ByteBuffer records = records(points);
    try (FileChannel t =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer h = ByteBuffer.wrap(HEADER);
      while (h.hasRemaining()) {
        t.write(h);
      }
      while (records.hasRemaining()) {
        t.write(records);
      }
      t.force(true);
    }
    file.close();
    try {
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
    }
    file = FileChannel.open(path, StandardOpenOption.WRITE);
    size = file.size();
    file.position(size);
  }

  /** The file's length now (for tests). */
  synchronized long size() {
    return size;
  }

  @Override
  public synchronized void close() throws IOException {
    if (file == null) {
      return;
    }
    try {
      flush();
    } finally {
      file.close();
      file = null;
    }
  }

  /** One subscription's recovery point. */
  private static final class Point implements RecoveryPoint {
    private final Field subId;
    private final BookmarkField bookmark;

    Point(Field subId, BookmarkField bookmark) {
      this.subId = subId;
      this.bookmark = bookmark;
    }

    @Override
    public Field getSubId() {
      return subId;
    }

    @Override
    public BookmarkField getBookmark() {
      return bookmark;
    }

    @Override
    public RecoveryPoint copy() {
      return new Point(subId.copy(), bookmark.copy());
    }
  }
}
