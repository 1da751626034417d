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

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes carbon's pickle frames by hand: a four-byte big-endian length, then a Python pickle
 * (protocol 2) of a list of {@code (name, (timestamp, value))} tuples, the form carbon's pickle
 * receiver unpickles with its restricted unpickler. Only these opcodes appear:
 *
 * <pre>
 *   \x80 \x02          PROTO 2
 *   ]                  EMPTY_LIST
 *   (                  MARK
 *   X len4le utf8      BINUNICODE    the name
 *   J int4le           BININT        timestamp or whole value within 32 bits
 *   \x8a len1 bytesle  LONG1         a whole value outside 32 bits (two's complement)
 *   G double8be        BINFLOAT      a decimal value, all 64 bits of it
 *   \x86               TUPLE2        (timestamp, value), then (name, (timestamp, value))
 *   e                  APPENDS       everything since MARK into the list
 *   .                  STOP
 * </pre>
 */
final class PickleEncoder {
  /** Datapoints per frame: well under carbon's 1 MiB frame limit even with 500-character names. */
  static final int MAX_POINTS_PER_FRAME = 500;

  private static final byte PROTO = (byte) 0x80;
  private static final byte EMPTY_LIST = ']';
  private static final byte MARK = '(';
  private static final byte BINUNICODE = 'X';
  private static final byte BININT = 'J';
  private static final byte LONG1 = (byte) 0x8a;
  private static final byte BINFLOAT = 'G';
  private static final byte TUPLE2 = (byte) 0x86;
  private static final byte APPENDS = 'e';
  private static final byte STOP = '.';

  private PickleEncoder() {}

  /**
   * Appends one frame (length header and pickle) holding {@code points[from..to)}, each stamped
   * with the same index of {@code timestamps}.
   */
  static void appendFrame(
      ByteBuilder out, List<Datapoint> points, long[] timestamps, int from, int to) {
    int lengthAt = out.size();
    out.appendIntBigEndian(0);
    int start = out.size();
    out.append(PROTO).append((byte) 2).append(EMPTY_LIST).append(MARK);
    for (int i = from; i < to; i++) {
      Datapoint p = points.get(i);
      byte[] name = p.name.getBytes(StandardCharsets.UTF_8);
      out.append(BINUNICODE).appendIntLittleEndian(name.length).append(name);
      appendWhole(out, timestamps[i]);
      if (p.integral) {
        appendWhole(out, p.longValue);
      } else {
        out.append(BINFLOAT).appendLongBigEndian(Double.doubleToLongBits(p.doubleValue));
      }
      out.append(TUPLE2).append(TUPLE2);
    }
    out.append(APPENDS).append(STOP);
    out.setIntBigEndian(lengthAt, out.size() - start);
  }

  private static void appendWhole(ByteBuilder out, long v) {
    if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      out.append(BININT).appendIntLittleEndian((int) v);
      return;
    }
    byte[] bigEndian = BigInteger.valueOf(v).toByteArray();
    out.append(LONG1).append((byte) bigEndian.length);
    for (int i = bigEndian.length - 1; i >= 0; i--) {
      out.append(bigEndian[i]);
    }
  }
}
