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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.apache.flume.instrumentation.ChannelCounter;
import org.apache.flume.instrumentation.SinkCounter;
import org.apache.flume.instrumentation.SourceCounter;
import org.junit.jupiter.api.Test;

/** Real Flume counter groups, registered as Flume registers them, in a private MBean server. */
class FlumeMBeanReaderTest {
  private final MBeanServer server = MBeanServerFactory.newMBeanServer();
  private final SourceCounter source = new SourceCounter("r1");
  private final ChannelCounter channel = new ChannelCounter("c1");
  private final SinkCounter sink = new SinkCounter("k1");
  private final MetricNames names = new MetricNames("flume.h.a1", NameStyle.KEBAB, false, '_');
  private long nanos = 1_000_000_000L;

  FlumeMBeanReaderTest() throws Exception {
    register("source", "r1", source);
    register("channel", "c1", channel);
    register("sink", "k1", sink);
  }

  private void register(String type, String name, Object bean) throws Exception {
    server.registerMBean(bean, new ObjectName("org.apache.flume." + type + ":type=" + name));
  }

  private Map<String, Datapoint> poll(SeriesCatalog catalog) {
    List<Datapoint> out = new ArrayList<>();
    catalog.beginPoll();
    new FlumeMBeanReader(server).read(catalog, nanos, out);
    catalog.endPoll();
    Map<String, Datapoint> byName = new LinkedHashMap<>();
    for (Datapoint p : out) {
      byName.put(p.name, p);
    }
    return byName;
  }

  @Test
  void everyNumericAttributeOfEveryComponentIsReadWithItsType() {
    source.addToEventReceivedCount(567);
    channel.setChannelSize(500);
    sink.addToEventDrainSuccessCount(42);
    Map<String, Datapoint> m = poll(new SeriesCatalog(names, null, null, null));

    assertEquals(567L, m.get("flume.h.a1.source.r1.event-received-count").longValue);
    assertEquals(500L, m.get("flume.h.a1.channel.c1.channel-size").longValue);
    assertEquals(42L, m.get("flume.h.a1.sink.k1.event-drain-success-count").longValue);
    Datapoint fill = m.get("flume.h.a1.channel.c1.channel-fill-percentage");
    assertFalse(fill.integral, "a double stays a double");
    assertTrue(m.containsKey("flume.h.a1.source.r1.start-time"));
    assertNull(m.get("flume.h.a1.source.r1.type"), "the Type attribute is not a number");
  }

  @Test
  void fillPercentageKeepsItsPrecision() {
    channel.setChannelSize(1);
    // ChannelCounter computes size / capacity * 100; a capacity of 200000 gives 0.0005 %.
    ChannelCounter big = new ChannelCounter("c2");
    big.setChannelCapacity(200_000);
    big.setChannelSize(1);
    try {
      register("channel", "c2", big);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    Datapoint fill =
        poll(new SeriesCatalog(names, null, null, null))
            .get("flume.h.a1.channel.c2.channel-fill-percentage");
    assertEquals("0.0005", fill.valueText());
  }

  @Test
  void includeAndExcludeMatchTheFlumeStyleNameOfEachAttribute() {
    Pattern include = Pattern.compile("(SOURCE|SINK)\\..*");
    Pattern exclude = Pattern.compile(".*\\.(StartTime|StopTime)|SINK\\.k1\\.Batch.*");
    Map<String, Datapoint> m = poll(new SeriesCatalog(names, include, exclude, null));

    assertTrue(m.containsKey("flume.h.a1.source.r1.event-received-count"));
    assertTrue(m.containsKey("flume.h.a1.sink.k1.event-drain-success-count"));
    assertTrue(m.keySet().stream().noneMatch(n -> n.contains(".channel.")), m.keySet().toString());
    assertTrue(m.keySet().stream().noneMatch(n -> n.endsWith("-time")), m.keySet().toString());
    assertTrue(m.keySet().stream().noneMatch(n -> n.contains(".batch-")), m.keySet().toString());
  }

  @Test
  void ratesArePerSecondBetweenPollsAndSkipTheFirstPoll() {
    SeriesCatalog catalog =
        new SeriesCatalog(
            names, null, null, Pattern.compile(GraphiteMonitorConfig.DEFAULT_RATE_ATTRIBUTES));
    String rate = "flume.h.a1.source.r1.event-received-count-per-second";
    source.addToEventReceivedCount(100);
    assertNull(poll(catalog).get(rate), "no rate from a single reading");

    source.addToEventReceivedCount(250);
    nanos += 2_000_000_000L;
    Map<String, Datapoint> m = poll(catalog);
    assertEquals(125.0, m.get(rate).doubleValue);
    assertEquals(350L, m.get("flume.h.a1.source.r1.event-received-count").longValue);
    assertNull(
        m.get("flume.h.a1.source.r1.open-connection-count-per-second"),
        "OpenConnectionCount is a gauge, not a counter");
    assertNull(m.get("flume.h.a1.channel.c1.channel-size-per-second"));

    source.addToEventReceivedCount(1);
    nanos += 4_000_000_000L;
    assertEquals(0.25, poll(catalog).get(rate).doubleValue, "small rates are not rounded away");
  }

  @Test
  void counterThatWentBackwardsGivesNoRateThatPoll() throws Exception {
    SeriesCatalog catalog = new SeriesCatalog(names, null, null, Pattern.compile(".*Count"));
    String rate = "flume.h.a1.sink.k1.event-drain-success-count-per-second";
    sink.addToEventDrainSuccessCount(1000);
    poll(catalog);
    sink.start(); // a restarted component starts its counters again from zero
    sink.addToEventDrainSuccessCount(10);
    nanos += 1_000_000_000L;
    assertNull(poll(catalog).get(rate));
    sink.addToEventDrainSuccessCount(20);
    nanos += 1_000_000_000L;
    assertEquals(20.0, poll(catalog).get(rate).doubleValue);
  }

  @Test
  void componentsThatDisappearAreForgotten() throws Exception {
    SeriesCatalog catalog = new SeriesCatalog(names, null, null, null);
    poll(catalog);
    assertEquals(3, catalog.componentCount());
    server.unregisterMBean(new ObjectName("org.apache.flume.sink:type=k1"));
    Map<String, Datapoint> m = poll(catalog);
    assertEquals(2, catalog.componentCount());
    assertTrue(m.keySet().stream().noneMatch(n -> n.contains(".sink.")));
  }

  @Test
  void otherDomainsAreIgnored() throws Exception {
    register("other", "graphite-monitor", new SourceCounter("graphite-monitor"));
    server.registerMBean(new SourceCounter("x"), new ObjectName("com.example:type=x"));
    Map<String, Datapoint> m = poll(new SeriesCatalog(names, null, null, null));
    assertTrue(m.containsKey("flume.h.a1.other.graphite-monitor.event-received-count"));
    assertTrue(m.keySet().stream().noneMatch(n -> n.contains(".x.")), m.keySet().toString());
  }
}
