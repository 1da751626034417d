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
package dev.sluice.flume.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProcessStatsTest {
  // A real line with a command name holding a space and a parenthesis; utime 1234, stime 566.
  private static final String STAT =
      "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1234 566 0 0 20 0 42 0"
          + " 123456 5000000000 60000 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1"
          + " 0 0 0 0 0";
  private static final String STATUS =
      "Name:\tjava\nState:\tS (sleeping)\nVmPeak:\t 5000000 kB\nVmHWM:\t  204800 kB\n"
          + "VmRSS:\t  100000 kB\n";

  @Test
  void addsUserAndSystemTicksAndReadsPeakRss() {
    ProcessStats stats = ProcessStats.parse(4242, STAT, STATUS, 100);

    assertEquals(18.0, stats.cpuSeconds(), 1e-9);
    assertEquals(204800L * 1024, stats.peakRssBytes());
    assertEquals(4242, stats.pid());
  }

  @Test
  void dividesByTheClockTickRate() {
    assertEquals(1.8, ProcessStats.parse(4242, STAT, STATUS, 1000).cpuSeconds(), 1e-9);
  }

  @Test
  void rejectsTextThatIsNotFromProc() {
    assertThrows(
        IllegalArgumentException.class, () -> ProcessStats.parse(1, "garbage", STATUS, 100));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProcessStats.parse(1, STAT, "Name:\tkthreadd\n", 100));
  }
}
