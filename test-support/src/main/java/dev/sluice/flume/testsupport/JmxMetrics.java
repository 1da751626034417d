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

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.management.Attribute;
import javax.management.AttributeNotFoundException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads a Flume agent's counters over JMX remote. Flume registers each counter group as the MBean
 * {@code org.apache.flume.<type>:type=<name>}; Flume's JSON metrics key the same group as {@code
 * <TYPE>.<name>} (for example {@code SOURCE.src}), and so does this class.
 */
final class JmxMetrics implements AutoCloseable {
  private static final String DOMAIN_PREFIX = "org.apache.flume.";

  private final JMXServiceURL url;
  private JMXConnector connector;

  JmxMetrics(int port) {
    try {
      this.url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    } catch (IOException e) {
      throw new IllegalArgumentException("bad JMX port " + port, e);
    }
  }

  /** Every Flume counter group, keyed like Flume's JSON metrics, attribute values as strings. */
  synchronized Map<String, Map<String, String>> all() throws IOException {
    try {
      MBeanServerConnection connection = connection();
      Map<String, Map<String, String>> groups = new TreeMap<>();
      Set<ObjectName> names = connection.queryNames(new ObjectName(DOMAIN_PREFIX + "*:*"), null);
      for (ObjectName name : names) {
        MBeanAttributeInfo[] infos = connection.getMBeanInfo(name).getAttributes();
        String[] attributeNames = new String[infos.length];
        for (int i = 0; i < infos.length; i++) {
          attributeNames[i] = infos[i].getName();
        }
        Map<String, String> values = new TreeMap<>();
        String key = name.getKeyProperty("type");
        for (Attribute attribute : connection.getAttributes(name, attributeNames).asList()) {
          if (attribute.getName().equalsIgnoreCase("type")) {
            key = attribute.getValue() + "." + key;
          }
          values.put(attribute.getName(), String.valueOf(attribute.getValue()));
        }
        groups.put(key, values);
      }
      return groups;
    } catch (IOException e) {
      disconnect();
      throw e;
    } catch (JMException e) {
      throw new IOException("cannot read Flume MBeans at " + url, e);
    }
  }

  /**
   * One attribute of one counter group, or null if the group or attribute does not exist (yet).
   *
   * @param component a key like {@code SOURCE.src} or {@code CHANNEL.ch}
   */
  synchronized Object attribute(String component, String attribute) throws IOException {
    ObjectName name = objectName(component);
    try {
      return connection().getAttribute(name, attribute);
    } catch (InstanceNotFoundException | AttributeNotFoundException e) {
      return null;
    } catch (IOException e) {
      disconnect();
      throw e;
    } catch (JMException e) {
      throw new IOException("cannot read " + name + " " + attribute + " at " + url, e);
    }
  }

  /** {@code SOURCE.src} to {@code org.apache.flume.source:type=src}, as Flume registers it. */
  static ObjectName objectName(String component) {
    int dot = component.indexOf('.');
    if (dot <= 0 || dot == component.length() - 1) {
      throw new IllegalArgumentException(
          "component must look like SOURCE.<name>, CHANNEL.<name> or SINK.<name>, was '"
              + component
              + "'");
    }
    String type = component.substring(0, dot).toLowerCase(Locale.ENGLISH);
    try {
      return new ObjectName(DOMAIN_PREFIX + type + ":type=" + component.substring(dot + 1));
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException("not a valid component name: '" + component + "'", e);
    }
  }

  @Override
  public synchronized void close() {
    disconnect();
  }

  // The URL is always the loopback JMX port of a child agent this JVM started (BanJNDI guards
  // against lookups of names a user controls).
  @SuppressWarnings("BanJNDI")
  private MBeanServerConnection connection() throws IOException {
    if (connector == null) {
      connector = JMXConnectorFactory.connect(url);
    }
    return connector.getMBeanServerConnection();
  }

  private void disconnect() {
    if (connector != null) {
      try {
        connector.close();
      } catch (IOException e) {
        // The agent is gone or restarting; the next call connects again.
      }
      connector = null;
    }
  }
}
