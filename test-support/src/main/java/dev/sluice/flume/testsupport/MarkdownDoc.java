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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a module's Markdown docs so tests can hold them to the code: the {@code `code`} names in
 * the first cell of each table row of a section (the keys of a key table, the names of a counter
 * table).
 *
 * <pre>{@code
 * MarkdownDoc doc = MarkdownDoc.read(Paths.get("..", "docs", "amps-sink.md"));
 * assertEquals(keysTheConfigReads, doc.firstCellNames("## Keys"));
 * }</pre>
 */
public final class MarkdownDoc {
  private static final Pattern FIRST_CELL = Pattern.compile("^\\|\\s*([^|]+)\\|");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern HEADING = Pattern.compile("#{1,6} ");

  private final Path file;
  private final List<String> lines;

  private MarkdownDoc(Path file, List<String> lines) {
    this.file = file;
    this.lines = lines;
  }

  public static MarkdownDoc read(Path file) {
    try {
      return new MarkdownDoc(file, Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The lines of a section, from after its heading (given whole, e.g. {@code "## Keys"}) to the
   * next heading of any level: a sub-section ({@code ### ...}) is a section of its own.
   *
   * @throws IllegalArgumentException if the document has no such heading
   */
  public List<String> section(String heading) {
    int start = lines.indexOf(heading);
    if (start < 0) {
      throw new IllegalArgumentException(file + " has no section '" + heading + "'");
    }
    List<String> out = new ArrayList<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (HEADING.matcher(line).lookingAt()) {
        break;
      }
      out.add(line);
    }
    return out;
  }

  /**
   * Every {@code `code`} name in the first cell of each table row of a section ({@code | `uri` /
   * `uri1`..`uriN` | ...} gives {@code uri}, {@code uri1} and {@code uriN}), sorted.
   */
  public Set<String> firstCellNames(String heading) {
    Set<String> names = new TreeSet<>();
    for (String line : section(heading)) {
      Matcher row = FIRST_CELL.matcher(line);
      if (row.find()) {
        Matcher code = CODE.matcher(row.group(1));
        while (code.find()) {
          names.add(code.group(1));
        }
      }
    }
    return names;
  }

  /**
   * The first {@code `code`} name of each table row's first cell in a section ({@code | `uri` /
   * `uri1`..`uriN` | ...} gives {@code uri} alone), sorted: a key table whose rows may show
   * variants of the key after its name.
   */
  public Set<String> firstNamePerRow(String heading) {
    Set<String> names = new TreeSet<>();
    for (String line : section(heading)) {
      Matcher row = FIRST_CELL.matcher(line);
      if (row.find()) {
        Matcher code = CODE.matcher(row.group(1));
        if (code.find()) {
          names.add(code.group(1));
        }
      }
    }
    return names;
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
