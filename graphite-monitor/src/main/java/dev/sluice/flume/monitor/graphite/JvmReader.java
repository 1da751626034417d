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
package dev.sluice.flume.monitor.graphite;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The agent JVM's own figures, sent as components of type {@code JVM}: {@code memory} (heap and
 * non-heap bytes used, committed and the heap's maximum), {@code threads} (live, daemon, peak) and
 * one {@code gc-<collector>} per garbage collector (collection count and milliseconds spent).
 */
final class JvmReader {
  static final String TYPE = "JVM";

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final List<GarbageCollectorMXBean> collectors =
      ManagementFactory.getGarbageCollectorMXBeans();

  void read(SeriesCatalog catalog, long nanos, List<Datapoint> out) {
    SeriesCatalog.ComponentSeries mem = catalog.component(TYPE, "memory");
    MemoryUsage heap = memory.getHeapMemoryUsage();
    MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
    mem.record("HeapUsed", heap.getUsed(), nanos, out);
    mem.record("HeapCommitted", heap.getCommitted(), nanos, out);
    if (heap.getMax() >= 0) {
      mem.record("HeapMax", heap.getMax(), nanos, out);
    }
    mem.record("NonHeapUsed", nonHeap.getUsed(), nanos, out);
    mem.record("NonHeapCommitted", nonHeap.getCommitted(), nanos, out);

    SeriesCatalog.ComponentSeries thr = catalog.component(TYPE, "threads");
    thr.record("Live", threads.getThreadCount(), nanos, out);
    thr.record("Daemon", threads.getDaemonThreadCount(), nanos, out);
    thr.record("Peak", threads.getPeakThreadCount(), nanos, out);

    for (GarbageCollectorMXBean gc : collectors) {
      SeriesCatalog.ComponentSeries g = catalog.component(TYPE, "gc-" + gc.getName());
      long count = gc.getCollectionCount();
      long time = gc.getCollectionTime();
      if (count >= 0) {
        g.record("CollectionCount", count, nanos, out);
      }
      if (time >= 0) {
        g.record("CollectionTime", time, nanos, out);
      }
    }
  }
}
