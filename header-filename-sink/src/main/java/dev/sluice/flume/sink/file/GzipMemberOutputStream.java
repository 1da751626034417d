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
import java.util.ArrayDeque;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Gzip output in which every {@link #flush()} ends a complete gzip member (RFC 1952 allows a file
 * to be several members; gzip, zcat and {@link java.util.zip.GZIPInputStream} read them as one).
 *
 * <p>The sink flushes a file only at the end of a batch, so each member holds whole records and
 * crash recovery can cut a file back to its last complete member without knowing the records'
 * format. A {@link Deflater} is held only while a member is open and comes from a pool shared by
 * all files, so thousands of open files do not each keep a compressor's native memory.
 */
final class GzipMemberOutputStream extends OutputStream {
  /** Deflaters shared by the files of one sink; used from the sink's thread only. */
  static final class DeflaterPool {
    private final int level;
    private final ArrayDeque<Deflater> idle = new ArrayDeque<>();

    DeflaterPool(int level) {
      this.level = level;
    }

    Deflater take() {
      Deflater d = idle.poll();
      return d != null ? d : new Deflater(level, true);
    }

    void give(Deflater d) {
      d.reset();
      if (idle.size() < 64) {
        idle.push(d);
      } else {
        d.end();
      }
    }

    void close() {
      for (Deflater d : idle) {
        d.end();
      }
      idle.clear();
    }
  }

  private static final byte[] HEADER = {
    0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff // deflate, no flags, no mtime, OS unknown
  };

  private final OutputStream out;
  private final DeflaterPool pool;
  private final CRC32 crc = new CRC32();
  private final byte[] buffer = new byte[8192];
  private Deflater deflater;
  private long memberSize;
  private boolean closed;

  GzipMemberOutputStream(OutputStream out, DeflaterPool pool) {
    this.out = out;
    this.pool = pool;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    if (len == 0) {
      return;
    }
    if (deflater == null) {
      deflater = pool.take();
      crc.reset();
      memberSize = 0;
      out.write(HEADER);
    }
    crc.update(b, off, len);
    memberSize += len;
    deflater.setInput(b, off, len);
    while (!deflater.needsInput()) {
      int n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH);
      out.write(buffer, 0, n);
    }
  }

  /** Ends the open member, if any, and flushes the stream below. */
  @Override
  public void flush() throws IOException {
    finishMember();
    out.flush();
  }

  private void finishMember() throws IOException {
    if (deflater == null) {
      return;
    }
    Deflater d = deflater;
    deflater = null;
    try {
      d.finish();
      while (!d.finished()) {
        int n = d.deflate(buffer, 0, buffer.length);
        out.write(buffer, 0, n);
      }
      byte[] trailer = new byte[8];
      writeIntLe(trailer, 0, crc.getValue());
      writeIntLe(trailer, 4, memberSize);
      out.write(trailer);
    } finally {
      pool.give(d);
    }
  }

  /** Gives the deflater back without writing anything more. */
  void discard() {
    closed = true;
    if (deflater != null) {
      pool.give(deflater);
      deflater = null;
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      flush();
    } finally {
      closed = true;
      out.close();
    }
  }

  private static void writeIntLe(byte[] b, int off, long v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }
}
