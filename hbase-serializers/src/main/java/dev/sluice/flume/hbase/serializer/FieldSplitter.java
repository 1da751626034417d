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

import java.util.regex.Pattern;

/**
 * Splits a line into a fixed number of fields on a literal delimiter (optionally with quoting) or a
 * regular expression. Empty fields count, trailing ones too: {@code a,b,} has three fields.
 *
 * <p>With quoting, a field that starts with the quote character runs to the next quote not doubled;
 * a doubled quote inside it stands for one quote ({@code "say ""hi""",x} gives {@code say "hi"} and
 * {@code x}), as in RFC 4180. A quote anywhere else is an ordinary character.
 *
 * <p>Not thread-safe: the fields array is reused for every line.
 */
final class FieldSplitter {
  private final String delimiter;
  private final Pattern regex;
  private final char quote;
  private final boolean quoting;
  private final boolean trim;
  private final String[] fields;
  private final StringBuilder quoted = new StringBuilder();

  /**
   * @param delimiter the literal delimiter, or null with a regex
   * @param regex the delimiter as a regular expression, or null
   * @param quote the quote character, or 0 for no quoting (only with a literal delimiter)
   * @param expected the number of fields every line must have
   */
  FieldSplitter(String delimiter, Pattern regex, char quote, boolean trim, int expected) {
    this.delimiter = delimiter;
    this.regex = regex;
    this.quote = quote;
    this.quoting = quote != 0;
    this.trim = trim;
    this.fields = new String[expected];
  }

  /**
   * Splits a line; the returned array (reused) holds exactly the expected number of fields.
   *
   * @throws BadEvent too few or too many fields, or a quoted field not closed
   */
  String[] split(String line) throws BadEvent {
    int n = regex != null ? splitRegex(line) : quoting ? splitQuoted(line) : splitLiteral(line);
    if (n < fields.length) {
      throw new BadEvent(
          BadEventReason.TOO_FEW_FIELDS,
          "the body has " + n + " fields, " + fields.length + " expected");
    }
    return fields;
  }

  private int splitRegex(String line) throws BadEvent {
    String[] parts = regex.split(line, -1);
    if (parts.length > fields.length) {
      throw tooMany();
    }
    for (int i = 0; i < parts.length; i++) {
      store(i, parts[i]);
    }
    return parts.length;
  }

  private int splitLiteral(String line) throws BadEvent {
    int n = 0;
    int start = 0;
    while (true) {
      int at = line.indexOf(delimiter, start);
      if (n == fields.length) {
        throw tooMany();
      }
      if (at < 0) {
        store(n++, line.substring(start));
        return n;
      }
      store(n++, line.substring(start, at));
      start = at + delimiter.length();
    }
  }

  private int splitQuoted(String line) throws BadEvent {
    int n = 0;
    int start = 0;
    while (true) {
      if (n == fields.length) {
        throw tooMany();
      }
      if (start < line.length() && line.charAt(start) == quote) {
        int end = readQuoted(line, start + 1, n);
        fields[n++] = quoted.toString();
        if (end == line.length()) {
          return n;
        }
        if (!line.startsWith(delimiter, end)) {
          throw new BadEvent(
              BadEventReason.BAD_QUOTING,
              "field " + n + ": the closing quote is not followed by the delimiter");
        }
        start = end + delimiter.length();
        continue;
      }
      int at = line.indexOf(delimiter, start);
      if (at < 0) {
        store(n++, line.substring(start));
        return n;
      }
      store(n++, line.substring(start, at));
      start = at + delimiter.length();
    }
  }

  /**
   * Reads a quoted field's text into {@link #quoted}; returns the index after its closing quote.
   */
  private int readQuoted(String line, int from, int index) throws BadEvent {
    quoted.setLength(0);
    int i = from;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == quote) {
        if (i + 1 < line.length() && line.charAt(i + 1) == quote) {
          quoted.append(quote);
          i += 2;
          continue;
        }
        return i + 1;
      }
      quoted.append(c);
      i++;
    }
    throw new BadEvent(
        BadEventReason.BAD_QUOTING, "field " + (index + 1) + ": the quoted field is not closed");
  }

  private void store(int i, String value) {
    fields[i] = trim ? value.trim() : value;
  }

  private BadEvent tooMany() {
    return new BadEvent(
        BadEventReason.TOO_MANY_FIELDS,
        "the body has more than " + fields.length + " fields, " + fields.length + " expected");
  }
}
