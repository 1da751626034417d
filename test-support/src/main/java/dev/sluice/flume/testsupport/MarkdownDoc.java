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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

  /**
   * Key to default of each row of the key tables in the given sections: the first {@code `code`}
   * name of the first cell, and the second cell as written (trimmed, {@code \\|} read as {@code |},
   * backticks kept so {@link DocumentedDefaults} can tell a literal from words).
   */
  public Map<String, String> keyDefaults(String... headings) {
    return keyColumn(1, headings);
  }

  /**
   * As {@link #keyDefaults}, with the value from cell {@code column} (0 is the key's own cell): for
   * a table with a default column per component.
   */
  public Map<String, String> keyColumn(int column, String... headings) {
    if (column < 1) {
      throw new IllegalArgumentException("column must be 1 or more, was " + column);
    }
    Map<String, String> out = new TreeMap<>();
    for (String heading : headings) {
      for (String line : section(heading)) {
        List<String> cells = cells(line);
        if (cells.size() <= column) {
          continue;
        }
        Matcher code = CODE.matcher(cells.get(0));
        if (code.find()) {
          out.put(code.group(1), cells.get(column));
        }
      }
    }
    return out;
  }

  /** The cells of a table row, trimmed; empty for a line that is not a row. */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    if (!line.startsWith("|")) {
      return cells;
    }
    StringBuilder cell = new StringBuilder();
    for (int i = 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
        cell.append('|');
        i++;
      } else if (c == '|') {
        cells.add(cell.toString().trim());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    if (cell.length() > 0 && !cell.toString().isBlank()) {
      cells.add(cell.toString().trim());
    }
    return cells;
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
