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
package dev.sluice.flume.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the complete lines appended to a log file since a given offset, a chunk per call. */
final class LogScanner {
  private static final int MAX_CHUNK = 1 << 20;

  private final Path file;
  private long position;
  private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();

  LogScanner(Path file, long offset) {
    this.file = file;
    this.position = offset;
  }

  /** Where a scan of {@code file} should start to see only what is written from now on. */
  static long endOf(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The lines completed since the last call (a line without its line break waits). */
  List<String> newLines() throws IOException {
    List<String> lines = new ArrayList<>();
    if (!Files.exists(file)) {
      return lines;
    }
    byte[] bytes;
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length <= position) {
        return lines;
      }
      bytes = new byte[(int) Math.min(length - position, MAX_CHUNK)];
      in.seek(position);
      in.readFully(bytes);
      position += bytes.length;
    }
    for (byte b : bytes) {
      if (b == '\n') {
        lines.add(new String(partialLine.toByteArray(), StandardCharsets.UTF_8));
        partialLine.reset();
      } else {
        partialLine.write(b);
      }
    }
    return lines;
  }
}
