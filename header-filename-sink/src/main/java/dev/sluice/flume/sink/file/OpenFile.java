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

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.serialization.EventSerializer;
import org.apache.flume.serialization.EventSerializerFactory;

/**
 * One in-use file: the serializer writing into it and the bookkeeping for rolling.
 *
 * <p>Bytes go serializer → {@link RecordBuffer} (buffers and counts the serialized bytes, and
 * ignores the serializer's own flushes) → optional {@link GzipMemberOutputStream} → {@link
 * DiskStream} (counts the bytes given to the file) → the file. Only {@link #flush(boolean)} pushes
 * data down, so the file's length after a flush is a point where every record is whole: {@link
 * #flushedLength()} is where a failed batch's data is cut back to.
 */
final class OpenFile {
  /** What every open file's buffer holds, and returns to after a batch that wrote less. */
  static final int BUFFER_BYTES = 8192;

  /**
   * What the buffer of a file that takes much of a batch grows to, so one batch is a few {@code
   * write(2)} calls rather than one per 8 KiB.
   */
  static final int MAX_BUFFER_BYTES = 128 * 1024;

  private final Target target;
  private final Path directory;
  private final String requestedName;
  private final long counter;
  private final Path inUsePath;
  private final long openedAt;

  private final DiskStream disk;
  private final GzipMemberOutputStream gzip;
  private final RecordBuffer records;
  private final EventSerializer serializer;

  private long events;
  private long lastWriteAt;
  private long flushedLength;
  private boolean open = true;

  private OpenFile(
      Target target,
      Path directory,
      String requestedName,
      long counter,
      Path inUsePath,
      long openedAt,
      OutputFiles.Output output,
      GzipMemberOutputStream.DeflaterPool deflaters,
      String serializerType,
      Context serializerContext) {
    this.target = target;
    this.directory = directory;
    this.requestedName = requestedName;
    this.counter = counter;
    this.inUsePath = inUsePath;
    this.openedAt = openedAt;
    this.lastWriteAt = openedAt;
    this.disk = new DiskStream(output);
    this.gzip = deflaters == null ? null : new GzipMemberOutputStream(disk, deflaters);
    this.records = new RecordBuffer(gzip == null ? disk : gzip);
    this.serializer =
        EventSerializerFactory.getInstance(serializerType, serializerContext, records);
  }

  /**
   * Opens a serializer on a newly created in-use file and lets it write its header ({@code
   * afterCreate}); nothing reaches the file before the first {@link #flush(boolean)}.
   *
   * @param deflaters a pool for gzip output, or null for plain files
   */
  static OpenFile create(
      Target target,
      Path directory,
      String requestedName,
      long counter,
      Path inUsePath,
      long now,
      OutputFiles.Output output,
      GzipMemberOutputStream.DeflaterPool deflaters,
      String serializerType,
      Context serializerContext)
      throws IOException {
    OpenFile f;
    try {
      f =
          new OpenFile(
              target,
              directory,
              requestedName,
              counter,
              inUsePath,
              now,
              output,
              deflaters,
              serializerType,
              serializerContext);
    } catch (RuntimeException e) {
      output.close();
      throw e;
    }
    try {
      f.serializer.afterCreate();
    } catch (IOException | RuntimeException e) {
      f.discard();
      throw e;
    }
    return f;
  }

  void write(Event event, long now) throws IOException {
    serializer.write(event);
    events++;
    lastWriteAt = now;
  }

  /**
   * Pushes everything written so far into the file, and to the device when {@code sync}. After it
   * returns, the file holds only whole records.
   */
  void flush(boolean sync) throws IOException {
    serializer.flush();
    records.push();
    if (sync) {
      disk.output.sync();
    }
    flushedLength = disk.position;
  }

  /**
   * Writes the serializer's trailer, flushes and closes the file. The caller then gives it its
   * finished name.
   */
  void finish(boolean sync) throws IOException {
    serializer.flush();
    serializer.beforeClose();
    flush(sync);
    open = false;
    if (gzip != null) {
      gzip.close();
    } else {
      disk.close();
    }
  }

  /**
   * Closes the file without writing what is still buffered; the file may also hold part of what was
   * written since the last flush, which the caller cuts off at {@link #flushedLength()}.
   */
  void discard() {
    open = false;
    if (gzip != null) {
      gzip.discard();
    }
    try {
      disk.output.close();
    } catch (IOException ignored) {
      // closing a file descriptor that failed already; nothing more is written through it
    }
  }

  boolean isOpen() {
    return open;
  }

  Target target() {
    return target;
  }

  Path directory() {
    return directory;
  }

  String requestedName() {
    return requestedName;
  }

  /** Which file of the requested name this is: 0 for the first, then 1, 2, ... */
  long counter() {
    return counter;
  }

  Path inUsePath() {
    return inUsePath;
  }

  long openedAt() {
    return openedAt;
  }

  long lastWriteAt() {
    return lastWriteAt;
  }

  long events() {
    return events;
  }

  /** Bytes the serializer wrote, before compression. */
  long bytes() {
    return records.count;
  }

  /** The file's length at the last successful flush: whole records only. */
  long flushedLength() {
    return flushedLength;
  }

  @Override
  public String toString() {
    return inUsePath.toString();
  }

  /**
   * What the serializer sees: a buffer of its own (no lock per write, unlike {@code
   * BufferedOutputStream}) that counts the bytes, keeps the serializer's flushes from going down,
   * and grows from {@link #BUFFER_BYTES} up to {@link #MAX_BUFFER_BYTES} while one batch fills it,
   * shrinking back after a batch that wrote less than {@link #BUFFER_BYTES}.
   */
  private static final class RecordBuffer extends OutputStream {
    private final OutputStream out;
    private byte[] buf = new byte[BUFFER_BYTES];
    private int used;
    private long count;
    private long countAtPush;

    RecordBuffer(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      if (used == buf.length) {
        makeRoom(1);
      }
      buf[used++] = (byte) b;
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > buf.length - used) {
        makeRoom(len);
        if (len > buf.length - used) {
          out.write(b, off, len); // larger than the largest buffer: straight through
          count += len;
          return;
        }
      }
      System.arraycopy(b, off, buf, used, len);
      used += len;
      count += len;
    }

    /** Grows the buffer for {@code len} more bytes, or, at its largest, writes it out. */
    private void makeRoom(int len) throws IOException {
      if (buf.length < MAX_BUFFER_BYTES && used + len <= MAX_BUFFER_BYTES) {
        int size = buf.length;
        while (size < used + len) {
          size *= 2;
        }
        buf = java.util.Arrays.copyOf(buf, Math.min(size, MAX_BUFFER_BYTES));
      } else {
        drain();
      }
    }

    private void drain() throws IOException {
      if (used > 0) {
        int n = used;
        used = 0;
        out.write(buf, 0, n);
      }
    }

    /** Writes out what is buffered and flushes the stream below: the end of a batch. */
    void push() throws IOException {
      drain();
      out.flush();
      if (buf.length > BUFFER_BYTES && count - countAtPush < BUFFER_BYTES) {
        buf = new byte[BUFFER_BYTES];
      }
      countAtPush = count;
    }

    @Override
    public void flush() {
      // Only OpenFile.flush() flushes: a serializer's flush in the middle of a record (Avro's
      // DataFileWriter flushes its own stream) must not end a gzip member or move flushedLength.
    }

    @Override
    public void close() {
      // OpenFile closes the streams below
    }
  }

  /** The bottom of the chain: counts the bytes handed to the file. */
  private static final class DiskStream extends OutputStream {
    private final OutputFiles.Output output;
    private long position;

    DiskStream(OutputFiles.Output output) {
      this.output = output;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      output.write(b, off, len);
      position += len;
    }

    @Override
    public void close() throws IOException {
      output.close();
    }
  }
}
