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
package dev.sluice.flume.benchmarks.amps;

import java.io.IOException;
import java.util.List;
import javax.management.JMException;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The one observer of the AMPS end-to-end benchmarks: a count read over JMX remote from a child JVM
 * (a Flume agent's counter, or the raw client's count in its own child JVM), so both sides of a
 * comparison are counted by the same code, in the same way, at the same poll interval.
 */
public final class JmxCount implements AutoCloseable {
  private final JMXServiceURL url;
  private final ObjectName name;
  private final String attribute;
  private JMXConnector connector;

  /**
   * @param port the child's loopback JMX port (see {@link #systemProperties})
   * @param objectName the MBean, e.g. {@code org.apache.flume.source:type=amps}
   * @param attribute a numeric attribute, e.g. {@code EventAcceptedCount}
   */
  public JmxCount(int port, String objectName, String attribute) {
    try {
      this.url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
      this.name = new ObjectName(objectName);
    } catch (IOException | MalformedObjectNameException e) {
      throw new IllegalArgumentException("bad JMX port " + port + " or name " + objectName, e);
    }
    this.attribute = attribute;
  }

  /** The system properties that open a child JVM's loopback JMX port without authentication. */
  public static List<String> systemProperties(int port) {
    return List.of(
        "-Dcom.sun.management.jmxremote=true",
        "-Dcom.sun.management.jmxremote.port=" + port,
        "-Dcom.sun.management.jmxremote.rmi.port=" + port,
        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
        "-Dcom.sun.management.jmxremote.authenticate=false",
        "-Dcom.sun.management.jmxremote.ssl=false",
        "-Djava.rmi.server.hostname=127.0.0.1");
  }

  /** The count, or -1 while the JVM, its JMX server or the MBean is not up (yet). */
  public synchronized long get() {
    try {
      if (connector == null) {
        connector = connect();
      }
      Object v = connector.getMBeanServerConnection().getAttribute(name, attribute);
      return v instanceof Number ? ((Number) v).longValue() : -1;
    } catch (IOException e) {
      close();
      return -1;
    } catch (JMException e) {
      return -1;
    }
  }

  // The URL is always the loopback port of a child JVM this benchmark started.
  @SuppressWarnings("BanJNDI")
  private JMXConnector connect() throws IOException {
    return JMXConnectorFactory.connect(url);
  }

  @Override
  public synchronized void close() {
    if (connector != null) {
      try {
        connector.close();
      } catch (IOException e) {
        // the child is gone
      }
      connector = null;
    }
  }
}
