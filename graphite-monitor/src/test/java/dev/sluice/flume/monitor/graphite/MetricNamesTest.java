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

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricNamesTest {
  private final MetricNames dotted = new MetricNames("flume.web01.a1", NameStyle.KEBAB, false, '_');
  private final MetricNames tagged = new MetricNames("flume.web01.a1", NameStyle.KEBAB, true, '_');

  @Test
  void dottedPathIsPrefixTypeComponentMetric() {
    assertEquals(
        "flume.web01.a1.source.r1.event-received-count",
        dotted.series("SOURCE", "r1", "EventReceivedCount"));
    assertEquals(
        "flume.web01.a1.channel_processor.c1.event-put-success-count",
        dotted.series("CHANNEL_PROCESSOR", "c1", "EventPutSuccessCount"));
  }

  @Test
  void componentNamesCannotAddLevelsSpacesOrTagSeparators() {
    assertEquals(
        "flume.web01.a1.sink.to_hdfs_1_x_y.batch-complete-count",
        dotted.series("SINK", "to.hdfs 1;x=y", "BatchCompleteCount"));
    assertEquals(
        "flume.web01.a1.sink._.batch-complete-count",
        dotted.series("SINK", "", "BatchCompleteCount"));
    assertEquals(
        "flume.web01.a1.sink.k-1.batch-complete-count",
        new MetricNames("flume.web01.a1", NameStyle.KEBAB, false, '-')
            .series("SINK", "k/1", "BatchCompleteCount"));
  }

  @Test
  void tagsCarryTypeAndComponentInsteadOfPathLevels() {
    assertEquals(
        "flume.web01.a1.event-received-count;type=source;component=amps",
        tagged.series("SOURCE", "amps", "EventReceivedCount"));
    assertEquals(
        "flume.web01.a1.event-received-count;type=source;component=in_amps",
        tagged.series("SOURCE", "in=amps", "EventReceivedCount"));
  }

  @Test
  void rateNamesEndInPerSecondInTheChosenStyle() {
    assertEquals(
        "flume.web01.a1.sink.k1.event-drain-success-count-per-second",
        dotted.rateSeries("SINK", "k1", "EventDrainSuccessCount"));
    assertEquals(
        "flume.web01.a1.sink.k1.EventDrainSuccessCountPerSecond",
        new MetricNames("flume.web01.a1", NameStyle.AS_IS, false, '_')
            .rateSeries("SINK", "k1", "EventDrainSuccessCount"));
  }
}
