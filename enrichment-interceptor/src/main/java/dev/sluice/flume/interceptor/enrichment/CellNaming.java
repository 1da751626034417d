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

import dev.sluice.flume.common.config.ConfigReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header or JSON field name of a looked-up cell ({@code headerName}, {@code bodyFieldName}):
 * literal text with {@code %{family}} and {@code %{qualifier}}.
 */
final class CellNaming {
  private static final Pattern PLACEHOLDER = Pattern.compile("%\\{([^}]*)\\}");

  private enum Piece {
    LITERAL,
    FAMILY,
    QUALIFIER
  }

  private final String template;
  private final List<Piece> pieces;
  private final List<String> literals;

  private CellNaming(String template, List<Piece> pieces, List<String> literals) {
    this.template = template;
    this.pieces = pieces;
    this.literals = literals;
  }

  /** Parses a naming template; records problems and returns null if there are any. */
  static CellNaming parse(
      String key, String template, ColumnSelection columns, ConfigReader reader) {
    List<Piece> pieces = new ArrayList<>();
    List<String> literals = new ArrayList<>();
    boolean ok = true;
    boolean hasQualifier = false;
    Matcher m = PLACEHOLDER.matcher(template);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        pieces.add(Piece.LITERAL);
        literals.add(template.substring(at, m.start()));
      }
      at = m.end();
      String name = m.group(1);
      if (name.equals("family")) {
        pieces.add(Piece.FAMILY);
      } else if (name.equals("qualifier")) {
        pieces.add(Piece.QUALIFIER);
        hasQualifier = true;
      } else {
        reader.problem(
            key, template, "'%{" + name + "}' is not a placeholder: use %{family} or %{qualifier}");
        ok = false;
      }
    }
    if (at < template.length()) {
      pieces.add(Piece.LITERAL);
      literals.add(template.substring(at));
    }
    if (columns != null && columns.manyColumns() && !hasQualifier) {
      reader.problem(
          key,
          template,
          "must contain %{qualifier}, or every selected column would get the same name");
      ok = false;
    }
    return ok ? new CellNaming(template, pieces, literals) : null;
  }

  String name(ColumnValue cell) {
    StringBuilder sb = new StringBuilder();
    int literal = 0;
    for (Piece p : pieces) {
      switch (p) {
        case FAMILY:
          sb.append(cell.family());
          break;
        case QUALIFIER:
          sb.append(cell.qualifier());
          break;
        default:
          sb.append(literals.get(literal++));
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return template;
  }
}
