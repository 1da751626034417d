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
package dev.sluice.flume.hbase.serializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A header written to a column: {@code header:family:qualifier} or {@code
 * header:family:qualifier:type} in {@code headerColumns}. An absent or empty header gives no cell.
 */
final class HeaderColumn {
  final String header;
  final byte[] family;
  final byte[] qualifier;
  final ColumnType type;
  private final String what;

  private HeaderColumn(String header, String family, String qualifier, ColumnType type) {
    this.header = header;
    this.family = family.getBytes(StandardCharsets.UTF_8);
    this.qualifier = qualifier.getBytes(StandardCharsets.UTF_8);
    this.type = type;
    this.what = "header '" + header + "'";
  }

  /**
   * Parses a {@code headerColumns} value.
   *
   * @param problems receives a description of each bad entry
   */
  static List<HeaderColumn> parseList(String value, List<String> problems) {
    List<HeaderColumn> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    for (String entry : value.split(",", -1)) {
      String e = entry.trim();
      String[] parts = e.split(":", -1);
      if (parts.length < 3 || parts.length > 4) {
        problems.add(
            "entry '" + e + "' is not header:family:qualifier or header:family:qualifier:type");
        continue;
      }
      boolean blank = false;
      for (String p : parts) {
        blank |= p.trim().isEmpty();
      }
      if (blank) {
        problems.add("entry '" + e + "' has an empty part");
        continue;
      }
      ColumnType type = ColumnType.STRING;
      if (parts.length == 4) {
        type = ColumnType.forWord(parts[3].trim());
        if (type == null) {
          problems.add(
              "entry '"
                  + e
                  + "': type '"
                  + parts[3].trim()
                  + "' is not one of "
                  + ColumnType.words());
          continue;
        }
      }
      out.add(new HeaderColumn(parts[0].trim(), parts[1].trim(), parts[2].trim(), type));
    }
    return out;
  }

  void addCell(Map<String, String> headers, EventCells out) throws BadEvent {
    String value = headers.get(header);
    if (value != null && !value.isEmpty()) {
      out.add(family, qualifier, type.fromText(value, what));
    }
  }
}
