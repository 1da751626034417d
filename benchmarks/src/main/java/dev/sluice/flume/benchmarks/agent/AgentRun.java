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
import java.util.List;

/**
 * What the agents of one measured run cost: CPU seconds per million events over the measured window
 * and peak resident memory, read from Linux's {@code /proc/<pid>} of each child JVM ({@code utime +
 * stime} of {@code stat} when the window opens and when it closes, {@code VmHWM} of {@code status}
 * when it closes, before the agent is stopped). Every benchmark that runs real agents measures them
 * through this, so their CPU and memory figures mean the same thing. With several agents (a
 * two-tier hop) the figures are their sums.
 *
 * <pre>
 * AgentRun cost = AgentRun.of(agent);
 * cost.windowOpens();          // when the first measured event is counted
 * ...
 * cost.windowCloses(events);   // when the last one is; events counted in between
 * cost.cpuSecondsPerMillion(); cost.peakRssMegabytes();
 * </pre>
 */
public final class AgentRun {
  private final List<ChildProcess> agents;
  private double cpuAtOpen = Double.NaN;
  private double cpuSeconds = Double.NaN;
  private long events;
  private long peakRssBytes;

  private AgentRun(List<ChildProcess> agents) {
    this.agents = agents;
  }

  /** The cost of these running agents (child JVMs), measured from {@link #windowOpens()}. */
  public static AgentRun of(ChildProcess... agents) {
    if (agents.length == 0) {
      throw new IllegalArgumentException("no agent to measure");
    }
    return new AgentRun(List.of(agents));
  }

  /** Samples the agents' CPU time: the measured window starts now. */
  public void windowOpens() {
    cpuAtOpen = cpu();
  }

  /**
   * Samples the agents' CPU time and peak RSS: the window ends now, with {@code events} events
   * counted in it. Call it before the agents stop.
   */
  public void windowCloses(long events) {
    if (Double.isNaN(cpuAtOpen)) {
      throw new IllegalStateException("the window was never opened");
    }
    if (events <= 0) {
      throw new IllegalArgumentException("no events in the window: " + events);
    }
    this.cpuSeconds = cpu() - cpuAtOpen;
    this.events = events;
    long rss = 0;
    for (ChildProcess p : agents) {
      rss += ProcessStats.of(p).peakRssBytes();
    }
    this.peakRssBytes = rss;
  }

  /** CPU seconds the agents used in the window, per million events counted in it. */
  public double cpuSecondsPerMillion() {
    closed();
    return cpuSeconds / events * 1e6;
  }

  /** The agents' peak resident set size (summed over agents), in MiB. */
  public double peakRssMegabytes() {
    closed();
    return peakRssBytes / (1024.0 * 1024.0);
  }

  private void closed() {
    if (Double.isNaN(cpuSeconds)) {
      throw new IllegalStateException("the window has not closed");
    }
  }

  private double cpu() {
    double total = 0;
    for (ChildProcess p : agents) {
      total += ProcessStats.of(p).cpuSeconds();
    }
    return total;
  }
}
