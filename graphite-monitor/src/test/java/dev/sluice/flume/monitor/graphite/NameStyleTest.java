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

class NameStyleTest {
  @Test
  void kebabSplitsFlumeAttributeNamesIntoLowerCaseWords() {
    assertEquals("event-received-count", NameStyle.KEBAB.apply("EventReceivedCount"));
    assertEquals("channel-fill-percentage", NameStyle.KEBAB.apply("ChannelFillPercentage"));
    assertEquals("http-request-count", NameStyle.KEBAB.apply("HTTPRequestCount"));
    assertEquals("g1-young-count", NameStyle.KEBAB.apply("G1YoungCount"));
    assertEquals("heap-used", NameStyle.KEBAB.apply("HeapUsed"));
    assertEquals("live", NameStyle.KEBAB.apply("Live"));
  }

  @Test
  void snakeUsesUnderscores() {
    assertEquals("event_received_count", NameStyle.SNAKE.apply("EventReceivedCount"));
    assertEquals("batch_sent_count", NameStyle.SNAKE.apply("Batch-SentCount"));
  }

  @Test
  void lowerCamelLowersOnlyTheFirstWord() {
    assertEquals("eventReceivedCount", NameStyle.LOWER_CAMEL.apply("EventReceivedCount"));
    assertEquals("httpRequestCount", NameStyle.LOWER_CAMEL.apply("HTTPRequestCount"));
    assertEquals("http", NameStyle.LOWER_CAMEL.apply("HTTP"));
    assertEquals("already", NameStyle.LOWER_CAMEL.apply("already"));
  }

  @Test
  void asIsKeepsFlumesSpelling() {
    assertEquals("EventReceivedCount", NameStyle.AS_IS.apply("EventReceivedCount"));
  }
}
