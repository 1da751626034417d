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

import java.lang.ref.Cleaner;

/**
 * Closes a serializer's counter group when the serializer becomes unreachable without having been
 * closed: Flume's {@code HBase2Sink} never calls {@code close()}, so a sink dropped by a
 * reconfiguration would otherwise leave its serializer's MBean registered for the life of the
 * agent.
 */
final class SerializerLifecycle {
  private static final Cleaner CLEANER = Cleaner.create();

  private SerializerLifecycle() {}

  /** Opens the counters and arranges for them to be closed once {@code serializer} is garbage. */
  static void opened(Object serializer, SerializerCounters counters) {
    counters.open();
    CLEANER.register(serializer, counters::close);
  }
}
