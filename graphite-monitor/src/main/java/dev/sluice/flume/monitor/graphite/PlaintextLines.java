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

/** The line of carbon's plaintext protocol, shared by TCP and UDP. */
final class PlaintextLines {
  private PlaintextLines() {}

  static void append(ByteBuilder out, Datapoint point, long epochSeconds) {
    out.appendAscii(point.name).append((byte) ' ');
    if (point.integral) {
      out.appendDecimal(point.longValue);
    } else {
      out.appendAscii(point.valueText());
    }
    out.append((byte) ' ').appendDecimal(epochSeconds).append((byte) '\n');
  }
}
