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
package dev.sluice.flume.benchmarks.demo;

import java.io.IOException;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JFR recording of one running agent over the measured window only: started and stopped through
 * the agent's {@code DiagnosticCommand} MBean (what {@code jcmd <pid> JFR.start} and {@code
 * JFR.stop} do, over the JMX port the agent already has, without a process per call), with JFR's
 * {@code profile} settings (Java samples every {@value #SAMPLE_PERIOD_MILLIS} ms), every {@code
 * fsync}, and parks, waits, sleeps and socket reads from {@value #WAIT_THRESHOLD}.
 */
final class JfrWindow {
  /** The period of {@code jdk.ExecutionSample} in JFR's {@code profile} settings. */
  static final int SAMPLE_PERIOD_MILLIS = 10;

  /** Every {@code fsync} is recorded ({@code jdk.FileForce}), not only those over 10 ms. */
  static final String FSYNC_THRESHOLD = "0ms";

  /** Parks, waits, sleeps and socket reads are recorded from 1 ms ({@code profile}: 10 ms+). */
  static final String WAIT_THRESHOLD = "1ms";

  private static final String RECORDING = "sluice-demo-window";
  private static final String[] SIGNATURE = {String[].class.getName()};

  private final int jmxPort;
  private final Path file;

  private JfrWindow(int jmxPort, Path file) {
    this.jmxPort = jmxPort;
    this.file = file;
  }

  /**
   * Starts and discards a recording, so that JFR is set up in the JVM before the window: the first
   * {@code JFR.start} of a JVM takes seconds on a loaded machine, later ones a fraction of that.
   */
  static void warmUp(int jmxPort) {
    JfrWindow w = new JfrWindow(jmxPort, null);
    w.command("jfrStart", "name=" + RECORDING + "-warm-up", "settings=profile");
    w.command("jfrStop", "name=" + RECORDING + "-warm-up");
  }

  /** Starts recording the JVM whose loopback JMX port is {@code jmxPort}, to {@code file}. */
  static JfrWindow start(int jmxPort, Path file) {
    JfrWindow w = new JfrWindow(jmxPort, file);
    w.command(
        "jfrStart",
        "name=" + RECORDING,
        "settings=profile",
        "jdk.FileForce#threshold=" + FSYNC_THRESHOLD,
        "jdk.ThreadPark#threshold=" + WAIT_THRESHOLD,
        "jdk.SocketRead#threshold=" + WAIT_THRESHOLD,
        "jdk.JavaMonitorWait#threshold=" + WAIT_THRESHOLD,
        "jdk.ThreadSleep#threshold=" + WAIT_THRESHOLD);
    return w;
  }

  /** Stops the recording and writes it to its file; returns the file. */
  Path stop() {
    command("jfrStop", "name=" + RECORDING, "filename=" + file.toAbsolutePath());
    return file;
  }

  // The URL is always the loopback port of an agent this benchmark started.
  @SuppressWarnings("BanJNDI")
  private void command(String operation, String... arguments) {
    try (JMXConnector c =
        JMXConnectorFactory.connect(
            new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"))) {
      MBeanServerConnection s = c.getMBeanServerConnection();
      s.invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"),
          operation,
          new Object[] {arguments},
          SIGNATURE);
    } catch (IOException | JMException e) {
      throw new IllegalStateException(
          operation + " on the JVM with JMX port " + jmxPort + " failed", e);
    }
  }
}
