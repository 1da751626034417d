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
package dev.sluice.flume.sink.file;

import dev.sluice.flume.common.config.ConfigReader;
import java.io.OutputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.apache.flume.Context;
import org.apache.flume.serialization.AbstractAvroEventSerializer;
import org.apache.flume.serialization.BodyTextEventSerializer;
import org.apache.flume.serialization.EventSerializer;
import org.apache.flume.serialization.EventSerializerFactory;
import org.apache.flume.serialization.HeaderAndBodyTextEventSerializer;

/**
 * Every key of the header-filename sink, parsed and checked at once; {@link #parse} throws one
 * {@link dev.sluice.flume.common.config.InvalidConfigurationException} listing every problem.
 *
 * <p>Keys carry {@code file_roll}'s {@code sink.} prefix, and keep its names and meanings ({@code
 * sink.directory}, {@code sink.serializer}, {@code sink.batchSize}, {@code sink.rollInterval} in
 * seconds), so a {@code file_roll} configuration works after changing {@code type}; the HDFS sink's
 * names are used for what {@code file_roll} lacks ({@code rollSize}, {@code idleTimeout}, {@code
 * maxOpenFiles}, {@code inUseSuffix}, {@code round}, ...). {@code docs/header-filename-sink.md}
 * documents each key; a test checks the two agree.
 */
final class HeaderFilenameSinkConfig {
  static final String DIRECTORY = "sink.directory";
  static final String HEADER = "sink.header";
  static final String PATH_TEMPLATE = "sink.pathTemplate";
  static final String USE_LOCAL_TIME_STAMP = "sink.useLocalTimeStamp";
  static final String TIME_ZONE = "sink.timeZone";
  static final String ROUND = "sink.round";
  static final String ROUND_VALUE = "sink.roundValue";
  static final String ROUND_UNIT = "sink.roundUnit";
  static final String SERIALIZER = "sink.serializer";
  static final String SERIALIZER_PREFIX = "sink.serializer.";
  static final String CODEC = "sink.codeC";
  static final String FILE_SUFFIX = "sink.fileSuffix";
  static final String BATCH_SIZE = "sink.batchSize";
  static final String ROLL_INTERVAL = "sink.rollInterval";
  static final String ROLL_SIZE = "sink.rollSize";
  static final String ROLL_COUNT = "sink.rollCount";
  static final String IDLE_TIMEOUT = "sink.idleTimeout";
  static final String MAX_OPEN_FILES = "sink.maxOpenFiles";
  static final String IN_USE_PREFIX = "sink.inUsePrefix";
  static final String IN_USE_SUFFIX = "sink.inUseSuffix";
  static final String SYNC = "sink.sync";
  static final String REFUSED_EVENT_POLICY = "sink.refusedEventPolicy";
  static final String DEFAULT_FILE = "sink.defaultFile";
  static final String DEAD_LETTER_DIRECTORY = "sink.deadLetterDirectory";
  static final String MAX_PATH_LENGTH = "sink.maxPathLength";
  static final String RECORD_FRAMING = "sink.recordFraming";

  static final String DEFAULT_HEADER = "file";
  static final String DEFAULT_SERIALIZER = "TEXT";
  static final int DEFAULT_BATCH_SIZE = 100;
  static final long DEFAULT_ROLL_INTERVAL_SECONDS = 30;
  static final long DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
  static final int DEFAULT_MAX_OPEN_FILES = 5000;
  static final String DEFAULT_IN_USE_SUFFIX = ".tmp";
  static final String DEFAULT_DEFAULT_FILE = "refused.log";
  static final int DEFAULT_MAX_PATH_LENGTH = 1024;

  /** The value of {@code inUsePrefix}, {@code inUseSuffix} and {@code fileSuffix} for no affix. */
  static final String NONE = "none";

  private static final long MAX_DURATION_MILLIS = 366L * 24 * 3600 * 1000;

  final Path directory;

  /** The header naming the path; null when {@link #pathTemplate} is used. */
  final String header;

  /** The path template; null when the path is one header's value. */
  final PathTemplate pathTemplate;

  final String serializerType;
  final Context serializerContext;
  final Compression compression;
  final String fileSuffix;
  final int batchSize;
  final long rollIntervalMillis;
  final long rollSize;
  final long rollCount;
  final long idleTimeoutMillis;
  final int maxOpenFiles;
  final String inUsePrefix;
  final String inUseSuffix;
  final boolean sync;
  final RefusedEventPolicy refusedEventPolicy;

  /** Relative to {@link #directory}; checked by the path rules. */
  final String defaultFile;

  /** Null unless the policy is {@code dead-letter}. */
  final Path deadLetterDirectory;

  final int maxPathLength;

  /** How recovery finds the last whole record, {@code auto} already resolved. */
  final RecordFraming recordFraming;

  private HeaderFilenameSinkConfig(ConfigReader r) {
    directory =
        path(
            r,
            DIRECTORY,
            r.requiredString(DIRECTORY, "the base directory files are written under"));

    String headerValue = r.optionalString(HEADER);
    String template = r.optionalString(PATH_TEMPLATE);
    boolean useLocalTimeStamp = r.bool(USE_LOCAL_TIME_STAMP, false);
    TimeZone timeZone = timeZone(r);
    boolean round = r.bool(ROUND, false);
    int roundUnit = roundUnit(r);
    int roundValue = r.intInRange(ROUND_VALUE, 1, 1, roundUnit == Calendar.HOUR_OF_DAY ? 24 : 60);
    if (template != null) {
      if (headerValue != null) {
        r.problem(HEADER, headerValue, "give " + HEADER + " or " + PATH_TEMPLATE + ", not both");
      }
      for (String p : PathTemplate.problems(template)) {
        r.problem(PATH_TEMPLATE, template, p);
      }
      header = null;
      pathTemplate =
          PathTemplate.of(template, timeZone, round, roundUnit, roundValue, useLocalTimeStamp);
    } else {
      header = headerValue == null ? DEFAULT_HEADER : headerValue;
      pathTemplate = null;
      for (String key : List.of(USE_LOCAL_TIME_STAMP, TIME_ZONE, ROUND, ROUND_VALUE, ROUND_UNIT)) {
        if (r.raw(key) != null) {
          r.problem(key, r.raw(key), "is used only with " + PATH_TEMPLATE);
        }
      }
    }

    serializerType = r.string(SERIALIZER, DEFAULT_SERIALIZER);
    serializerContext = new Context(r.subProperties(SERIALIZER_PREFIX));
    EventSerializer probe = probeSerializer(r);

    compression = r.enumValue(CODEC, Compression.NONE, Compression.class);
    fileSuffix = nameAffix(r, FILE_SUFFIX, compression == Compression.GZIP ? ".gz" : "", false);
    batchSize = r.intInRange(BATCH_SIZE, DEFAULT_BATCH_SIZE, 1, 100_000);
    rollIntervalMillis =
        r.durationSecondsAsMillis(
            ROLL_INTERVAL, DEFAULT_ROLL_INTERVAL_SECONDS * 1000, 0, MAX_DURATION_MILLIS);
    rollSize = r.longInRange(ROLL_SIZE, 0, 0, Long.MAX_VALUE);
    rollCount = r.longInRange(ROLL_COUNT, 0, 0, Long.MAX_VALUE);
    idleTimeoutMillis =
        r.durationSecondsAsMillis(
            IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT_SECONDS * 1000, 0, MAX_DURATION_MILLIS);
    maxOpenFiles = r.intInRange(MAX_OPEN_FILES, DEFAULT_MAX_OPEN_FILES, 1, 1_000_000);
    inUsePrefix = nameAffix(r, IN_USE_PREFIX, "", true);
    inUseSuffix = nameAffix(r, IN_USE_SUFFIX, DEFAULT_IN_USE_SUFFIX, true);
    if (inUsePrefix.isEmpty() && inUseSuffix.isEmpty()) {
      r.problem(
          IN_USE_SUFFIX,
          r.raw(IN_USE_SUFFIX),
          "a suffix such as .tmp, or none only together with an "
              + IN_USE_PREFIX
              + " such as . (here it is none): without an in-use prefix or suffix, readers and crash recovery could not tell"
              + " in-use files from finished ones");
    } else if (!inUseSuffix.isEmpty()
        && fileSuffix.endsWith(inUseSuffix)
        && inUsePrefix.isEmpty()) {
      r.problem(
          FILE_SUFFIX, fileSuffix, "must not end with the in-use suffix '" + inUseSuffix + "'");
    }
    sync = r.bool(SYNC, false);
    refusedEventPolicy =
        r.enumValue(
            REFUSED_EVENT_POLICY, RefusedEventPolicy.DEFAULT_FILE, RefusedEventPolicy.class);
    maxPathLength = r.intInRange(MAX_PATH_LENGTH, DEFAULT_MAX_PATH_LENGTH, 1, 4000);
    defaultFile = defaultFile(r);
    String deadLetter = r.optionalString(DEAD_LETTER_DIRECTORY);
    if (refusedEventPolicy == RefusedEventPolicy.DEAD_LETTER) {
      if (deadLetter == null) {
        r.problem(
            DEAD_LETTER_DIRECTORY,
            null,
            "required when " + REFUSED_EVENT_POLICY + " = dead-letter");
      }
      deadLetterDirectory = deadLetter == null ? null : path(r, DEAD_LETTER_DIRECTORY, deadLetter);
    } else {
      if (deadLetter != null) {
        r.problem(
            DEAD_LETTER_DIRECTORY,
            deadLetter,
            "is used only when " + REFUSED_EVENT_POLICY + " = dead-letter");
      }
      deadLetterDirectory = null;
    }
    if (directory != null && deadLetterDirectory != null && deadLetterDirectory.equals(directory)) {
      r.problem(DEAD_LETTER_DIRECTORY, deadLetter, "must differ from " + DIRECTORY);
    }
    recordFraming = framing(r, probe);
  }

  /**
   * Parses a sink's context.
   *
   * @throws dev.sluice.flume.common.config.InvalidConfigurationException listing every problem
   */
  static HeaderFilenameSinkConfig parse(String sinkName, Context context) {
    ConfigReader r = ConfigReader.forSink(sinkName, "header-filename-sink", context);
    HeaderFilenameSinkConfig config = new HeaderFilenameSinkConfig(r);
    r.finish();
    return config;
  }

  /**
   * The default of every key the sink reads with one, as a user would write it (docs tests hold the
   * key table's defaults to these).
   */
  static Map<String, String> defaults(Context context) {
    ConfigReader r = ConfigReader.forSink("defaults", "header-filename-sink", context);
    new HeaderFilenameSinkConfig(r);
    r.finish();
    return r.defaults();
  }

  FileNaming naming() {
    return new FileNaming(inUsePrefix, inUseSuffix, fileSuffix);
  }

  FileTable.Rules rules() {
    return new FileTable.Rules(
        maxOpenFiles, rollIntervalMillis, rollSize, rollCount, idleTimeoutMillis, sync);
  }

  // ------------------------------------------------------------------ key parsers

  private static Path path(ConfigReader r, String key, String value) {
    if (value == null) {
      return null;
    }
    try {
      Path p = Paths.get(value);
      if (!p.isAbsolute()) {
        r.problem(key, value, "must be an absolute path");
      }
      return p.toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      r.problem(key, value, "must be a path (" + e.getReason() + ")");
      return null;
    }
  }

  private static TimeZone timeZone(ConfigReader r) {
    String v = r.optionalString(TIME_ZONE);
    if (v == null) {
      return TimeZone.getDefault();
    }
    try {
      return TimeZone.getTimeZone(ZoneId.of(v.trim()));
    } catch (DateTimeException e) {
      r.problem(TIME_ZONE, v, "must be a time zone id such as UTC or Europe/Berlin");
      return TimeZone.getDefault();
    }
  }

  private static int roundUnit(ConfigReader r) {
    String unit = r.oneOf(ROUND_UNIT, "second", "second", "minute", "hour");
    switch (unit) {
      case "minute":
        return Calendar.MINUTE;
      case "hour":
        return Calendar.HOUR_OF_DAY;
      default:
        return Calendar.SECOND;
    }
  }

  /**
   * A prefix or suffix of file names. The word {@code none} means no affix: Flume 1.11 drops a key
   * with an empty value before the sink sees it, so an empty value cannot say "none" from a
   * properties file. An empty value (from a programmatic {@link Context}) is refused for the same
   * reason: it would mean something else in a properties file.
   *
   * @param recordDefault whether the default is fixed (the docs table states it) rather than
   *     depending on other keys
   */
  private static String nameAffix(
      ConfigReader r, String key, String defaultValue, boolean recordDefault) {
    if (recordDefault) {
      r.string(key, defaultValue.isEmpty() ? NONE : defaultValue);
    } else {
      r.optionalString(key);
    }
    String v = r.raw(key);
    if (v == null) {
      return defaultValue;
    }
    String allowed =
        NONE + " for no " + (key.endsWith("Prefix") ? "prefix" : "suffix") + ", or a string";
    if (v.trim().isEmpty()) {
      r.problem(
          key,
          v,
          allowed
              + " (an empty value is dropped by Flume's properties file loader, so it cannot"
              + " mean none: write "
              + NONE
              + ")");
      return defaultValue;
    }
    if (v.trim().equalsIgnoreCase(NONE)) {
      return "";
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '/' || Character.isISOControl(c)) {
        r.problem(key, v, allowed + " without / or control characters");
        return defaultValue;
      }
    }
    if (FileNaming.utf8Length(v) > 64) {
      r.problem(key, v, allowed + " of at most 64 bytes");
      return defaultValue;
    }
    return v;
  }

  private String defaultFile(ConfigReader r) {
    String v = r.string(DEFAULT_FILE, DEFAULT_DEFAULT_FILE);
    if (inUsePrefix.isEmpty() && inUseSuffix.isEmpty()) {
      return v; // already reported; the path rules need an in-use name to check against
    }
    PathResolver.Resolution res =
        new PathResolver(null, null, naming(), maxPathLength, () -> 0L).check(v);
    if (res.refusal() != null) {
      r.problem(
          DEFAULT_FILE,
          v,
          "must be a safe path relative to "
              + DIRECTORY
              + " (refused: "
              + res.refusal().label()
              + ")");
      return DEFAULT_DEFAULT_FILE;
    }
    return res.path();
  }

  private EventSerializer probeSerializer(ConfigReader r) {
    try {
      return EventSerializerFactory.getInstance(
          serializerType, serializerContext, OutputStream.nullOutputStream());
    } catch (RuntimeException | LinkageError e) {
      r.problem(
          SERIALIZER,
          serializerType,
          "must be text, header_and_text, avro_event or the class name of an"
              + " EventSerializer.Builder ("
              + e
              + ")");
      return null;
    }
  }

  private RecordFraming framing(ConfigReader r, EventSerializer probe) {
    String v = r.oneOf(RECORD_FRAMING, "auto", "auto", "newline", "avro", "none");
    if (!v.equals("auto")) {
      return RecordFraming.valueOf(v.toUpperCase(Locale.ROOT));
    }
    if (probe instanceof BodyTextEventSerializer
        || probe instanceof HeaderAndBodyTextEventSerializer) {
      return serializerContext.getBoolean("appendNewline", true)
          ? RecordFraming.NEWLINE
          : RecordFraming.NONE;
    }
    if (probe instanceof AbstractAvroEventSerializer) {
      return RecordFraming.AVRO;
    }
    return RecordFraming.NONE;
  }
}
