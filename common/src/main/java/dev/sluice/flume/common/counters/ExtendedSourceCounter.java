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
package dev.sluice.flume.common.counters;

import java.util.List;
import org.apache.flume.instrumentation.SourceCounter;
import org.apache.flume.instrumentation.SourceCounterMBean;

/**
 * Flume's {@link SourceCounter} plus a component's own counters and gauges, all in the one MBean
 * Flume registers for the source (so they show under {@code SOURCE.<name>} in JMX and in Flume's
 * HTTP metrics JSON, next to Flume's standard source counters).
 *
 * <pre>{@code
 * counter = new ExtendedSourceCounter(getName(), List.of("ReconnectCount"));
 * counter.gauge("OpenFileCount", files::openCount);
 * counter.addOne("ReconnectCount");
 * }</pre>
 *
 * <p>Flume's {@code MonitoredCounterGroup.start()} sets every counter to zero: start the counter
 * before the component counts anything in its own {@code start()}.
 */
public class ExtendedSourceCounter extends SourceCounter implements CounterMBean {
  private final CounterAttributes attributes;

  /**
   * @param name the source's name
   * @param extraCounters names of the component's own monotonic counters, in CamelCase as Flume
   *     names its attributes (for example {@code ReconnectCount})
   */
  public ExtendedSourceCounter(String name, List<String> extraCounters) {
    super(name, extraCounters.toArray(new String[0]));
    this.attributes =
        new CounterAttributes(this, SourceCounterMBean.class, (c, d) -> super.addAndGet(c, d));
    for (String c : extraCounters) {
      attributes.addOwnCounter(c, () -> super.get(c));
    }
  }

  @Override
  public final CounterAttributes counterAttributes() {
    return attributes;
  }
}
