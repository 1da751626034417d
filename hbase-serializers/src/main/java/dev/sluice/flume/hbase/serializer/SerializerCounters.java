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
package dev.sluice.flume.hbase.serializer;

import dev.sluice.flume.common.counters.ComponentCounterGroup;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.flume.instrumentation.MonitoredCounterGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serializer's counters: a Flume counter group of type SERIALIZER, so they show in JMX as {@code
 * org.apache.flume.serializer:type=<name>} and in Flume's HTTP metrics JSON as {@code
 * SERIALIZER.<name>}.
 *
 * <p>Lifecycle, which the sinks do not drive reliably: Flume's {@code HBase2Sink} never calls its
 * serializer's {@code close()}, and {@code AsyncHBaseSink} calls {@code cleanUp()} on stop but may
 * start again with the same serializer, without configuring it again. So:
 *
 * <ul>
 *   <li>the group is opened (registered) at configuration, and opened again, as a new group, by the
 *       first event after a {@link #close()};
 *   <li>one name has one owner in the JVM: opening a group under a name that another serializer
 *       holds (a reconfiguration made a new sink while the old one still ran) stops the old group
 *       and takes the MBean over, as Flume's own counters do;
 *   <li>{@link #close()} stops the group and, when it still owns its name, unregisters the MBean;
 *   <li>a serializer that is never closed is closed when it becomes unreachable (a sink dropped by
 *       a reconfiguration): the serializers register {@link #close()} with a {@link
 *       java.lang.ref.Cleaner}. This object never refers back to its serializer.
 * </ul>
 *
 * Counting methods are called from the sink's one thread; the lifecycle methods are synchronized
 * because the cleaner runs on its own thread.
 */
final class SerializerCounters {
  private static final Logger LOG = LoggerFactory.getLogger(SerializerCounters.class);

  static final String EVENTS_RECEIVED = "EventsReceived";
  static final String EVENTS_SERIALIZED = "EventsSerialized";
  static final String CELLS_PRODUCED = "CellsProduced";
  static final String INCREMENTS_PRODUCED = "IncrementsProduced";
  static final String BAD_EVENTS = "BadEvents";
  static final String EVENTS_SKIPPED = "EventsSkipped";
  static final String EVENTS_DEAD_LETTERED = "EventsDeadLettered";
  static final String EVENTS_FAILED = "EventsFailed";

  /** The owner of each counter-group name in this JVM (per class loader, as plugins are). */
  private static final ConcurrentMap<String, SerializerCounters> OWNERS = new ConcurrentHashMap<>();

  private final String name;
  private volatile ComponentCounterGroup group;
  private volatile boolean open;

  /** Another serializer took the name over: this one's counts are no longer shown anywhere. */
  private volatile boolean displaced;

  SerializerCounters(String name) {
    this.name = name;
    this.group = newGroup();
  }

  /** Every counter's name, in the order the docs list them. */
  static List<String> names() {
    List<String> names = new ArrayList<>();
    names.add(EVENTS_RECEIVED);
    names.add(EVENTS_SERIALIZED);
    names.add(CELLS_PRODUCED);
    names.add(INCREMENTS_PRODUCED);
    names.add(BAD_EVENTS);
    for (BadEventReason r : BadEventReason.values()) {
      names.add(r.counter());
    }
    names.add(EVENTS_SKIPPED);
    names.add(EVENTS_DEAD_LETTERED);
    names.add(EVENTS_FAILED);
    return names;
  }

  private ComponentCounterGroup newGroup() {
    return new ComponentCounterGroup(MonitoredCounterGroup.Type.SERIALIZER, name, names());
  }

  String name() {
    return name;
  }

  static ObjectName objectName(String name) {
    try {
      return new ObjectName("org.apache.flume.serializer:type=" + name);
    } catch (JMException e) {
      throw new IllegalArgumentException(name, e);
    }
  }

  /** Registers the group, taking the name over from any other holder. */
  synchronized void open() {
    if (open) {
      return;
    }
    if (group.getStartTime() != 0) {
      group = newGroup(); // a closed group cannot register again: Flume registers a group once
    }
    group.start();
    open = true;
    displaced = false;
    SerializerCounters previous = OWNERS.put(name, this);
    if (previous != null && previous != this) {
      LOG.info(
          "Counter group SERIALIZER.{} now belongs to a newly configured serializer; the earlier"
              + " one's counters stop here (a reconfiguration, or two serializers configured with"
              + " the same counterGroup: give each its own)",
          name);
      previous.replaced();
    }
  }

  /**
   * Opens the group again if it was closed: the first event after a sink's restart. A group whose
   * name another serializer took over stays closed, so the two do not take the MBean from each
   * other while Flume swaps sinks.
   */
  void ensureOpen() {
    if (!open && !displaced) {
      open();
    }
  }

  private synchronized void replaced() {
    displaced = true;
    if (open) {
      open = false;
      group.stop();
    }
  }

  /** Stops the group and, if this still owns the name, unregisters its MBean. Idempotent. */
  synchronized void close() {
    if (!open) {
      return;
    }
    open = false;
    group.stop();
    if (OWNERS.remove(name, this)) {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      try {
        if (server.isRegistered(objectName(name))) {
          server.unregisterMBean(objectName(name));
        }
      } catch (JMException e) {
        LOG.warn("Could not unregister the MBean of counter group SERIALIZER.{}", name, e);
      }
    }
  }

  boolean isOpen() {
    return open;
  }

  long get(String counter) {
    return group.value(counter);
  }

  void received() {
    group.addOne(EVENTS_RECEIVED);
  }

  void serialized(int cells, boolean increment) {
    group.addOne(EVENTS_SERIALIZED);
    group.add(CELLS_PRODUCED, cells);
    if (increment) {
      group.addOne(INCREMENTS_PRODUCED);
    }
  }

  void bad(BadEventReason reason, BadEventPolicy policy, int deadLetterCells) {
    group.addOne(BAD_EVENTS);
    group.addOne(reason.counter());
    switch (policy) {
      case SKIP:
        group.addOne(EVENTS_SKIPPED);
        break;
      case DEAD_LETTER:
        group.addOne(EVENTS_DEAD_LETTERED);
        group.add(CELLS_PRODUCED, deadLetterCells);
        break;
      default:
        group.addOne(EVENTS_FAILED);
        break;
    }
  }
}
