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

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.management.MBeanAttributeInfo;

/**
 * Remembers, for every component and attribute seen, whether it is sent, under which names, and the
 * last value of a counter (for its rate), so a poll formats no name and matches no pattern twice.
 * Components that disappear (a reconfigured agent) are forgotten at the end of the poll that no
 * longer sees them, so the catalog stays as large as the agent. Used by the poll thread only.
 */
final class SeriesCatalog {
  private final MetricNames names;
  private final Pattern include;
  private final Pattern exclude;
  private final Pattern rateAttributes;
  private final Map<String, ComponentSeries> components = new HashMap<>();
  private long poll;

  /**
   * @param include null for everything
   * @param exclude null for nothing
   * @param rateAttributes attributes that get a per-second rate; null for none
   */
  SeriesCatalog(MetricNames names, Pattern include, Pattern exclude, Pattern rateAttributes) {
    this.names = names;
    this.include = include;
    this.exclude = exclude;
    this.rateAttributes = rateAttributes;
  }

  static SeriesCatalog of(GraphiteMonitorConfig c) {
    MetricNames names =
        new MetricNames(c.prefix, c.metricNameStyle, c.tags, c.invalidCharReplacement);
    return new SeriesCatalog(names, c.include, c.exclude, c.rates ? c.rateAttributes : null);
  }

  void beginPoll() {
    poll++;
  }

  /** Forgets components the poll now ending did not ask for. */
  void endPoll() {
    for (Iterator<ComponentSeries> it = components.values().iterator(); it.hasNext(); ) {
      if (it.next().lastPoll != poll) {
        it.remove();
      }
    }
  }

  int componentCount() {
    return components.size();
  }

  /**
   * @param type Flume's component type in upper case: {@code SOURCE}, {@code CHANNEL}, ...
   */
  ComponentSeries component(String type, String component) {
    String key = type + '.' + component;
    ComponentSeries c = components.get(key);
    if (c == null) {
      c = new ComponentSeries(type, component, key);
      components.put(key, c);
    }
    c.lastPoll = poll;
    return c;
  }

  /** One component's attributes. */
  final class ComponentSeries {
    private final String type;
    private final String component;
    private final String patternKey;
    private final Map<String, Series> attributes = new HashMap<>();
    private long lastPoll;
    private String[] infoNames = new String[0];
    private String[] wanted = new String[0];

    private ComponentSeries(String type, String component, String patternKey) {
      this.type = type;
      this.component = component;
      this.patternKey = patternKey;
    }

    /**
     * The readable attributes of an MBean that are sent (non-numeric ones are found out when read).
     */
    String[] wanted(MBeanAttributeInfo[] infos) {
      if (!sameNames(infos)) {
        infoNames = new String[infos.length];
        int n = 0;
        String[] w = new String[infos.length];
        for (int i = 0; i < infos.length; i++) {
          infoNames[i] = infos[i].getName();
          if (infos[i].isReadable() && attribute(infoNames[i]).included) {
            w[n++] = infoNames[i];
          }
        }
        wanted = Arrays.copyOf(w, n);
      }
      return wanted;
    }

    private boolean sameNames(MBeanAttributeInfo[] infos) {
      if (infos.length != infoNames.length) {
        return false;
      }
      for (int i = 0; i < infos.length; i++) {
        if (!infos[i].getName().equals(infoNames[i])) {
          return false;
        }
      }
      return true;
    }

    Series attribute(String attribute) {
      Series s = attributes.get(attribute);
      if (s == null) {
        s = newSeries(attribute);
        attributes.put(attribute, s);
      }
      return s;
    }

    /** Reads a value into the batch if it is numeric and sent. */
    void record(String attribute, Object value, long nanos, List<Datapoint> out) {
      attribute(attribute).record(value, nanos, out);
    }

    private Series newSeries(String attribute) {
      String raw = patternKey + '.' + attribute;
      boolean included =
          (include == null || include.matcher(raw).matches())
              && (exclude == null || !exclude.matcher(raw).matches());
      if (!included) {
        return new Series(false, null, null);
      }
      String rateName =
          rateAttributes != null && rateAttributes.matcher(attribute).matches()
              ? names.rateSeries(type, component, attribute)
              : null;
      return new Series(true, names.series(type, component, attribute), rateName);
    }
  }

  /** One attribute: its names and, for a counter with a rate, the last value read. */
  static final class Series {
    final boolean included;
    final String name;
    final String rateName;
    private boolean hasLast;
    private long lastValue;
    private long lastNanos;

    Series(boolean included, String name, String rateName) {
      this.included = included;
      this.name = name;
      this.rateName = rateName;
    }

    void record(Object value, long nanos, List<Datapoint> out) {
      if (!included || value == null) {
        return;
      }
      Datapoint p = NumericValue.toDatapoint(name, value);
      if (p == null) {
        return;
      }
      out.add(p);
      if (rateName != null && p.integral) {
        rate(p.longValue, nanos, out);
      }
    }

    /**
     * Adds the per-second rate since the last poll. None on the first poll, and none when the
     * counter went down (the component restarted and its counters began again at zero).
     */
    private void rate(long value, long nanos, List<Datapoint> out) {
      if (hasLast && value >= lastValue && nanos > lastNanos) {
        double perSecond = (value - lastValue) * 1e9 / (nanos - lastNanos);
        out.add(Datapoint.ofDouble(rateName, perSecond));
      }
      hasLast = true;
      lastValue = value;
      lastNanos = nanos;
    }
  }
}
