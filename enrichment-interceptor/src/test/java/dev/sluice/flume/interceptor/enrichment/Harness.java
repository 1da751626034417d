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

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;

/** Builds interceptors over a fake backend, a fake ticker and a refresh queue the test runs. */
final class Harness implements AutoCloseable {
  final FakeRowLookup backend = new FakeRowLookup();
  final FakeTicker ticker = new FakeTicker();
  final QueuedExecutor refreshes = new QueuedExecutor();
  private final List<EnrichmentInterceptor> built = new ArrayList<>();

  /** The smallest valid configuration plus the given keys and values. */
  static Map<String, String> config(String... keysAndValues) {
    Map<String, String> m = new HashMap<>();
    m.put("table", "quotes");
    m.put("rowKey", "%{symbol}");
    m.put("columns", "info:name info:sector");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  static EnrichmentConfig parse(Map<String, String> config) {
    return EnrichmentConfig.parse(new Context(config));
  }

  EnrichmentInterceptor start(String... keysAndValues) {
    EnrichmentConfig config = parse(config(keysAndValues));
    EnrichmentInterceptor interceptor =
        new EnrichmentInterceptor(
            config,
            new InterceptorDependencies(
                c -> backend.selecting(c.columns()), ticker, Runnable::run, refreshes));
    interceptor.initialize();
    built.add(interceptor);
    // The start-up connection runs on a lookup thread; tests begin once it is done.
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(2))
        .until(() -> backend.connects > 0 && interceptor.busyLookupThreads() == 0);
    return interceptor;
  }

  static Event event(String body, String... headers) {
    Map<String, String> h = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    return EventBuilder.withBody(body, StandardCharsets.UTF_8, h);
  }

  static Event symbol(String symbol) {
    return event("{}", "symbol", symbol);
  }

  static ColumnValue cell(String family, String qualifier, String value) {
    return new ColumnValue(family, qualifier, value);
  }

  static String body(Event e) {
    return new String(e.getBody(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    backend.release();
    for (EnrichmentInterceptor i : built) {
      i.close();
    }
  }
}
