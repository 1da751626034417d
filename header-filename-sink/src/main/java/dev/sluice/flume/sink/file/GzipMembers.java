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

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Finds where the last complete gzip member of a file ends, checking each member's CRC and length,
 * for crash recovery of files written by {@link GzipMemberOutputStream}.
 */
final class GzipMembers {
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  private GzipMembers() {}

  /** The length of the file's longest prefix made of complete, intact members; 0 if none. */
  static long completeLength(FileChannel file) throws IOException {
    file.position(0);
    InputStream raw = Channels.newInputStream(file);
    Counting in = new Counting(new BufferedInputStream(raw, 65536));
    long complete = 0;
    Inflater inflater = new Inflater(true);
    try {
      while (true) {
        if (in.peekEof()) {
          return complete;
        }
        if (!member(in, inflater)) {
          return complete;
        }
        complete = in.position;
      }
    } catch (EOFException partial) {
      return complete;
    } finally {
      inflater.end();
    }
  }

  private static boolean member(Counting in, Inflater inflater) throws IOException {
    if (in.read() != 0x1f || in.read() != 0x8b || in.read() != 8) {
      return false;
    }
    int flags = in.read();
    in.skip(6); // mtime, xfl, os
    if ((flags & FEXTRA) != 0) {
      in.skip(in.read() | in.read() << 8);
    }
    if ((flags & FNAME) != 0) {
      while (in.read() != 0) {
        // skip the zero-terminated name
      }
    }
    if ((flags & FCOMMENT) != 0) {
      while (in.read() != 0) {
        // skip the zero-terminated comment
      }
    }
    if ((flags & FHCRC) != 0) {
      in.skip(2);
    }
    inflater.reset();
    CRC32 crc = new CRC32();
    byte[] input = new byte[8192];
    byte[] output = new byte[32768];
    long size = 0;
    try {
      while (!inflater.finished()) {
        if (inflater.needsInput()) {
          int n = in.readSome(input);
          inflater.setInput(input, 0, n);
        }
        int out = inflater.inflate(output);
        crc.update(output, 0, out);
        size += out;
        if (out == 0 && inflater.needsDictionary()) {
          return false;
        }
      }
    } catch (DataFormatException corrupt) {
      return false;
    }
    in.unread(inflater.getRemaining());
    long expectedCrc = readIntLe(in);
    long expectedSize = readIntLe(in);
    return expectedCrc == crc.getValue() && expectedSize == (size & 0xffffffffL);
  }

  private static long readIntLe(Counting in) throws IOException {
    return (in.read() | in.read() << 8 | in.read() << 16 | (long) in.read() << 24) & 0xffffffffL;
  }

  /**
   * A stream that counts consumed bytes, where bytes handed to the inflater but not used can be
   * given back.
   */
  private static final class Counting {
    private final BufferedInputStream in;
    private byte[] pending = new byte[0];
    private int pendingPos;
    long position;

    Counting(BufferedInputStream in) {
      this.in = in;
    }

    boolean peekEof() throws IOException {
      if (pendingPos < pending.length) {
        return false;
      }
      in.mark(1);
      int b = in.read();
      in.reset();
      return b < 0;
    }

    int read() throws IOException {
      int b;
      if (pendingPos < pending.length) {
        b = pending[pendingPos++] & 0xff;
      } else {
        b = in.read();
      }
      if (b < 0) {
        throw new EOFException();
      }
      position++;
      return b;
    }

    void skip(int n) throws IOException {
      for (int i = 0; i < n; i++) {
        read();
      }
    }

    /** Reads at least one byte into buf; returns how many. */
    int readSome(byte[] buf) throws IOException {
      int n;
      if (pendingPos < pending.length) {
        n = Math.min(buf.length, pending.length - pendingPos);
        System.arraycopy(pending, pendingPos, buf, 0, n);
        pendingPos += n;
      } else {
        n = in.read(buf, 0, buf.length);
        if (n < 0) {
          throw new EOFException();
        }
      }
      position += n;
      lastRead = buf;
      lastReadLength = n;
      return n;
    }

    private byte[] lastRead;
    private int lastReadLength;

    /** Gives back the last {@code n} bytes of the last {@link #readSome} call. */
    void unread(int n) {
      if (n == 0) {
        return;
      }
      byte[] back = new byte[n + pending.length - pendingPos];
      System.arraycopy(lastRead, lastReadLength - n, back, 0, n);
      System.arraycopy(pending, pendingPos, back, n, pending.length - pendingPos);
      pending = back;
      pendingPos = 0;
      position -= n;
    }
  }
}
