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
import dev.sluice.flume.testsupport.FlumeAgent;
import dev.sluice.flume.testsupport.ProcessStats;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One measured run of agents fed by an {@link EventSender} (the kafka-hop and amps-channel
 * benchmarks): the sender runs on a thread of the benchmark's JVM while one observer polls the last
 * agent's channel {@code EventTakeSuccessCount} (its sink's committed takes; Flume's {@code null}
 * sink has no counters of its own) over JMX every 10 ms. Events/s is from the first poll that sees
 * an event taken to the one that sees them all; the agents' CPU and peak RSS ({@link AgentRun}) and
 * the server's CPU are over the same span.
 */
public final class SenderRun {
  public final double eventsPerSecond;
  public final double agentsCpuPerMillion;
  public final double agentsPeakRssMegabytes;

  /** The server's CPU seconds per million events, 0 when there is no server. */
  public final double serverCpuPerMillion;

  /** What the last poll saw taken (at least the events sent). */
  public final long drained;

  private SenderRun(
      double eventsPerSecond,
      double agentsCpuPerMillion,
      double agentsPeakRssMegabytes,
      double serverCpuPerMillion,
      long drained) {
    this.eventsPerSecond = eventsPerSecond;
    this.agentsCpuPerMillion = agentsCpuPerMillion;
    this.agentsPeakRssMegabytes = agentsPeakRssMegabytes;
    this.serverCpuPerMillion = serverCpuPerMillion;
    this.drained = drained;
  }

  /**
   * Starts the sender and waits until {@code events} are taken from {@code channel} of {@code
   * drainedFrom}.
   *
   * @param server the process whose CPU is reported apart (the broker, the testkit), or null
   * @param agents every agent of the run, {@code drainedFrom} among them: their CPU and RSS
   * @throws IllegalStateException if the sender fails, an agent exits, or the channel reports takes
   *     before the sender starts
   * @throws TimeoutException if not all are taken within {@code timeout}
   */
  public static SenderRun measure(
      String label,
      EventSender sender,
      long events,
      Duration timeout,
      FlumeAgent drainedFrom,
      String channel,
      ChildProcess server,
      FlumeAgent... agents)
      throws InterruptedException, TimeoutException {
    List<FlumeAgent> all = Arrays.asList(agents);
    long before = drained(drainedFrom, channel);
    if (before != 0) {
      throw new IllegalStateException(label + ": " + before + " events were taken too soon");
    }
    AgentRun cost = AgentRun.of(agents);
    cost.windowOpens();
    double serverCpu0 = server == null ? 0 : ProcessStats.of(server).cpuSeconds();
    Thread sending = new Thread(sender, label + "-sender");
    sending.setDaemon(true);
    sending.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    long firstAt = 0;
    long firstCount = 0;
    long drained = 0;
    while (true) {
      if (sender.failure() != null) {
        throw new IllegalStateException(label + ": the sender failed", sender.failure());
      }
      if (!all.stream().allMatch(FlumeAgent::isAlive)) {
        throw new IllegalStateException(label + ": an agent exited");
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            label + ": only " + drained + " of " + events + " drained in " + timeout);
      }
      drained = drained(drainedFrom, channel);
      long now = System.nanoTime();
      if (firstAt == 0 && drained > 0) {
        firstAt = now;
        firstCount = drained;
      }
      if (drained >= events) {
        cost.windowCloses(events);
        double serverCpu = server == null ? 0 : ProcessStats.of(server).cpuSeconds() - serverCpu0;
        if (drained == firstCount) {
          throw new IllegalStateException(label + ": drained all at once; too few events");
        }
        double seconds = (now - firstAt) / 1e9;
        sending.join(TimeUnit.MINUTES.toMillis(1));
        return new SenderRun(
            (drained - firstCount) / seconds,
            cost.cpuSecondsPerMillion(),
            cost.peakRssMegabytes(),
            serverCpu / events * 1e6,
            drained);
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  /**
   * The events the channel's sink has taken in committed transactions: its {@code
   * EventTakeSuccessCount} (Flume's memory, file and Kafka channels and the amps-channel count
   * takes at commit), or 0 before the agent's JMX server is up.
   */
  private static long drained(FlumeAgent agent, String channel) {
    try {
      return agent.counter(channel, "EventTakeSuccessCount");
    } catch (RuntimeException notYet) {
      return 0;
    }
  }
}
