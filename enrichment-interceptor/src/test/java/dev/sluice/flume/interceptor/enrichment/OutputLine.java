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
package dev.sluice.flume.interceptor.enrichment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One event as Flume's {@code file_roll} sink wrote it with the {@code header_and_text} serializer:
 * {@code {h1=v1, h2=v2} body}, the body here a compact JSON object with a {@code seq} number.
 */
final class OutputLine {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LINE = Pattern.compile("\\{(.*)\\} (\\{.*\\})");

  final Map<String, String> headers;
  final JsonNode body;
  final long seq;

  private OutputLine(Map<String, String> headers, JsonNode body) {
    this.headers = headers;
    this.body = body;
    this.seq = body.get("seq").asLong();
  }

  static OutputLine parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a header_and_text line of a JSON body: " + line);
    }
    Map<String, String> headers = new HashMap<>();
    if (!m.group(1).isEmpty()) {
      for (String pair : m.group(1).split(", ")) {
        int eq = pair.indexOf('=');
        headers.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    try {
      return new OutputLine(headers, JSON.readTree(m.group(2)));
    } catch (IOException e) {
      throw new IllegalArgumentException("body is not JSON: " + line, e);
    }
  }

  /** Every complete line of every file in the sink's directory. */
  static List<OutputLine> readAll(Path dir) {
    List<OutputLine> lines = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return lines;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
          continue;
        }
        for (String line : text.substring(0, end).split("\n")) {
          lines.add(parse(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  @Override
  public String toString() {
    return headers + " " + body;
  }
}
