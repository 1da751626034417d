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
package dev.sluice.flume.amps.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderMapperTest {

  @Test
  void setsEachConfiguredHeaderFromTheMessage() {
    Message m = FakeAmps.publish(7);
    m.setCommand(Message.Command.SOW);
    m.setSowKey("42");
    m.setTimestamp("20260101T120000.000000Z");
    m.setBookmark("1234|5|");
    m.setCorrelationId("corr-1");
    m.setSubId("sub-1");
    HeaderMapper mapper = new HeaderMapper(AmpsSourceConfig.EVENT_HEADER_NAMES, () -> 1_700_000L);

    Map<String, String> expected = new HashMap<>();
    expected.put("command", "sow");
    expected.put("topic", "orders");
    expected.put("sowKey", "42");
    expected.put("ampsTimestamp", "20260101T120000.000000Z");
    expected.put("bookmark", "1234|5|");
    expected.put("correlationId", "corr-1");
    expected.put("subId", "sub-1");
    expected.put("length", "9");
    expected.put("timestamp", "1700000");
    assertEquals(expected, mapper.headers(m, 9));
  }

  @Test
  void leavesOutHeadersTheMessageDoesNotCarry() {
    HeaderMapper mapper =
        new HeaderMapper(List.of("sowKey", "bookmark", "correlationId", "topic"), () -> 0L);
    assertEquals(Map.of("topic", "orders"), mapper.headers(FakeAmps.publish(1), 9));
  }

  @Test
  void noConfiguredHeadersGiveAnEmptyMap() {
    assertTrue(new HeaderMapper(List.of(), () -> 0L).headers(FakeAmps.publish(1), 9).isEmpty());
  }
}
