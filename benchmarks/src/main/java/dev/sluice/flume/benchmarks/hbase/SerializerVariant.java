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
package dev.sluice.flume.benchmarks.hbase;

import dev.sluice.flume.testsupport.HBaseSinkJars;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sink and serializer the HBase serializer benchmark runs: the sink type, the serializer class
 * and its keys, which bodies it reads, and the client jars its agent gets. Every variant writes the
 * same four cells (id, symbol, price, qty) under the same row key, the record's id.
 */
enum SerializerVariant {
  /** The anchor: Flume's own regex serializer for HBase2Sink, on the CSV bodies. */
  REGEX_CSV(
      "regex-csv",
      "hbase2",
      "org.apache.flume.sink.hbase2.RegexHBase2EventSerializer",
      false,
      regexKeys("(([^,]*)),([^,]*),([^,]*),([^,]*)")),
  /** Ours, splitting, on the same CSV bodies. */
  SPLIT_CSV(
      "ours-split",
      "hbase2",
      "dev.sluice.flume.hbase.serializer.SplittingHBase2Serializer",
      false,
      Map.of(
          "columns", "id,symbol,price:double,qty:long",
          "rowKey", "${id}",
          "timestampFrom", "none")),
  /** The anchor on the JSON bodies: Flume's regex serializer pulling the same four fields. */
  REGEX_JSON(
      "regex-json",
      "hbase2",
      "org.apache.flume.sink.hbase2.RegexHBase2EventSerializer",
      true,
      regexKeys(
          "[{]\"id\":\"(([^\"]*))\",\"symbol\":\"([^\"]*)\",\"price\":([^,]*),\"qty\":([^}]*)[}]")),
  /** Ours, JSON, on the same JSON bodies. */
  JSON(
      "ours-json",
      "hbase2",
      "dev.sluice.flume.hbase.serializer.JsonHBase2Serializer",
      true,
      Map.of(
          "columns", "id:/id, symbol:/symbol, price:/price:double, qty:/qty:long",
          "rowKey", "${/id}",
          "timestampFrom", "none")),
  /** Ours, splitting, through AsyncHBaseSink. */
  ASYNC_SPLIT_CSV(
      "async-ours-split",
      "asynchbase",
      "dev.sluice.flume.hbase.serializer.SplittingAsyncHBaseSerializer",
      false,
      SPLIT_CSV.serializerKeys),
  /** Ours, JSON, through AsyncHBaseSink. */
  ASYNC_JSON(
      "async-ours-json",
      "asynchbase",
      "dev.sluice.flume.hbase.serializer.JsonAsyncHBaseSerializer",
      true,
      JSON.serializerKeys);

  /** Cells each event writes, for every variant. */
  static final int CELLS_PER_EVENT = 4;

  final String label;
  final String sinkType;
  final String serializer;
  final boolean jsonBodies;

  @SuppressWarnings("ImmutableEnumChecker") // each constant's map is unmodifiable
  final Map<String, String> serializerKeys;

  SerializerVariant(
      String label,
      String sinkType,
      String serializer,
      boolean jsonBodies,
      Map<String, String> serializerKeys) {
    this.label = label;
    this.sinkType = sinkType;
    this.serializer = serializer;
    this.jsonBodies = jsonBodies;
    this.serializerKeys = serializerKeys;
  }

  static SerializerVariant byLabel(String label) {
    for (SerializerVariant v : values()) {
      if (v.label.equals(label)) {
        return v;
      }
    }
    throw new IllegalArgumentException("no variant " + label + "; known: " + labels());
  }

  static String labels() {
    StringBuilder sb = new StringBuilder();
    for (SerializerVariant v : values()) {
      sb.append(sb.length() == 0 ? "" : ",").append(v.label);
    }
    return sb.toString();
  }

  boolean isAnchor() {
    return serializer.startsWith("org.apache.flume.");
  }

  boolean isAsync() {
    return sinkType.equals("asynchbase");
  }

  /** The jars a user adds beside this sink (never both clients in one agent). */
  List<Path> clientJars() {
    return isAsync() ? HBaseSinkJars.asyncHBaseSink() : HBaseSinkJars.hbase2Sink();
  }

  /**
   * Flume's regex serializer: group 1 is the row key and group 2, the same text, the id cell, so
   * that it writes the same four cells as ours.
   */
  private static Map<String, String> regexKeys(String regex) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("regex", regex);
    keys.put("colNames", "ROW_KEY,id,symbol,price,qty");
    keys.put("rowKeyIndex", "0");
    return Collections.unmodifiableMap(keys);
  }
}
