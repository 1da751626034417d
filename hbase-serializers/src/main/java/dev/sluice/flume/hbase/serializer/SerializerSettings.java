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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.apache.flume.Context;

/**
 * The keys both serializers share (row keys, timestamps, headers, increments, bad events,
 * counters), parsed into final fields. Each serializer's config class parses its own keys first and
 * then these, with its {@link BodyFormat} resolving field names.
 */
final class SerializerSettings {
  static final String ROW_KEY = "rowKey";
  static final String ROW_KEY_SALT = "rowKeySalt";
  static final String TIMESTAMP_FROM = "timestampFrom";
  static final String TIMESTAMP_HEADER = "timestampHeader";
  static final String TIMESTAMP_FIELD = "timestampField";
  static final String HEADER_COLUMNS = "headerColumns";
  static final String INCREMENT_ROW_KEY = "incrementRowKey";
  static final String INCREMENT_COLUMN = "incrementColumn";
  static final String BAD_EVENT_POLICY = "badEventPolicy";
  static final String DEAD_LETTER_FAMILY = "deadLetterFamily";
  static final String DEAD_LETTER_ROW_KEY_PREFIX = "deadLetterRowKeyPrefix";
  static final String LOG_BAD_EVENT_BODY = "logBadEventBody";
  static final String BAD_EVENT_LOG_INTERVAL = "badEventLogInterval";
  static final String COUNTER_GROUP = "counterGroup";

  static final int DEFAULT_ROW_KEY_SALT = 0;
  static final int MAX_ROW_KEY_SALT = 1000;
  static final TimestampSource DEFAULT_TIMESTAMP_FROM = TimestampSource.HEADER;
  static final String DEFAULT_TIMESTAMP_HEADER = "timestamp";
  static final String DEFAULT_INCREMENT_COLUMN = "events";
  static final BadEventPolicy DEFAULT_BAD_EVENT_POLICY = BadEventPolicy.DEAD_LETTER;
  static final String DEFAULT_DEAD_LETTER_ROW_KEY_PREFIX = "deadletter|";
  static final boolean DEFAULT_LOG_BAD_EVENT_BODY = false;
  static final long DEFAULT_BAD_EVENT_LOG_INTERVAL_MILLIS = 60_000;

  /** Characters a name cannot have in a JMX ObjectName value written unquoted. */
  private static final Pattern MBEAN_NAME = Pattern.compile("[^,=:\"*?\\s]+");

  /** The default of each shared key as the docs table shows it (the code's constants). */
  static Map<String, String> documentedDefaults(String kind) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(ROW_KEY, "required");
    d.put(ROW_KEY_SALT, Integer.toString(DEFAULT_ROW_KEY_SALT));
    d.put(TIMESTAMP_FROM, DEFAULT_TIMESTAMP_FROM.word());
    d.put(TIMESTAMP_HEADER, DEFAULT_TIMESTAMP_HEADER);
    d.put(TIMESTAMP_FIELD, "none");
    d.put(HEADER_COLUMNS, "none");
    d.put(INCREMENT_ROW_KEY, "none");
    d.put(INCREMENT_COLUMN, DEFAULT_INCREMENT_COLUMN);
    d.put(BAD_EVENT_POLICY, DEFAULT_BAD_EVENT_POLICY.word());
    d.put(DEAD_LETTER_FAMILY, "the sink's columnFamily");
    d.put(DEAD_LETTER_ROW_KEY_PREFIX, DEFAULT_DEAD_LETTER_ROW_KEY_PREFIX);
    d.put(LOG_BAD_EVENT_BODY, Boolean.toString(DEFAULT_LOG_BAD_EVENT_BODY));
    d.put(BAD_EVENT_LOG_INTERVAL, Long.toString(DEFAULT_BAD_EVENT_LOG_INTERVAL_MILLIS));
    d.put(COUNTER_GROUP, kind + "-<hash>");
    d.put(ConfigReader.STRICT_CONFIG, "false");
    return d;
  }

  final String counterGroup;
  final RowKeyTemplate rowKey;
  final TimestampSource timestampFrom;
  final String timestampHeader;

  /** Null unless {@link #timestampFrom} is {@code field}. */
  final BodyFormat.FieldRef timestampField;

  final List<HeaderColumn> headerColumns;

  /** Null when increments are off. */
  final RowKeyTemplate incrementRowKey;

  final byte[] incrementColumn;
  final BadEventPolicy badEventPolicy;

  /** Null for the sink's column family. */
  final byte[] deadLetterFamily;

  final String deadLetterRowKeyPrefix;
  final boolean logBadEventBody;
  final long badEventLogIntervalMillis;

  /**
   * Reads the shared keys.
   *
   * @param fields resolves field names; null when the serializer's own keys were wrong, in which
   *     case field names are not checked (the configuration fails anyway)
   */
  SerializerSettings(ConfigReader r, String counterGroup, BodyFormat fields) {
    this.counterGroup = counterGroup;
    r.optionalString(COUNTER_GROUP);
    if (!MBEAN_NAME.matcher(counterGroup).matches()) {
      r.problem(
          COUNTER_GROUP,
          counterGroup,
          "must be a name without spaces and without , = : \" * ? (it names a JMX MBean)");
    }
    Function<String, BodyFormat.FieldRef> resolver =
        fields == null ? spec -> () -> spec : fields::field;

    int salt = r.intInRange(ROW_KEY_SALT, DEFAULT_ROW_KEY_SALT, 0, MAX_ROW_KEY_SALT);
    String rowKeyText = r.requiredString(ROW_KEY, "the row key template, e.g. %{id} or ${id}");
    rowKey = template(r, ROW_KEY, rowKeyText, "row key", resolver, salt);

    timestampFrom =
        TimestampSource.of(
            r.oneOf(TIMESTAMP_FROM, DEFAULT_TIMESTAMP_FROM.word(), TimestampSource.words()));
    timestampHeader = r.string(TIMESTAMP_HEADER, DEFAULT_TIMESTAMP_HEADER);
    String fieldText = r.optionalString(TIMESTAMP_FIELD);
    if (timestampFrom == TimestampSource.FIELD) {
      if (fieldText == null) {
        r.problem(TIMESTAMP_FIELD, null, "required with " + TIMESTAMP_FROM + " = field");
        timestampField = null;
      } else {
        timestampField = resolve(r, TIMESTAMP_FIELD, fieldText, resolver);
      }
    } else {
      timestampField = null;
      if (fieldText != null) {
        r.problem(TIMESTAMP_FIELD, fieldText, "is used only with " + TIMESTAMP_FROM + " = field");
      }
    }
    if (timestampFrom != TimestampSource.HEADER && r.raw(TIMESTAMP_HEADER) != null) {
      r.problem(
          TIMESTAMP_HEADER, r.raw(TIMESTAMP_HEADER), "is used only with timestampFrom = header");
    }

    List<String> problems = new ArrayList<>();
    String headerColumnsText = r.optionalString(HEADER_COLUMNS);
    headerColumns = List.copyOf(HeaderColumn.parseList(headerColumnsText, problems));
    for (String p : problems) {
      r.problem(HEADER_COLUMNS, headerColumnsText, p);
    }

    String incrementText = r.optionalString(INCREMENT_ROW_KEY);
    String incrementColumnText = r.string(INCREMENT_COLUMN, DEFAULT_INCREMENT_COLUMN);
    incrementColumn = incrementColumnText.getBytes(StandardCharsets.UTF_8);
    if (incrementText == null) {
      incrementRowKey = null;
      if (r.raw(INCREMENT_COLUMN) != null) {
        r.problem(INCREMENT_COLUMN, incrementColumnText, "is used only with " + INCREMENT_ROW_KEY);
      }
    } else {
      incrementRowKey =
          template(r, INCREMENT_ROW_KEY, incrementText, "increment row key", resolver, salt);
    }

    if (timestampFrom == TimestampSource.NONE) {
      for (RowKeyTemplate t : new RowKeyTemplate[] {rowKey, incrementRowKey}) {
        if (t != null && t.usesTimestamp()) {
          r.problem(
              t == rowKey ? ROW_KEY : INCREMENT_ROW_KEY,
              t.toString(),
              "uses %[ts] or %[reversedTs], which need a timestamp: timestampFrom = none gives"
                  + " none");
        }
      }
    }

    badEventPolicy =
        BadEventPolicy.of(
            r.oneOf(BAD_EVENT_POLICY, DEFAULT_BAD_EVENT_POLICY.word(), BadEventPolicy.words()));
    String family = r.optionalString(DEAD_LETTER_FAMILY);
    deadLetterFamily = family == null ? null : family.getBytes(StandardCharsets.UTF_8);
    deadLetterRowKeyPrefix =
        r.string(DEAD_LETTER_ROW_KEY_PREFIX, DEFAULT_DEAD_LETTER_ROW_KEY_PREFIX);
    if (badEventPolicy != BadEventPolicy.DEAD_LETTER) {
      for (String key : List.of(DEAD_LETTER_FAMILY, DEAD_LETTER_ROW_KEY_PREFIX)) {
        if (r.raw(key) != null) {
          r.problem(key, r.raw(key), "is used only with " + BAD_EVENT_POLICY + " = deadLetter");
        }
      }
    }
    logBadEventBody = r.bool(LOG_BAD_EVENT_BODY, DEFAULT_LOG_BAD_EVENT_BODY);
    badEventLogIntervalMillis =
        r.durationMillis(
            BAD_EVENT_LOG_INTERVAL, DEFAULT_BAD_EVENT_LOG_INTERVAL_MILLIS, 0, 86_400_000L);
  }

  private static RowKeyTemplate template(
      ConfigReader r,
      String key,
      String text,
      String what,
      Function<String, BodyFormat.FieldRef> resolver,
      int salt) {
    if (text == null) {
      return null;
    }
    List<String> problems = new ArrayList<>();
    RowKeyTemplate t = RowKeyTemplate.compile(text, what, resolver, SaltPrefix.of(salt), problems);
    for (String p : problems) {
      r.problem(key, text, p);
    }
    return t;
  }

  private static BodyFormat.FieldRef resolve(
      ConfigReader r, String key, String spec, Function<String, BodyFormat.FieldRef> resolver) {
    try {
      return resolver.apply(spec);
    } catch (IllegalArgumentException e) {
      r.problem(key, spec, e.getMessage());
      return null;
    }
  }

  /**
   * The counter group's name: {@code counterGroup}, or {@code <kind>-<hash>}, the hash being 8 hex
   * digits of the CRC32 of the serializer's keys and values (sorted, {@code key=value\n} each,
   * without {@code counterGroup}): stable across restarts and reconfigurations that leave the
   * serializer's keys alone, different for differently configured serializers.
   */
  static String counterGroupName(String kind, Context context) {
    String given = context.getParameters().get(COUNTER_GROUP);
    if (given != null && !given.isEmpty()) {
      return given;
    }
    CRC32 crc = new CRC32();
    for (Map.Entry<String, String> e : new TreeMap<>(context.getParameters()).entrySet()) {
      if (!e.getKey().equals(COUNTER_GROUP)) {
        crc.update((e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return String.format("%s-%08x", kind, crc.getValue());
  }
}
