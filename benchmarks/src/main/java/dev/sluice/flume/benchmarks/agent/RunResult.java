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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One measured end-to-end run: how many events and bytes went through in how long, and what the
 * process under test spent doing it.
 */
public final class RunResult {
  private final String label;
  private final long events;
  private final long bytes;
  private final double seconds;
  private final double cpuSeconds;
  private final long peakRssBytes;

  public RunResult(
      String label, long events, long bytes, double seconds, double cpuSeconds, long peakRssBytes) {
    this.label = label;
    this.events = events;
    this.bytes = bytes;
    this.seconds = seconds;
    this.cpuSeconds = cpuSeconds;
    this.peakRssBytes = peakRssBytes;
  }

  public String label() {
    return label;
  }

  public long events() {
    return events;
  }

  public double seconds() {
    return seconds;
  }

  public double eventsPerSecond() {
    return events / seconds;
  }

  public double megabytesPerSecond() {
    return bytes / seconds / (1024.0 * 1024.0);
  }

  /** CPU seconds of the measured process (user + system); 0 when no process was measured. */
  public double cpuSeconds() {
    return cpuSeconds;
  }

  public long peakRssBytes() {
    return peakRssBytes;
  }

  /**
   * The run with the median throughput of several runs of the same thing (the lower middle one for
   * an even count), so one run disturbed by the shared machine does not decide the figure.
   */
  public static RunResult median(List<RunResult> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs");
    }
    List<RunResult> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(RunResult::eventsPerSecond));
    return sorted.get((sorted.size() - 1) / 2);
  }

  @Override
  public String toString() {
    return String.format(
        "%s: %d events in %.2f s = %.0f events/s, %.2f MB/s, %.2f CPU s, peak RSS %d MB",
        label,
        events,
        seconds,
        eventsPerSecond(),
        megabytesPerSecond(),
        cpuSeconds,
        peakRssBytes / (1024 * 1024));
  }
}
