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

import dev.sluice.flume.testsupport.Requirement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Checks the hand-written pickle bytes with an independent unpickler: CPython's own {@code pickle},
 * restricted the way carbon restricts it (no globals may be loaded).
 */
class PickleEncoderTest {
  /**
   * Reads length-prefixed frames from stdin, unpickles each with find_class forbidden, and prints
   * one line per datapoint: name, timestamp, the value's Python type and the value (float.hex() for
   * floats, so no digit is lost in printing).
   */
  private static final String UNPICKLER =
      String.join(
          "\n",
          "import io, pickle, struct, sys",
          "class Safe(pickle.Unpickler):",
          "    def find_class(self, module, name):",
          "        raise pickle.UnpicklingError('global %s.%s refused' % (module, name))",
          "data = sys.stdin.buffer.read()",
          "pos = 0",
          "frames = 0",
          "while pos < len(data):",
          "    (n,) = struct.unpack('!L', data[pos:pos + 4])",
          "    payload = data[pos + 4:pos + 4 + n]",
          "    assert payload[:2] == b'\\x80\\x02', payload[:2]",
          "    pos += 4 + n",
          "    frames += 1",
          "    for name, (ts, value) in Safe(io.BytesIO(payload)).load():",
          "        shown = value.hex() if isinstance(value, float) else repr(value)",
          "        print('%s %r %s %s' % (name, ts, type(value).__name__, shown))",
          "print('frames', frames)");

  @Test
  void pythonUnpicklesNamesTimestampsAndExactValues() throws Exception {
    List<Datapoint> points =
        List.of(
            Datapoint.ofLong("flume.h.a1.source.r1.event-received-count", 567393607L),
            Datapoint.ofDouble("flume.h.a1.channel.c1.channel-fill-percentage", 5.0E-4),
            Datapoint.ofLong("big", 123456789012345L),
            Datapoint.ofLong("negative-big", -9_000_000_000L),
            Datapoint.ofLong("max", Long.MAX_VALUE),
            Datapoint.ofLong("min", Long.MIN_VALUE),
            Datapoint.ofLong("zero", 0),
            Datapoint.ofLong("minus-one", -1),
            Datapoint.ofDouble("third", 1.0 / 3),
            Datapoint.ofDouble("x;type=source;component=r1", -2.5));
    long[] timestamps = new long[points.size()];
    java.util.Arrays.fill(timestamps, 1_795_313_176L);
    timestamps[2] = 4_102_444_800L; // 2100-01-01: past the 32-bit signed range

    ByteBuilder out = new ByteBuilder(16);
    PickleEncoder.appendFrame(out, points, timestamps, 0, points.size());

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      Datapoint p = points.get(i);
      String value =
          p.integral
              ? "int " + p.longValue
              : "float " + pythonHex(Double.toHexString(p.doubleValue));
      expected.add(p.name + " " + timestamps[i] + " " + value);
    }
    expected.add("frames 1");
    assertEquals(expected, unpickle(out.toByteArray()));
  }

  @Test
  void framesSplitAtTheLimitAndEachStandsAlone() throws Exception {
    List<Datapoint> points = new ArrayList<>();
    for (int i = 0; i < 1201; i++) {
      points.add(Datapoint.ofLong("m" + i, i));
    }
    long[] ts = new long[points.size()];
    ByteBuilder out = new ByteBuilder(16);
    for (int from = 0; from < points.size(); from += PickleEncoder.MAX_POINTS_PER_FRAME) {
      int to = Math.min(points.size(), from + PickleEncoder.MAX_POINTS_PER_FRAME);
      PickleEncoder.appendFrame(out, points, ts, from, to);
    }
    List<String> lines = unpickle(out.toByteArray());
    assertEquals("frames 3", lines.get(lines.size() - 1));
    assertEquals(1201 + 1, lines.size());
    assertEquals("m1200 0 int 1200", lines.get(1200));
  }

  /** Java writes 0x1.0p-1 where Python writes 0x1.0000000000000p-1. */
  private static String pythonHex(String javaHex) {
    boolean negative = javaHex.startsWith("-");
    String h = negative ? javaHex.substring(1) : javaHex;
    int dot = h.indexOf('.');
    int p = h.indexOf('p');
    StringBuilder mantissa = new StringBuilder(h.substring(dot + 1, p));
    while (mantissa.length() < 13) {
      mantissa.append('0');
    }
    String exponent = h.substring(p + 1);
    if (!exponent.startsWith("-")) {
      exponent = "+" + exponent;
    }
    return (negative ? "-" : "") + h.substring(0, dot) + "." + mantissa + "p" + exponent;
  }

  private static List<String> unpickle(byte[] frames) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("python3", "-c", UNPICKLER).redirectErrorStream(true).start();
    } catch (IOException e) {
      Requirement.require(false, "python3 to check the pickle bytes independently (" + e + ")");
      throw e;
    }
    try (OutputStream in = p.getOutputStream()) {
      in.write(frames);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (InputStream s = p.getInputStream()) {
      s.transferTo(output);
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("python3 did not finish");
    }
    String text = output.toString(StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "python3 failed to unpickle:\n" + text);
    return List.of(text.split("\n"));
  }
}
