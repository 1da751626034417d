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

import com.fasterxml.jackson.core.JsonPointer;
import dev.sluice.flume.common.config.ConfigReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.flume.Context;

/**
 * Every key of the JSON serializer, parsed and checked at once; {@link #parse} throws one {@link
 * dev.sluice.flume.common.config.InvalidConfigurationException} listing every problem.
 */
final class JsonSerializerConfig {
  static final String KIND = "hbase-json";

  static final String COLUMNS = "columns";
  static final String ALL_FIELDS = "allFields";

  static final boolean DEFAULT_ALL_FIELDS = false;

  /** The default of each key as the docs table shows it. */
  static Map<String, String> documentedDefaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(COLUMNS, "none");
    d.put(ALL_FIELDS, Boolean.toString(DEFAULT_ALL_FIELDS));
    d.putAll(SerializerSettings.documentedDefaults(KIND));
    return d;
  }

  final List<JsonFormat.Column> columns;
  final boolean allFields;
  final JsonFormat format;
  final SerializerSettings settings;

  private JsonSerializerConfig(ConfigReader r, String counterGroup) {
    List<String> problems = new ArrayList<>();
    String columnsText = r.optionalString(COLUMNS);
    columns = parseColumns(columnsText, problems);
    for (String p : problems) {
      r.problem(COLUMNS, columnsText, p);
    }
    allFields = r.bool(ALL_FIELDS, DEFAULT_ALL_FIELDS);
    if (columnsText == null && !allFields) {
      r.problem(COLUMNS, null, "required unless " + ALL_FIELDS + " = true");
    }
    Set<String> named = new HashSet<>();
    for (JsonFormat.Column c : columns) {
      named.add(c.qualifierText);
    }
    format = problems.isEmpty() ? new JsonFormat(columns, allFields, Set.copyOf(named)) : null;
    settings = new SerializerSettings(r, counterGroup, format);
  }

  static JsonSerializerConfig parse(Context context) {
    String counterGroup = SerializerSettings.counterGroupName(KIND, context);
    ConfigReader r = new ConfigReader("serializer", counterGroup, KIND, context);
    JsonSerializerConfig config = new JsonSerializerConfig(r, counterGroup);
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
    new JsonSerializerConfig(r, counterGroup);
    r.finish();
    return r.defaults();
  }

  /** A serializer core from a configuration; throws listing every problem. */
  static SerializerCore newCore(Context context, LongSupplier clock, LongSupplier nanoClock) {
    JsonSerializerConfig c = parse(context);
    return new SerializerCore(
        c.format, c.settings, new SerializerCounters(c.settings.counterGroup), clock, nanoClock);
  }

  /**
   * {@code qualifier:pointer[:type]} entries, comma-separated. The type is the text after the last
   * ':' when that ':' comes after the pointer's last '/'; so a pointer whose last step has a ':'
   * needs an explicit type after it.
   */
  static List<JsonFormat.Column> parseColumns(String text, List<String> problems) {
    List<JsonFormat.Column> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (String entry : text.split(",", -1)) {
      String e = entry.trim();
      int first = e.indexOf(':');
      if (first <= 0) {
        problems.add("entry '" + e + "' is not qualifier:pointer or qualifier:pointer:type");
        continue;
      }
      String qualifier = e.substring(0, first).trim();
      String rest = e.substring(first + 1).trim();
      ColumnType type = ColumnType.STRING;
      int last = rest.lastIndexOf(':');
      if (last >= 0 && last > rest.lastIndexOf('/')) {
        String typeWord = rest.substring(last + 1).trim();
        type = ColumnType.forWord(typeWord);
        if (type == null) {
          problems.add(
              "entry '"
                  + e
                  + "': type '"
                  + typeWord
                  + "' is not one of "
                  + ColumnType.words()
                  + " (a pointer whose last step has a ':' needs a type after it)");
          continue;
        }
        rest = rest.substring(0, last).trim();
      }
      JsonPointer pointer;
      try {
        pointer = JsonFormat.pointer(rest);
      } catch (IllegalArgumentException ex) {
        problems.add(
            "entry '" + e + "': '" + rest + "' is not a JSON Pointer (it must start with '/')");
        continue;
      }
      if (!seen.add(qualifier)) {
        problems.add("column '" + qualifier + "' is named twice");
        continue;
      }
      out.add(new JsonFormat.Column(qualifier, pointer, type));
    }
    return out;
  }
}
