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

import static dev.sluice.flume.hbase.serializer.SinkDriver.event;
import static dev.sluice.flume.hbase.serializer.SinkDriver.keys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.flume.Context;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The counter group's MBean across the lifecycles the two sinks give a serializer. */
class CountersTest {
  private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

  private static Context config(String group) {
    return new Context(
        keys("columns", "a", "rowKey", "${a}", "timestampFrom", "none", "counterGroup", group));
  }

  private static long jmx(String group, String attribute) throws Exception {
    return ((Number) JMX.getAttribute(SerializerCounters.objectName(group), attribute)).longValue();
  }

  @Test
  void theGroupIsAnMBeanOfTypeSerializerNamedByCounterGroup() throws Exception {
    SplittingHBase2Serializer s = new SplittingHBase2Serializer();
    s.configure(config("orders-hbase"));
    ObjectName name = new ObjectName("org.apache.flume.serializer:type=orders-hbase");
    assertTrue(JMX.isRegistered(name));
    s.initialize(event("k"), SinkDriver.FAMILY);
    s.getActions();
    s.getIncrements();
    assertEquals(1, jmx("orders-hbase", "EventsReceived"));
    assertEquals(1, jmx("orders-hbase", "CellsProduced"));
    assertEquals("SERIALIZER", JMX.getAttribute(name, "Type"));
    s.close();
    assertFalse(JMX.isRegistered(name), "close() unregisters");
  }

  @Test
  void asyncCleanUpThenRestartRegistersAFreshGroupOnTheNextEvent() throws Exception {
    SplittingAsyncHBaseSerializer s = new SplittingAsyncHBaseSerializer();
    s.configure(config("async-restart"));
    s.initialize(SinkDriver.TABLE, SinkDriver.FAMILY);
    s.setEvent(event("k"));
    s.getActions();
    s.cleanUp();
    ObjectName name = SerializerCounters.objectName("async-restart");
    assertFalse(JMX.isRegistered(name));

    // AsyncHBaseSink.start() after stop(): no configure(), no initialize().
    s.setEvent(event("k2"));
    assertEquals(1, s.getActions().size(), "still configured after cleanUp()");
    assertTrue(JMX.isRegistered(name));
    assertEquals(1, jmx("async-restart", "EventsReceived"));
    s.cleanUp();
  }

  @Test
  void aReconfiguredSerializerTakesTheNameOverAndTheOldOneDoesNotTakeItBack() throws Exception {
    SplittingHBase2Serializer old = new SplittingHBase2Serializer();
    old.configure(config("swap"));
    SplittingHBase2Serializer next = new SplittingHBase2Serializer();
    next.configure(config("swap"));
    assertFalse(old.counters().isOpen());

    // The old sink still runs until Flume stops it; its events must not steal the MBean back.
    old.initialize(event("k"), SinkDriver.FAMILY);
    old.getActions();
    next.initialize(event("k"), SinkDriver.FAMILY);
    next.getActions();
    next.initialize(event("k"), SinkDriver.FAMILY);
    next.getActions();
    assertEquals(2, jmx("swap", "EventsReceived"));

    old.close(); // must not unregister the new owner's MBean
    assertTrue(JMX.isRegistered(SerializerCounters.objectName("swap")));
    next.close();
    assertFalse(JMX.isRegistered(SerializerCounters.objectName("swap")));
  }

  @Test
  void aSerializerThatIsNeverClosedIsUnregisteredOnceUnreachable() {
    // HBase2Sink.stop() never calls close(): a dropped sink's serializer becomes garbage.
    configureAndDrop("never-closed");
    ObjectName name = SerializerCounters.objectName("never-closed");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              System.gc();
              return !JMX.isRegistered(name);
            });
  }

  private static void configureAndDrop(String group) {
    SplittingHBase2Serializer s = new SplittingHBase2Serializer();
    s.configure(config(group));
    assertTrue(JMX.isRegistered(SerializerCounters.objectName(group)));
  }

  @Test
  void everyDocumentedCounterExistsAndStartsAtZero() {
    SerializerCounters c = new SerializerCounters("zero-check");
    for (String n : SerializerCounters.names()) {
      assertEquals(0, c.get(n), n);
    }
  }
}
