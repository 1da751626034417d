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
package dev.sluice.release;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The entry names of a {@code .tar.gz} (ustar with POSIX or GNU long names), so BundleCheck can see
 * what a plugin tarball packs without unpacking it.
 */
final class TarGzEntries {
  private static final int BLOCK = 512;

  private TarGzEntries() {}

  static List<String> names(Path tarGz) throws IOException {
    List<String> names = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tarGz))) {
      String longName = null;
      byte[] header = new byte[BLOCK];
      while (readFully(in, header)) {
        if (isZero(header)) {
          break;
        }
        String name = field(header, 0, 100);
        String prefix = field(header, 345, 155);
        long size =
            Long.parseLong(field(header, 124, 12).isEmpty() ? "0" : field(header, 124, 12), 8);
        char type = (char) header[156];
        byte[] body = read(in, size);
        if (type == 'x') {
          longName = paxPath(body);
        } else if (type == 'L') {
          longName = new String(body, StandardCharsets.UTF_8).replace("\u0000", "");
        } else if (type != 'g') {
          names.add(longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name);
          longName = null;
        }
      }
    }
    return names;
  }

  private static String paxPath(byte[] records) {
    for (String record : new String(records, StandardCharsets.UTF_8).split("\n")) {
      int path = record.indexOf(" path=");
      if (path >= 0) {
        return record.substring(path + " path=".length());
      }
    }
    return null;
  }

  private static byte[] read(InputStream in, long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
    byte[] block = new byte[BLOCK];
    for (long done = 0; done < padded; done += BLOCK) {
      if (!readFully(in, block)) {
        throw new IOException("tar entry ends early");
      }
      long keep = Math.min(BLOCK, size - done);
      if (keep > 0) {
        out.write(block, 0, (int) keep);
      }
    }
    return out.toByteArray();
  }

  private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
    int done = 0;
    while (done < buffer.length) {
      int n = in.read(buffer, done, buffer.length - done);
      if (n < 0) {
        return false;
      }
      done += n;
    }
    return true;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8).trim();
  }
}
