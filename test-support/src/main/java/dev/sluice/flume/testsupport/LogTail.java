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

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the last lines of a log file without reading all of it. */
final class LogTail {
  private static final int MAX_BYTES = 256 * 1024;
  private static final int MAX_LINE_CHARS = 1000;

  private LogTail() {}

  /** The last {@code lines} lines of {@code file}, or a note saying why there are none. */
  static List<String> lastLines(Path file, int lines) {
    if (!Files.isRegularFile(file)) {
      return List.of("(no log file at " + file + ")");
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int toRead = (int) Math.min(length, MAX_BYTES);
      byte[] bytes = new byte[toRead];
      in.seek(length - toRead);
      in.readFully(bytes);
      String[] all = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
      List<String> result = new ArrayList<>(Arrays.asList(all));
      if (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
        result.remove(result.size() - 1);
      }
      if (toRead < length && !result.isEmpty()) {
        result.remove(0); // most likely a partial line
      }
      if (result.isEmpty()) {
        return List.of("(log file " + file + " is empty)");
      }
      return result.subList(Math.max(0, result.size() - lines), result.size());
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e + ")");
    }
  }

  /** Cuts a very long line (such as a java command with its classpath) to a readable length. */
  static String shorten(String line) {
    if (line.length() <= MAX_LINE_CHARS) {
      return line;
    }
    return line.substring(0, MAX_LINE_CHARS)
        + " ... ("
        + (line.length() - MAX_LINE_CHARS)
        + " more characters)";
  }

  /** A block of text with a header naming the file, for failure messages. */
  static String describe(Path file, int lines) {
    StringBuilder text =
        new StringBuilder("---- last ").append(lines).append(" lines of ").append(file);
    for (String line : lastLines(file, lines)) {
      text.append(System.lineSeparator()).append("  | ").append(shorten(line));
    }
    return text.toString();
  }
}
