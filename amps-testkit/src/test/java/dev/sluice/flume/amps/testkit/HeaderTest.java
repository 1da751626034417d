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
package dev.sluice.flume.amps.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The framing the client sends: a flat JSON header with short or long names, then the body. */
class HeaderTest {
  private static Header parse(String frame) throws Exception {
    byte[] b = frame.getBytes(StandardCharsets.UTF_8);
    return Header.parse(b, 0, b.length);
  }

  @Test
  void readsShortNamesAndFindsTheBody() throws Exception {
    String frame =
        "{\"c\":\"p\",\"t\":\"orders\",\"a\":\"persisted\",\"s\":17,\"k\":\"5\"}{\"x\":1}";
    Header h = parse(frame);
    assertEquals("p", h.command);
    assertEquals("orders", h.topic);
    assertEquals("17", h.sequence);
    assertEquals("5", h.sowKey);
    assertTrue(h.wantsAck("persisted"));
    assertEquals("{\"x\":1}", frame.substring(h.bodyOffset));
  }

  @Test
  void readsLongNamesEscapesAndWhitespace() throws Exception {
    Header h =
        parse(
            " { \"cmd\" : \"subscribe\" , \"topic\":\"a\\\"b\", \"cmd_id\":\"c1\", \"ack_type\":"
                + "\"processed,completed\", \"sub_id\":\"s\", \"query_id\":\"q\", \"bookmark\":"
                + "\"0|1|\", \"batch_size\":10, \"filter\":\"/a = 'x'\", \"opts\":\"oof,top_n=5\","
                + " \"x\": null, \"flag\": true }");
    assertEquals("subscribe", h.command);
    assertEquals("a\"b", h.topic);
    assertEquals("c1", h.commandId);
    assertTrue(h.wantsAck("completed"));
    assertFalse(h.wantsAck("received"));
    assertEquals("0|1|", h.bookmark);
    assertEquals("10", h.batchSize);
    assertEquals("/a = 'x'", h.filter);
    assertTrue(h.hasOption("oof"));
    assertEquals("5", h.optionValue("top_n"));
    assertNull(h.correlationId);
    assertEquals(List.of("flag"), h.otherFields);
  }

  @Test
  void anEmptyHeaderIsAllowedAndTheRestIsBody() throws Exception {
    Header h = parse("{}body");
    assertNull(h.command);
    assertEquals(2, h.bodyOffset);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "x{}",
        "{\"c\"}",
        "{\"c\":}",
        "{\"c\":p}",
        "{\"c\":\"p\"",
        "{\"c\":\"p\" \"t\":\"x\"}",
        "{\"c\":{\"nested\":1}}",
        "{c:\"p\"}",
        "{\"c\":\"open}",
      })
  void refusesWhatIsNotAFlatJsonObject(String frame) {
    assertThrows(Header.MalformedHeaderException.class, () -> parse(frame));
  }

  @Test
  void ackListsMatchWholeWordsOnly() {
    assertTrue(Header.listContains("processed,persisted", "persisted"));
    assertFalse(Header.listContains("processed,persisted", "process"));
    assertFalse(Header.listContains(null, "processed"));
  }
}
