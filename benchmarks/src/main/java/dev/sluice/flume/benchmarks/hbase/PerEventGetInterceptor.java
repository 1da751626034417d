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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flume.Event;
import org.apache.flume.interceptor.Interceptor;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;

/**
 * The anchor of the enrichment benchmark, seed 004's way: one blocking {@code Get} per event on the
 * caller's thread, through the same HBase 2 client, adding the same headers as the enrichment
 * interceptor ({@code enrich.name}, {@code enrich.sector}). No cache, no batching, no deadline.
 */
final class PerEventGetInterceptor implements Interceptor {
  private final Table table;
  private final String keyHeader;
  private final byte[] family;
  private final byte[][] qualifiers;

  PerEventGetInterceptor(
      Connection connection, String table, String keyHeader, String family, String... qualifiers)
      throws IOException {
    this.table = connection.getTable(TableName.valueOf(table));
    this.keyHeader = keyHeader;
    this.family = family.getBytes(StandardCharsets.UTF_8);
    this.qualifiers = new byte[qualifiers.length][];
    for (int i = 0; i < qualifiers.length; i++) {
      this.qualifiers[i] = qualifiers[i].getBytes(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void initialize() {}

  @Override
  public Event intercept(Event event) {
    String key = event.getHeaders().get(keyHeader);
    if (key == null) {
      return event;
    }
    Get get = new Get(key.getBytes(StandardCharsets.UTF_8));
    for (byte[] q : qualifiers) {
      get.addColumn(family, q);
    }
    Result row;
    try {
      row = table.get(get);
    } catch (IOException e) {
      throw new UncheckedIOException("get " + key, e);
    }
    for (byte[] q : qualifiers) {
      byte[] value = row.getValue(family, q);
      if (value != null) {
        event
            .getHeaders()
            .put(
                "enrich." + new String(q, StandardCharsets.UTF_8),
                new String(value, StandardCharsets.UTF_8));
      }
    }
    return event;
  }

  @Override
  public List<Event> intercept(List<Event> events) {
    for (Event e : events) {
      intercept(e);
    }
    return events;
  }

  @Override
  public void close() {
    try {
      table.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
