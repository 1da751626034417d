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

import dev.sluice.flume.common.config.ConfigReader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.apache.flume.Context;

/**
 * Every key of the splitting serializer, parsed and checked at once; {@link #parse} throws one
 * {@link dev.sluice.flume.common.config.InvalidConfigurationException} listing every problem.
 */
final class SplittingSerializerConfig {
  static final String KIND = "hbase-split";

  static final String COLUMNS = "columns";
  static final String DELIMITER = "delimiter";
  static final String DELIMITER_REGEX = "delimiterRegex";
  static final String QUOTE_CHAR = "quoteChar";
  static final String TRIM_FIELDS = "trimFields";
  static final String CHARSET = "charset";

  static final String DEFAULT_DELIMITER = ",";
  static final boolean DEFAULT_DELIMITER_REGEX = false;
  static final boolean DEFAULT_TRIM_FIELDS = false;
  static final String DEFAULT_CHARSET = "UTF-8";

  /** The default of each key as the docs table shows it. */
  static Map<String, String> documentedDefaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(COLUMNS, "required");
    d.put(DELIMITER, DEFAULT_DELIMITER);
    d.put(DELIMITER_REGEX, Boolean.toString(DEFAULT_DELIMITER_REGEX));
    d.put(QUOTE_CHAR, "none");
    d.put(TRIM_FIELDS, Boolean.toString(DEFAULT_TRIM_FIELDS));
    d.put(CHARSET, DEFAULT_CHARSET);
    d.putAll(SerializerSettings.documentedDefaults(KIND));
    return d;
  }

  final List<SplitFormat.Column> columns;
  final SplitFormat format;
  final SerializerSettings settings;

  private SplittingSerializerConfig(ConfigReader r, String counterGroup) {
    List<String> problems = new ArrayList<>();
    String columnsText = r.requiredString(COLUMNS, "the column name of each field, in order");
    columns = parseColumns(columnsText, problems);
    for (String p : problems) {
      r.problem(COLUMNS, columnsText, p);
    }

    String delimiter = r.string(DELIMITER, DEFAULT_DELIMITER);
    boolean regex = r.bool(DELIMITER_REGEX, DEFAULT_DELIMITER_REGEX);
    String quoteText = r.optionalString(QUOTE_CHAR);
    boolean trim = r.bool(TRIM_FIELDS, DEFAULT_TRIM_FIELDS);
    Charset charset = charset(r);

    Pattern pattern = null;
    if (regex) {
      pattern = r.regex(DELIMITER);
      if (pattern != null && pattern.matcher("").matches()) {
        r.problem(DELIMITER, delimiter, "must not match the empty string");
        pattern = null;
      }
    }
    char quote = 0;
    if (quoteText != null) {
      if (quoteText.length() != 1) {
        r.problem(QUOTE_CHAR, quoteText, "must be one character, for example \"");
      } else if (regex) {
        r.problem(QUOTE_CHAR, quoteText, "cannot be used with " + DELIMITER_REGEX + " = true");
      } else if (delimiter.indexOf(quoteText.charAt(0)) >= 0) {
        r.problem(QUOTE_CHAR, quoteText, "must not be part of the delimiter");
      } else {
        quote = quoteText.charAt(0);
      }
    }

    boolean formatOk = !columns.isEmpty() && problems.isEmpty() && (!regex || pattern != null);
    format =
        formatOk
            ? new SplitFormat(
                columns,
                charset,
                new FieldSplitter(regex ? null : delimiter, pattern, quote, trim, columns.size()))
            : null;
    settings = new SerializerSettings(r, counterGroup, format);
  }

  static SplittingSerializerConfig parse(Context context) {
    String counterGroup = SerializerSettings.counterGroupName(KIND, context);
    ConfigReader r = new ConfigReader("serializer", counterGroup, KIND, context);
    SplittingSerializerConfig config = new SplittingSerializerConfig(r, counterGroup);
    r.finish();
    return config;
  }

  /**
   * The default of every key the serializer reads with one, as ConfigReader records it while
   * parsing (docs tests hold the key tables to these as well as to {@link #documentedDefaults}).
   */
  static Map<String, String> readDefaults(Context context) {
    String counterGroup = SerializerSettings.counterGroupName(KIND, context);
    ConfigReader r = new ConfigReader("serializer", counterGroup, KIND, context);
    new SplittingSerializerConfig(r, counterGroup);
    r.finish();
    return r.defaults();
  }

  /** A serializer core from a configuration; throws listing every problem. */
  static SerializerCore newCore(Context context, LongSupplier clock, LongSupplier nanoClock) {
    SplittingSerializerConfig c = parse(context);
    return new SerializerCore(
        c.format, c.settings, new SerializerCounters(c.settings.counterGroup), clock, nanoClock);
  }

  private static Charset charset(ConfigReader r) {
    String name = r.string(CHARSET, DEFAULT_CHARSET);
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      r.problem(CHARSET, name, "must be a charset this Java runtime supports, e.g. UTF-8");
      return StandardCharsets.UTF_8;
    }
  }

  /** {@code name[:type]} entries, comma-separated; {@code -} takes no cell. */
  static List<SplitFormat.Column> parseColumns(String text, List<String> problems) {
    List<SplitFormat.Column> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (String entry : text.split(",", -1)) {
      String e = entry.trim();
      int colon = e.lastIndexOf(':');
      String name = colon < 0 ? e : e.substring(0, colon).trim();
      ColumnType type = ColumnType.STRING;
      if (colon >= 0) {
        String typeWord = e.substring(colon + 1).trim();
        type = ColumnType.forWord(typeWord);
        if (type == null) {
          problems.add(
              "entry '" + e + "': type '" + typeWord + "' is not one of " + ColumnType.words());
          continue;
        }
      }
      if (name.isEmpty()) {
        problems.add(
            "entry '"
                + e
                + "' has no column name (name a field '"
                + SplitFormat.IGNORED
                + "' to drop it)");
        continue;
      }
      if (!name.equals(SplitFormat.IGNORED) && !seen.add(name)) {
        problems.add("column '" + name + "' is named twice");
        continue;
      }
      out.add(new SplitFormat.Column(name, type));
    }
    return out;
  }
}
