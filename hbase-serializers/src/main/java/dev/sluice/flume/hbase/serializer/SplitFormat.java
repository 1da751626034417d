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

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The splitting serializer's body: text split into fields, the n-th field going to the n-th name of
 * {@code columns}. Fields are named by their column name in {@code ${...}} and {@code
 * timestampField}.
 */
final class SplitFormat implements BodyFormat {
  /** A column name in {@code columns} that takes no cell: the field is counted and dropped. */
  static final String IGNORED = "-";

  /** One field: its position, column name (or {@link #IGNORED}), qualifier and type. */
  static final class Column {
    final String name;
    final byte[] qualifier;
    final ColumnType type;

    Column(String name, ColumnType type) {
      this.name = name;
      this.qualifier = name.getBytes(StandardCharsets.UTF_8);
      this.type = type;
    }

    boolean ignored() {
      return name.equals(IGNORED);
    }
  }

  private static final class Field implements FieldRef {
    final String name;
    final int index;

    Field(String name, int index) {
      this.name = name;
      this.index = index;
    }

    @Override
    public String spec() {
      return name;
    }
  }

  private final Column[] columns;
  private final String[] what;
  private final Charset charset;
  private final FieldSplitter splitter;
  private final Parsed parsed = new SplitParsed();
  private String[] fields;

  SplitFormat(List<Column> columns, Charset charset, FieldSplitter splitter) {
    this.columns = columns.toArray(new Column[0]);
    this.what = new String[this.columns.length];
    for (int i = 0; i < what.length; i++) {
      what[i] = "field " + (i + 1) + " ('" + this.columns[i].name + "')";
    }
    this.charset = charset;
    this.splitter = splitter;
  }

  @Override
  public FieldRef field(String spec) {
    for (int i = 0; i < columns.length; i++) {
      if (!columns[i].ignored() && columns[i].name.equals(spec)) {
        return new Field(spec, i);
      }
    }
    throw new IllegalArgumentException("not a name in columns");
  }

  @Override
  public Parsed parse(byte[] body) throws BadEvent {
    fields = splitter.split(new String(body, charset));
    return parsed;
  }

  @Override
  public void addCells(Parsed body, byte[] family, EventCells out) throws BadEvent {
    for (int i = 0; i < columns.length; i++) {
      Column c = columns[i];
      String value = fields[i];
      if (c.ignored() || value.isEmpty()) {
        continue;
      }
      out.add(family, c.qualifier, c.type.fromText(value, what[i]));
    }
  }

  private final class SplitParsed implements Parsed {
    @Override
    public String text(FieldRef field) {
      return fields[((Field) field).index];
    }

    @Override
    public long millis(FieldRef field) throws BadEvent {
      String text = fields[((Field) field).index];
      if (text.isEmpty()) {
        throw new BadEvent(
            BadEventReason.NO_TIMESTAMP, "timestamp field '" + field.spec() + "' is empty");
      }
      return Timestamps.parseMillis(text, "timestamp field '" + field.spec() + "'");
    }
  }
}
