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

import com.fasterxml.jackson.core.JsonPointer;
import dev.sluice.flume.common.config.ConfigReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flume.Context;

/** Every key of the interceptor, parsed and checked once, when Flume configures its builder. */
final class EnrichmentConfig {
  static final String LABEL = "enrichment-interceptor";

  static final String BACKEND = "backend";
  static final String TABLE = "table";
  static final String ROW_KEY = "rowKey";
  static final String ROW_KEY_REGEX = "rowKeyRegex";
  static final String COLUMNS = "columns";
  static final String ADD_TO = "addTo";
  static final String HEADER_NAME = "headerName";
  static final String BODY_POINTER = "bodyPointer";
  static final String BODY_FIELD_NAME = "bodyFieldName";
  static final String ON_COLLISION = "onCollision";
  static final String FAILURE_POLICY = "failurePolicy";
  static final String MISS_POLICY = "missPolicy";
  static final String STATUS_HEADER = "statusHeader";
  static final String TIMEOUT_MILLIS = "timeoutMillis";
  static final String LOOKUP_THREADS = "lookupThreads";
  static final String CACHE_MAX_SIZE = "cacheMaxSize";
  static final String CACHE_TTL = "cacheTtl";
  static final String NEGATIVE_CACHE_TTL = "negativeCacheTtl";
  static final String REFRESH_AFTER_WRITE = "refreshAfterWrite";
  static final String COUNTER_NAME = "counterName";

  static final String DEFAULT_HEADER_NAME = "enrich.%{qualifier}";
  static final String DEFAULT_BODY_POINTER = "/enrich";
  static final String DEFAULT_BODY_FIELD_NAME = "%{qualifier}";
  static final String DEFAULT_STATUS_HEADER = "enrichment";
  static final long DEFAULT_TIMEOUT_MILLIS = 500;
  static final int DEFAULT_LOOKUP_THREADS = 4;
  static final long DEFAULT_CACHE_MAX_SIZE = 100_000;
  static final long DEFAULT_CACHE_TTL = 5 * 60_000L;
  static final long DEFAULT_NEGATIVE_CACHE_TTL = 30_000;

  private static final Pattern COUNTER_NAME_CHARS = Pattern.compile("[A-Za-z0-9._-]+");
  private static final long DAY = 86_400_000L;

  private final Backend backend;
  private final String table;
  private final HBaseSettings hbase;
  private final KeyTemplate rowKey;
  private final ColumnSelection columns;
  private final AddTo addTo;
  private final CellNaming headerName;
  private final JsonPointer bodyPointer;
  private final CellNaming bodyFieldName;
  private final Collision onCollision;
  private final FailurePolicy failurePolicy;
  private final MissPolicy missPolicy;
  private final String statusHeader;
  private final long timeoutMillis;
  private final int lookupThreads;
  private final long cacheMaxSize;
  private final long cacheTtlMillis;
  private final long negativeCacheTtlMillis;
  private final long refreshAfterWriteMillis;
  private final String counterName;
  private final Map<String, String> settings;
  private final Map<String, String> defaults;

  private EnrichmentConfig(Context context) {
    String name = context.getString(COUNTER_NAME);
    String rawTable = context.getString(TABLE);
    if (name == null || name.isEmpty()) {
      name = defaultCounterName(rawTable);
    }
    ConfigReader r = new ConfigReader("interceptor", name, LABEL, context);

    backend = r.enumValue(BACKEND, Backend.HBASE2, Backend.class);
    if (r.raw(BACKEND) != null && !backend.clientPresent()) {
      r.problem(
          BACKEND,
          r.raw(BACKEND),
          "needs "
              + backend.jars()
              + " on the agent's classpath (plugins.d/<plugin>/libext); see the docs for the jars");
    } else if (!backend.clientPresent()) {
      r.problem(
          BACKEND,
          null,
          "the default backend "
              + backend.name().toLowerCase(Locale.ROOT)
              + " needs "
              + backend.jars()
              + " on the agent's classpath (plugins.d/<plugin>/libext), or set backend = asynchbase");
    }
    table = r.requiredString(TABLE, "the HBase table to look rows up in, namespace:table or table");

    String quorum = r.optionalString(HBaseSettings.QUORUM);
    int clientPort =
        r.intInRange(HBaseSettings.CLIENT_PORT, HBaseSettings.DEFAULT_CLIENT_PORT, 1, 65_535);
    String znodeParent = r.string(HBaseSettings.ZNODE_PARENT, HBaseSettings.DEFAULT_ZNODE_PARENT);
    if (!znodeParent.startsWith("/")) {
      r.problem(HBaseSettings.ZNODE_PARENT, znodeParent, "must be a znode path starting with /");
    }
    Map<String, String> passThrough = new LinkedHashMap<>();
    r.subProperties(HBaseSettings.PREFIX)
        .forEach((k, v) -> passThrough.put(HBaseSettings.PREFIX + k, v));
    hbase = new HBaseSettings(quorum, clientPort, znodeParent, passThrough);

    String template = r.requiredString(ROW_KEY, "the row key, e.g. %{symbol} or %{/order/sku}");
    Pattern regex = r.regex(ROW_KEY_REGEX);
    rowKey = KeyTemplate.parse(ROW_KEY, template, ROW_KEY_REGEX, regex, r);

    columns =
        ColumnSelection.parse(
            COLUMNS, r.requiredString(COLUMNS, "family:qualifier or family, several allowed"), r);

    addTo = r.enumValue(ADD_TO, AddTo.HEADERS, AddTo.class);
    headerName =
        CellNaming.parse(HEADER_NAME, r.string(HEADER_NAME, DEFAULT_HEADER_NAME), columns, r);
    bodyFieldName =
        CellNaming.parse(
            BODY_FIELD_NAME, r.string(BODY_FIELD_NAME, DEFAULT_BODY_FIELD_NAME), columns, r);
    String pointer = r.string(BODY_POINTER, DEFAULT_BODY_POINTER);
    // An empty value is the root in JSON Pointer, not "absent" as for other keys.
    bodyPointer = pointer(r, "".equals(r.raw(BODY_POINTER)) ? "" : pointer);
    if (!addTo.headers() && r.raw(HEADER_NAME) != null) {
      r.problem(HEADER_NAME, r.raw(HEADER_NAME), "is only used with addTo = headers or both");
    }
    if (!addTo.body()) {
      for (String key : List.of(BODY_POINTER, BODY_FIELD_NAME)) {
        if (r.raw(key) != null) {
          r.problem(key, r.raw(key), "is only used with addTo = body or both");
        }
      }
    }
    onCollision = r.enumValue(ON_COLLISION, Collision.KEEP, Collision.class);

    failurePolicy = r.enumValue(FAILURE_POLICY, FailurePolicy.PASS, FailurePolicy.class);
    missPolicy = r.enumValue(MISS_POLICY, MissPolicy.PASS, MissPolicy.class);
    statusHeader = r.string(STATUS_HEADER, DEFAULT_STATUS_HEADER).trim();
    timeoutMillis = r.longInRange(TIMEOUT_MILLIS, DEFAULT_TIMEOUT_MILLIS, 1, 600_000);
    lookupThreads = r.intInRange(LOOKUP_THREADS, DEFAULT_LOOKUP_THREADS, 1, 256);

    cacheMaxSize = r.longInRange(CACHE_MAX_SIZE, DEFAULT_CACHE_MAX_SIZE, 0, 100_000_000L);
    cacheTtlMillis = r.durationMillis(CACHE_TTL, DEFAULT_CACHE_TTL, 1, 365 * DAY);
    negativeCacheTtlMillis =
        r.durationMillis(NEGATIVE_CACHE_TTL, DEFAULT_NEGATIVE_CACHE_TTL, 0, 365 * DAY);
    refreshAfterWriteMillis = r.durationMillis(REFRESH_AFTER_WRITE, 0, 0, 365 * DAY);
    if (refreshAfterWriteMillis > 0 && refreshAfterWriteMillis >= cacheTtlMillis) {
      r.problem(
          REFRESH_AFTER_WRITE,
          r.raw(REFRESH_AFTER_WRITE),
          "must be shorter than cacheTtl ("
              + cacheTtlMillis
              + " ms), or an entry expires before it is ever refreshed");
    }

    String counter = r.string(COUNTER_NAME, name);
    if (!COUNTER_NAME_CHARS.matcher(counter).matches()) {
      r.problem(COUNTER_NAME, counter, "letters, digits, '.', '_' and '-' only (a JMX name)");
    }
    counterName = counter;

    r.finish();
    settings = describe();
    defaults = r.defaults();
  }

  static EnrichmentConfig parse(Context context) {
    return new EnrichmentConfig(context);
  }

  private static JsonPointer pointer(ConfigReader r, String value) {
    try {
      return JsonPointer.compile(value);
    } catch (IllegalArgumentException e) {
      r.problem(
          BODY_POINTER, value, "must be a JSON Pointer such as /enrich, or empty for the root");
      return null;
    }
  }

  /** {@code enrichment-<table>}, with every character JMX names cannot hold replaced by '_'. */
  static String defaultCounterName(String table) {
    String t = table == null || table.trim().isEmpty() ? "table" : table.trim();
    return "enrichment-" + t.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private Map<String, String> describe() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(BACKEND, backend.name().toLowerCase(Locale.ROOT));
    s.put(TABLE, table);
    s.put(HBaseSettings.QUORUM, String.valueOf(hbase.quorum()));
    s.put(HBaseSettings.CLIENT_PORT, String.valueOf(hbase.clientPort()));
    s.put(HBaseSettings.ZNODE_PARENT, hbase.znodeParent());
    s.put(ROW_KEY, rowKey.toString());
    s.put(COLUMNS, columns.toString());
    s.put(ADD_TO, addTo.name().toLowerCase(Locale.ROOT));
    s.put(HEADER_NAME, headerName.toString());
    s.put(BODY_POINTER, bodyPointer.toString());
    s.put(BODY_FIELD_NAME, bodyFieldName.toString());
    s.put(ON_COLLISION, onCollision.name().toLowerCase(Locale.ROOT));
    s.put(FAILURE_POLICY, failurePolicy.name().toLowerCase(Locale.ROOT));
    s.put(MISS_POLICY, missPolicy.name().toLowerCase(Locale.ROOT));
    s.put(STATUS_HEADER, statusHeader);
    s.put(TIMEOUT_MILLIS, String.valueOf(timeoutMillis));
    s.put(LOOKUP_THREADS, String.valueOf(lookupThreads));
    s.put(CACHE_MAX_SIZE, String.valueOf(cacheMaxSize));
    s.put(CACHE_TTL, cacheTtlMillis + " ms");
    s.put(NEGATIVE_CACHE_TTL, negativeCacheTtlMillis + " ms");
    s.put(REFRESH_AFTER_WRITE, refreshAfterWriteMillis + " ms");
    s.put(COUNTER_NAME, counterName);
    return s;
  }

  /** Every setting in effect, by key, as the interceptor logs it when it starts. */
  /**
   * The default of every key read with one, as a user would write it (docs tests hold the key
   * table's defaults to these).
   */
  Map<String, String> defaults() {
    return defaults;
  }

  Map<String, String> settings() {
    return settings;
  }

  Backend backend() {
    return backend;
  }

  String table() {
    return table;
  }

  HBaseSettings hbase() {
    return hbase;
  }

  KeyTemplate rowKey() {
    return rowKey;
  }

  ColumnSelection columns() {
    return columns;
  }

  AddTo addTo() {
    return addTo;
  }

  CellNaming headerName() {
    return headerName;
  }

  JsonPointer bodyPointer() {
    return bodyPointer;
  }

  CellNaming bodyFieldName() {
    return bodyFieldName;
  }

  Collision onCollision() {
    return onCollision;
  }

  FailurePolicy failurePolicy() {
    return failurePolicy;
  }

  MissPolicy missPolicy() {
    return missPolicy;
  }

  String statusHeader() {
    return statusHeader;
  }

  long timeoutMillis() {
    return timeoutMillis;
  }

  int lookupThreads() {
    return lookupThreads;
  }

  long cacheMaxSize() {
    return cacheMaxSize;
  }

  long cacheTtlMillis() {
    return cacheTtlMillis;
  }

  long negativeCacheTtlMillis() {
    return negativeCacheTtlMillis;
  }

  long refreshAfterWriteMillis() {
    return refreshAfterWriteMillis;
  }

  String counterName() {
    return counterName;
  }
}
