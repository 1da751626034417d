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

import dev.sluice.flume.common.counters.ComponentCounterGroup;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.flume.instrumentation.MonitoredCounterGroup;

/**
 * The monitor's own health, summed over its destinations. A Flume counter group, so it shows in JMX
 * and Flume's HTTP metrics JSON as {@code OTHER.graphite-monitor}, and the monitor sends it to
 * Graphite with everything else.
 */
final class MonitorCounters {
  static final String BATCH_SENT = "BatchSentCount";
  static final String METRIC_SENT = "MetricSentCount";
  static final String SEND_FAILURE = "SendFailureCount";
  static final String BATCH_DROPPED = "BatchDroppedCount";
  static final String RECONNECT = "ReconnectCount";
  static final String QUEUED_BATCHES = "QueuedBatches";

  private final ComponentCounterGroup group;

  MonitorCounters(String name, LongSupplier queuedBatches) {
    group =
        new ComponentCounterGroup(
            MonitoredCounterGroup.Type.OTHER,
            name,
            List.of(BATCH_SENT, METRIC_SENT, SEND_FAILURE, BATCH_DROPPED, RECONNECT));
    group.gauge(QUEUED_BATCHES, queuedBatches);
  }

  void start() {
    group.start();
  }

  void stop() {
    group.stop();
  }

  void batchSent(int metrics) {
    group.addOne(BATCH_SENT);
    group.add(METRIC_SENT, metrics);
  }

  void sendFailed() {
    group.addOne(SEND_FAILURE);
  }

  void batchesDropped(int n) {
    if (n > 0) {
      group.add(BATCH_DROPPED, n);
    }
  }

  void reconnected() {
    group.addOne(RECONNECT);
  }

  long value(String counter) {
    return group.value(counter);
  }
}
