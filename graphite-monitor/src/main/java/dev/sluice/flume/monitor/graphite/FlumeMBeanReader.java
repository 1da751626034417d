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

import dev.sluice.flume.common.log.ThrottledLog;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every Flume counter group from JMX, as Flume's {@code JMXPollUtil} does for the HTTP
 * metrics page, but typed: numbers stay numbers, and only the attributes that will be sent are
 * asked for. Flume registers each group as {@code org.apache.flume.<type>:type=<name>}.
 */
final class FlumeMBeanReader {
  private static final Logger LOG = LoggerFactory.getLogger(FlumeMBeanReader.class);
  private static final String DOMAIN_PREFIX = "org.apache.flume.";
  private static final ObjectName FLUME_BEANS = objectName(DOMAIN_PREFIX + "*:*");

  private final MBeanServer server;
  private final ThrottledLog failureLog = new ThrottledLog(1, TimeUnit.MINUTES);

  FlumeMBeanReader(MBeanServer server) {
    this.server = server;
  }

  void read(SeriesCatalog catalog, long nanos, List<Datapoint> out) {
    for (ObjectName name : server.queryNames(FLUME_BEANS, null)) {
      String type = name.getDomain().substring(DOMAIN_PREFIX.length()).toUpperCase(Locale.ROOT);
      String component = name.getKeyProperty("type");
      if (component == null) {
        component = name.getKeyPropertyListString();
      }
      SeriesCatalog.ComponentSeries series = catalog.component(type, component);
      try {
        String[] wanted = series.wanted(server.getMBeanInfo(name).getAttributes());
        if (wanted.length == 0) {
          continue;
        }
        AttributeList values = server.getAttributes(name, wanted);
        for (Attribute a : values.asList()) {
          series.record(a.getName(), a.getValue(), nanos, out);
        }
      } catch (InstanceNotFoundException gone) {
        // Unregistered between the query and the read: a component stopping. Nothing to send.
      } catch (JMException | RuntimeException e) {
        long held = failureLog.tryAcquire();
        if (held >= 0) {
          LOG.warn("Cannot read counters of {} ({} similar failures not logged)", name, held, e);
        }
      }
    }
  }

  private static ObjectName objectName(String s) {
    try {
      return new ObjectName(s);
    } catch (MalformedObjectNameException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
