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

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The salt is stable: these values must never change, or existing tables lose their rows. */
class SaltPrefixTest {
  /** CRC32 mod n, computed independently of SaltPrefix for expectations. */
  static int crcBucket(String key, int n) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % n);
  }

  private static String salted(String key, int buckets) {
    return new String(
        SaltPrefix.of(buckets).apply(key.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  @Test
  void prefixesTheBucketOfTheKeysCrc32InFixedWidthDecimal() {
    // Expected values from zlib's crc32 (Python: zlib.crc32(b"AAPL|42") % 16 == 7).
    assertEquals("07AAPL|42", salted("AAPL|42", 16));
    assertEquals("01AAPL|43", salted("AAPL|43", 16));
    assertEquals("79order-1", salted("order-1", 100));
    assertEquals("326é", salted("é", 1000));
    assertEquals("0x", salted("x", 1));
    assertEquals("x", salted("x", 0), "0 is no salt");
  }

  @Test
  void theWidthIsTheDigitsOfTheLargestBucket() {
    assertEquals(1, salted("k", 10).length() - 1);
    assertEquals(2, salted("k", 11).length() - 1);
    assertEquals(3, salted("k", 101).length() - 1);
  }

  @Test
  void bucketsAreTheUnsignedCrcModuloTheCount() {
    for (String k : new String[] {"a", "b", "AAPL|42", "order-99", "\u00ff\u00fe"}) {
      assertEquals(crcBucket(k, 37), SaltPrefix.of(37).bucket(k.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
