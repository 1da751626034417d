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

import dev.sluice.flume.benchmarks.Alternation;
import dev.sluice.flume.benchmarks.BenchArgs;
import dev.sluice.flume.benchmarks.report.Goal;
import dev.sluice.flume.benchmarks.report.Section;
import dev.sluice.flume.benchmarks.report.Series;
import dev.sluice.flume.benchmarks.report.Workload;
import dev.sluice.flume.interceptor.enrichment.EnrichmentInterceptor;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.management.ObjectName;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.interceptor.Interceptor;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;

/**
 * Issue 12: what the enrichment interceptor costs per event against a real HBase (test-support's
 * {@code HBaseServer}, its own JVM), called in this JVM as a source calls it: {@code
 * intercept(List)} on batches of {@code batch} events, with the interceptor's own HBase 2 backend.
 *
 * <p>The same events in every variant: event {@code i} carries the header {@code key} with one of
 * {@code keys} distinct row keys (drawn with a fixed seed), and a table holds a row for every key
 * ({@code info:name}, {@code info:sector}, 12 characters each). Each batch's events are built
 * inside the timed loop and, after the variant's step, every event's headers are read (counting the
 * enriched ones, which must be all of them). Variants:
 *
 * <ul>
 *   <li><b>limit</b>: the same loop with no interceptor: event construction and list handling.
 *   <li><b>get-per-event</b> (the anchor): seed 004's way, one blocking {@code Get} per event
 *       ({@link PerEventGetInterceptor}), over the first {@code anchorEvents} events only (its cost
 *       per event does not depend on how many: it has no cache).
 *   <li><b>ours-cold</b>: the interceptor with {@code cacheMaxSize = 0}: every batch's distinct
 *       keys are fetched in one multi-get, the cold path of every batch.
 *   <li><b>ours-warm</b>: the interceptor with its default cache, filled by an untimed pass over
 *       the events first; its counters must show no lookup during the timed pass.
 * </ul>
 *
 * One untimed warm-up round of every variant (a tenth of the events) comes first; then the variants
 * alternate within each round, the order reversed every other round. Per-event cost is the round's
 * wall time over its events; the interceptor's overhead is its cost minus the limit's in the same
 * round.
 *
 * <pre>
 * bin/bench enrichment [--events N] [--keys K] [--batch B] [--rounds R] [--anchor-events A]
 *                      [--quick]
 * </pre>
 */
public final class EnrichmentCost {
  static final String TITLE = "Enrichment interceptor";
  private static final String TABLE = "enrich_ref";
  private static final byte[] FAMILY = "info".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BODY =
      "{\"transaction_id\":\"t-0001\",\"amount\":12.5}".getBytes(StandardCharsets.UTF_8);

  enum Variant {
    LIMIT("limit (no interceptor)"),
    ANCHOR("get-per-event (seed 004, anchor)"),
    COLD("ours, cold (cacheMaxSize = 0)"),
    WARM("ours, warm cache");

    final String label;

    Variant(String label) {
      this.label = label;
    }
  }

  private final HBaseBenchEnvironment env;
  private final int events;
  private final int batch;
  private final int anchorEvents;
  private final String[] keyNames;
  private final int[] keyOfEvent;
  private int instance;
  private long blackhole;

  private EnrichmentCost(
      HBaseBenchEnvironment env, int events, int keys, int batch, int anchorEvents) {
    this.env = env;
    this.events = events;
    this.batch = batch;
    this.anchorEvents = Math.min(anchorEvents, events);
    this.keyNames = new String[keys];
    for (int k = 0; k < keys; k++) {
      keyNames[k] = String.format(Locale.ROOT, "cust-%07d", k);
    }
    this.keyOfEvent = new int[events];
    Random random = new Random(42);
    for (int i = 0; i < events; i++) {
      keyOfEvent[i] = random.nextInt(keys);
    }
  }

  public static Section run(String[] args) throws Exception {
    BenchArgs a =
        BenchArgs.parse(
            "enrichment",
            args,
            List.of("--events", "--keys", "--batch", "--rounds", "--anchor-events"),
            List.of("--quick"),
            "[--events N] [--keys K] [--batch B] [--rounds R] [--anchor-events A] [--quick]");
    boolean quick = a.flag("--quick");
    int events = a.positive("--events", quick ? 100_000 : 1_000_000);
    int keys = a.positive("--keys", 10_000);
    int batch = a.positive("--batch", 1000);
    int rounds = a.positive("--rounds", quick ? 2 : 5);
    int anchorEvents = a.positive("--anchor-events", quick ? 5_000 : 50_000);
    Section.Recorder section = Section.begin("enrichment", TITLE, a.command());
    try (HBaseBenchEnvironment env = HBaseBenchEnvironment.create("enrichment")) {
      EnrichmentCost bench = new EnrichmentCost(env, events, keys, batch, anchorEvents);
      Map<Variant, Series> nanos = bench.run(rounds, System.out);
      bench.report(section, nanos, rounds);
    }
    return section.end();
  }

  private Map<Variant, Series> run(int rounds, PrintStream out) throws Exception {
    out.printf(
        Locale.ROOT,
        "enrichment benchmark: %d events over %d keys, batches of %d, %d rounds, anchor on %d"
            + " events, work %s%n",
        events,
        keyNames.length,
        batch,
        rounds,
        anchorEvents,
        env.work());
    env.startHBase();
    loadTable();
    out.println("HBase ready at " + env.zookeeperQuorum() + ", " + keyNames.length + " rows");
    for (Variant v : Variant.values()) {
      double ns = measure(v, Math.max(batch, count(v) / 10));
      out.printf(Locale.ROOT, "warm-up %-34s %10.0f ns/event%n", v.label, ns);
    }
    Map<Variant, Series> nanos = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      List<Variant> order = Alternation.orderOf(round, List.of(Variant.values()));
      for (Variant v : order) {
        double ns = measure(v, count(v));
        nanos.computeIfAbsent(v, k -> new Series()).add(ns);
        out.printf(
            Locale.ROOT,
            "round %d %-34s %10.0f ns/event %12.0f events/s%n",
            round + 1,
            v.label,
            ns,
            1e9 / ns);
      }
    }
    out.println("(blackhole " + blackhole + ")");
    return nanos;
  }

  private int count(Variant v) {
    return v == Variant.ANCHOR ? anchorEvents : events;
  }

  private void loadTable() throws Exception {
    env.createTable(TABLE, "info");
    try (Table table = env.connection().getTable(TableName.valueOf(TABLE))) {
      List<Put> puts = new ArrayList<>();
      for (String key : keyNames) {
        Put put = new Put(key.getBytes(StandardCharsets.UTF_8));
        put.addColumn(FAMILY, bytes("name"), bytes("name-" + key.substring(5)));
        put.addColumn(FAMILY, bytes("sector"), bytes("sector-" + key.substring(7)));
        puts.add(put);
        if (puts.size() == 1000) {
          table.put(puts);
          puts.clear();
        }
      }
      table.put(puts);
    }
    long rows = env.rows(TABLE);
    if (rows != keyNames.length) {
      throw new IllegalStateException(TABLE + " holds " + rows + " rows, not " + keyNames.length);
    }
  }

  /** One pass of {@code n} events through the variant; nanoseconds per event. */
  private double measure(Variant v, int n) throws Exception {
    Interceptor interceptor;
    String counterName = null;
    switch (v) {
      case LIMIT:
        interceptor = null;
        break;
      case ANCHOR:
        interceptor =
            new PerEventGetInterceptor(env.connection(), TABLE, "key", "info", "name", "sector");
        break;
      default:
        counterName = "bench-" + v.name().toLowerCase(Locale.ROOT) + "-" + ++instance;
        interceptor = ours(counterName, v == Variant.COLD ? 0 : 100_000);
        break;
    }
    try {
      if (interceptor != null) {
        interceptor.initialize();
        // Connected and the table located before the clock starts, for every variant.
        pass(interceptor, 0, batch);
      }
      if (v == Variant.WARM) {
        pass(interceptor, 0, n); // fills the cache; not timed
      }
      long lookupsBefore = counterName == null ? 0 : counter(counterName, "LookupCount");
      long start = System.nanoTime();
      long enriched = pass(interceptor, 0, n);
      long elapsed = System.nanoTime() - start;
      if (interceptor != null && enriched != n) {
        throw new IllegalStateException(v.label + " enriched " + enriched + " of " + n + " events");
      }
      if (v == Variant.WARM) {
        long lookups = counter(counterName, "LookupCount") - lookupsBefore;
        if (lookups != 0) {
          throw new IllegalStateException(v.label + " looked up " + lookups + " keys: not warm");
        }
      }
      return (double) elapsed / n;
    } finally {
      if (interceptor != null) {
        interceptor.close();
      }
    }
  }

  /** Builds events {@code from..from+n-1} batch by batch, runs them through; returns enriched. */
  private long pass(Interceptor interceptor, int from, int n) {
    long enriched = 0;
    for (int i = from; i < from + n; i += batch) {
      int end = Math.min(from + n, i + batch);
      List<Event> list = new ArrayList<>(end - i);
      for (int j = i; j < end; j++) {
        Map<String, String> headers = new HashMap<>();
        headers.put("key", keyNames[keyOfEvent[j]]);
        list.add(EventBuilder.withBody(BODY, headers));
      }
      List<Event> out = interceptor == null ? list : interceptor.intercept(list);
      for (Event e : out) {
        Map<String, String> h = e.getHeaders();
        blackhole += h.size();
        if (h.containsKey("enrich.name") && h.containsKey("enrich.sector")) {
          enriched++;
        }
      }
    }
    return enriched;
  }

  private EnrichmentInterceptor ours(String counterName, int cacheMaxSize) {
    Map<String, String> c = new HashMap<>();
    c.put("table", TABLE);
    c.put("rowKey", "%{key}");
    c.put("columns", "info:name info:sector");
    c.put("hbase.zookeeper.quorum", env.hbase().zookeeperQuorum());
    c.put("hbase.zookeeper.property.clientPort", Integer.toString(env.hbase().zookeeperPort()));
    // Long enough that a slow multi-get on the shared machine is waited for, never passed on
    // un-enriched (which would make the run fail its count).
    c.put("timeoutMillis", "30000");
    c.put("cacheMaxSize", Integer.toString(cacheMaxSize));
    c.put("counterName", counterName);
    c.put("strictConfig", "true");
    EnrichmentInterceptor.Builder builder = new EnrichmentInterceptor.Builder();
    builder.configure(new Context(c));
    return (EnrichmentInterceptor) builder.build();
  }

  private static long counter(String counterName, String attribute) throws Exception {
    Object value =
        ManagementFactory.getPlatformMBeanServer()
            .getAttribute(
                new ObjectName("org.apache.flume.interceptor:type=" + counterName), attribute);
    return ((Number) value).longValue();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void report(Section.Recorder section, Map<Variant, Series> nanos, int rounds) {
    section.description(
        String.format(
            Locale.ROOT,
            "Issue 12. The same %,d events, each with a header `key` naming one of %,d rows"
                + " (drawn with a fixed seed), through `intercept(List)` in batches of %,d, called"
                + " in the benchmark's JVM against a real HBase 2.6.3 (test-support's"
                + " `HBaseServer`, its own JVM) holding the %,d rows (`info:name`,"
                + " `info:sector`). The timed loop builds each batch's events, runs the variant and"
                + " reads every event's headers; every event must come out enriched. The anchor"
                + " (seed 004's way, one `Get` per event, no cache) runs on the first %,d events"
                + " only: without a cache its cost per event does not depend on the count. Ours uses"
                + " the `hbase2` backend, `timeoutMillis = 30000`; cold is `cacheMaxSize = 0`"
                + " (every batch's distinct keys in one multi-get), warm is the default cache filled"
                + " by an untimed pass (no lookup during the timed pass, checked by its"
                + " `LookupCount`). The limit is the same loop with no interceptor. One untimed"
                + " warm-up round of each variant first, then %d rounds, variants alternating,"
                + " reversed every other round.",
            events,
            keyNames.length,
            batch,
            keyNames.length,
            anchorEvents,
            rounds));
    Series limit = nanos.get(Variant.LIMIT);
    Series anchor = nanos.get(Variant.ANCHOR);
    Series cold = nanos.get(Variant.COLD);
    Series warm = nanos.get(Variant.WARM);
    section.add(
        Workload.of("cold (batched misses) vs get-per-event", "events/s")
            .anchor(Variant.ANCHOR.label, perSecond(anchor))
            .ours(Variant.COLD.label, perSecond(cold))
            .goal(Goal.ratioAtLeast(10))
            .build());
    section.add(
        Workload.of("warm cache vs no interceptor", "ns per event")
            .lowerIsBetter()
            .anchor(Variant.LIMIT.label, limit)
            .ours(Variant.WARM.label, warm)
            .goal(Goal.differenceAtMost(1000))
            .build());
    section.add(
        Workload.of("cold vs no interceptor", "ns per event")
            .lowerIsBetter()
            .anchor(Variant.LIMIT.label, limit)
            .ours(Variant.COLD.label, cold)
            .build());
    section.add(
        Workload.of("get-per-event vs no interceptor (reference)", "ns per event")
            .lowerIsBetter()
            .anchor(Variant.LIMIT.label, limit)
            .ours(Variant.ANCHOR.label, anchor)
            .build());
  }

  private static Series perSecond(Series nanosPerEvent) {
    return nanosPerEvent.map(ns -> 1e9 / ns);
  }
}
