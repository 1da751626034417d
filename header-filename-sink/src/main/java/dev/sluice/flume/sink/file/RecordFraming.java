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

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * How crash recovery finds where the last whole record of an in-use file ends, for files that are
 * not gzip-compressed (a gzip file is cut at its last complete member, see {@link GzipMembers}).
 */
enum RecordFraming {
  /** Records end with a newline: the {@code text} and {@code header_and_text} serializers. */
  NEWLINE {
    @Override
    long completeLength(FileChannel file) throws IOException {
      long size = file.size();
      ByteBuffer buf = ByteBuffer.allocate(8192);
      long end = size;
      while (end > 0) {
        long start = Math.max(0, end - buf.capacity());
        buf.clear().limit((int) (end - start));
        readFully(file, buf, start);
        for (int i = buf.limit() - 1; i >= 0; i--) {
          if (buf.get(i) == '\n') {
            return start + i + 1;
          }
        }
        end = start;
      }
      return 0;
    }
  },

  /**
   * An Avro object container file ({@code avro_event} and other Avro serializers): the header, then
   * blocks each ending with the file's 16-byte sync marker.
   */
  AVRO {
    @Override
    long completeLength(FileChannel file) throws IOException {
      Reader in = new Reader(file);
      try {
        byte[] magic = in.bytes(4);
        if (magic[0] != 'O' || magic[1] != 'b' || magic[2] != 'j' || magic[3] != 1) {
          throw new IOException("not an Avro container file (no Obj1 magic)");
        }
        for (long n = in.varLong(); n != 0; n = in.varLong()) { // metadata map blocks
          if (n < 0) {
            n = -n;
            in.varLong(); // block size in bytes
          }
          for (long i = 0; i < n; i++) {
            in.skip(in.varLong()); // key
            in.skip(in.varLong()); // value
          }
        }
        byte[] sync = in.bytes(16);
        // A header with no block holds no record: nothing to keep until a block is complete.
        long kept = 0;
        try {
          while (in.position < file.size()) {
            in.varLong(); // object count
            in.skip(in.varLong()); // block bytes
            if (!Arrays.equals(sync, in.bytes(16))) {
              break;
            }
            kept = in.position;
          }
        } catch (EOFException partialBlock) {
          // kept is the end of the last whole block
        }
        return kept;
      } catch (EOFException partialHeader) {
        return 0;
      }
    }
  },

  /** Records cannot be told apart (a custom serializer): recovery keeps every byte. */
  NONE {
    @Override
    long completeLength(FileChannel file) throws IOException {
      return file.size();
    }
  };

  /**
   * The length of the file's longest prefix that ends at a record boundary; 0 when it holds no
   * whole record.
   */
  abstract long completeLength(FileChannel file) throws IOException;

  static void readFully(FileChannel file, ByteBuffer buf, long position) throws IOException {
    long p = position;
    while (buf.hasRemaining()) {
      int n = file.read(buf, p);
      if (n < 0) {
        throw new EOFException();
      }
      p += n;
    }
  }

  /** Reads Avro's zig-zag variable-length longs from a file, tracking the position. */
  private static final class Reader {
    private final FileChannel file;
    private final ByteBuffer one = ByteBuffer.allocate(1);
    long position;

    Reader(FileChannel file) {
      this.file = file;
    }

    int read() throws IOException {
      one.clear();
      readFully(file, one, position);
      position++;
      return one.get(0) & 0xff;
    }

    byte[] bytes(int n) throws IOException {
      ByteBuffer b = ByteBuffer.allocate(n);
      readFully(file, b, position);
      position += n;
      return b.array();
    }

    void skip(long n) throws IOException {
      if (n < 0 || position + n > file.size()) {
        throw new EOFException();
      }
      position += n;
    }

    long varLong() throws IOException {
      long raw = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = read();
        raw |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return (raw >>> 1) ^ -(raw & 1);
        }
      }
      throw new IOException("malformed Avro long");
    }
  }
}
