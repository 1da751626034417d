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

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteBuilderTest {
  private static String text(ByteBuilder b) {
    return new String(b.toByteArray(), StandardCharsets.US_ASCII);
  }

  @Test
  void decimalsAreWrittenLikeLongToString() {
    long[] samples = {
      0, 7, -7, 10, 1_795_313_176L, -9_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE
    };
    for (long v : samples) {
      ByteBuilder b = new ByteBuilder(1);
      b.appendDecimal(v);
      assertEquals(Long.toString(v), text(b));
    }
  }

  @Test
  void plaintextLineIsNameValueTimestamp() {
    ByteBuilder b = new ByteBuilder(4);
    PlaintextLines.append(b, Datapoint.ofLong("a.b", 42), 1_795_313_176L);
    PlaintextLines.append(b, Datapoint.ofDouble("a.c", 5.0E-4), 1_795_313_177L);
    assertEquals("a.b 42 1795313176\na.c 0.0005 1795313177\n", text(b));
  }

  @Test
  void growsAndKeepsWhatWasWritten() {
    ByteBuilder b = new ByteBuilder(2);
    b.appendAscii("héllo").appendIntBigEndian(0x01020304).appendIntLittleEndian(0x01020304);
    byte[] bytes = b.toByteArray();
    assertEquals(13, bytes.length);
    assertEquals('?', bytes[1], "a non-ASCII character becomes '?'");
    assertEquals(1, bytes[5]);
    assertEquals(4, bytes[9]);
  }
}
