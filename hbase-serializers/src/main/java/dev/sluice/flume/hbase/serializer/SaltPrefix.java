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

import java.util.zip.CRC32;

/**
 * The salt (bucket) prefix of row keys, so that keys that grow monotonically (times, sequence
 * numbers) spread over {@code buckets} key ranges, and regions, instead of one.
 *
 * <p>The bucket is {@code CRC32(key) mod buckets}, CRC32 as in {@code java.util.zip.CRC32} (and
 * zlib, Python's {@code zlib.crc32}) over the key's UTF-8 bytes, taken as an unsigned 32-bit
 * number. It is written in decimal, zero-padded to the number of digits of {@code buckets - 1},
 * before the key: with 16 buckets, key {@code AAPL|42} becomes {@code 07AAPL|42}. The same key
 * always gets the same bucket, in every agent and version.
 */
final class SaltPrefix {
  static final SaltPrefix NONE = new SaltPrefix(0);

  private final int buckets;
  private final int width;
  private final CRC32 crc = new CRC32();

  private SaltPrefix(int buckets) {
    this.buckets = buckets;
    this.width = buckets <= 1 ? 1 : Integer.toString(buckets - 1).length();
  }

  /** A prefix of {@code buckets} buckets; 0 for none. */
  static SaltPrefix of(int buckets) {
    return buckets == 0 ? NONE : new SaltPrefix(buckets);
  }

  /** The bucket of a key: {@code CRC32(key) mod buckets}. */
  int bucket(byte[] key) {
    crc.reset();
    crc.update(key, 0, key.length);
    return (int) (crc.getValue() % buckets);
  }

  /** The key with its prefix; the key itself when there is no salt. */
  byte[] apply(byte[] key) {
    if (buckets == 0) {
      return key;
    }
    int bucket = bucket(key);
    byte[] out = new byte[width + key.length];
    for (int i = width - 1; i >= 0; i--) {
      out[i] = (byte) ('0' + bucket % 10);
      bucket /= 10;
    }
    System.arraycopy(key, 0, out, width, key.length);
    return out;
  }
}
