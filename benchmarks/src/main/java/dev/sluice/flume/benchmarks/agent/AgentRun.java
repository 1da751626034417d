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

import dev.sluice.flume.testsupport.ChildProcess;
import dev.sluice.flume.testsupport.ProcessStats;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Measures one end-to-end run through a real agent (or any child process): starts the clock and the
 * process's CPU reading, runs the load, waits until the progress reading reaches the target, and
 * reads the CPU and peak RSS again.
 *
 * <pre>{@code
 * RunResult r = AgentRun.measure("file_roll", agent, 1_000_000, 100L * 1_000_000,
 *     () -> publisher.publish(1_000_000),
 *     () -> agent.counter("SINK.out", "EventDrainSuccessCount"), Duration.ofMinutes(5));
 * }</pre>
 */
public final class AgentRun {
  private AgentRun() {}

  /** What drives the load; may return at once (an asynchronous feeder) or when all is sent. */
  public interface Load {
    void run() throws Exception;
  }

  /**
   * @param process the process whose CPU and memory are measured (null: none)
   * @param events how many events the run moves
   * @param bytes how many payload bytes those events carry (for MB/s)
   * @param load drives the events in
   * @param progress how many events have arrived so far (a counter read, a line count)
   */
  public static RunResult measure(
      String label,
      ChildProcess process,
      long events,
      long bytes,
      Load load,
      LongSupplier progress,
      Duration timeout)
      throws Exception {
    double cpuBefore = process == null ? 0 : ProcessStats.of(process).cpuSeconds();
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    load.run();
    while (progress.getAsLong() < events) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            label + ": only " + progress.getAsLong() + " of " + events + " events in " + timeout);
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = 0;
    long rss = 0;
    if (process != null) {
      ProcessStats after = ProcessStats.of(process);
      cpu = after.cpuSeconds() - cpuBefore;
      rss = after.peakRssBytes();
    }
    return new RunResult(label, events, bytes, seconds, cpu, rss);
  }
}
