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
package dev.sluice.flume.benchmarks.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.ChildProcess;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentRunTest {
  /** This test's own JVM, standing in for an agent: its /proc entries are as real as a child's. */
  private static final ChildProcess SELF =
      new ChildProcess() {
        @Override
        public String name() {
          return "self";
        }

        @Override
        public ChildProcess start() {
          return this;
        }

        @Override
        public ChildProcess restart() {
          return this;
        }

        @Override
        public int stop(Duration timeout) {
          return 0;
        }

        @Override
        public void kill() {}

        @Override
        public boolean isAlive() {
          return true;
        }

        @Override
        public long pid() {
          return ProcessHandle.current().pid();
        }

        @Override
        public Path logFile() {
          return null;
        }

        @Override
        public List<Path> logFiles() {
          return List.of();
        }
      };

  private static long blackhole;

  @Test
  void cpuOverTheWindowIsReadFromProcAndSpreadOverTheEventsCounted() {
    AgentRun cost = AgentRun.of(SELF);
    cost.windowOpens();
    // 300 ms of this thread's own CPU, however long the shared machine makes that take.
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long until = threads.getCurrentThreadCpuTime() + Duration.ofMillis(300).toNanos();
    while (threads.getCurrentThreadCpuTime() < until) {
      blackhole += System.identityHashCode(new Object());
    }
    cost.windowCloses(1_000_000);
    // /proc counts in clock ticks (10 ms); GC and JIT threads only add.
    assertTrue(cost.cpuSecondsPerMillion() >= 0.28, "cpu " + cost.cpuSecondsPerMillion());
    assertTrue(cost.cpuSecondsPerMillion() < 30, "cpu " + cost.cpuSecondsPerMillion());
    double rss = cost.peakRssMegabytes();
    assertTrue(rss > 10 && rss < 64 * 1024, "peak RSS " + rss + " MiB");
  }

  @Test
  void severalAgentsAreSummed() {
    AgentRun one = AgentRun.of(SELF);
    AgentRun two = AgentRun.of(SELF, SELF);
    one.windowOpens();
    two.windowOpens();
    one.windowCloses(1000);
    two.windowCloses(1000);
    assertEquals(2 * one.peakRssMegabytes(), two.peakRssMegabytes(), one.peakRssMegabytes());
  }

  @Test
  void figuresNeedAClosedWindow() {
    AgentRun cost = AgentRun.of(SELF);
    assertThrows(IllegalStateException.class, () -> cost.windowCloses(10));
    cost.windowOpens();
    assertThrows(IllegalStateException.class, cost::cpuSecondsPerMillion);
    assertThrows(IllegalArgumentException.class, () -> cost.windowCloses(0));
  }
}
