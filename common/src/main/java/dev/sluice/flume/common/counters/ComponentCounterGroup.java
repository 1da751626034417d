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
import org.apache.flume.instrumentation.MonitoredCounterGroup;

/**
 * A counter group of a component that is not a source or sink (a monitor service, an interceptor, a
 * serializer), visible in JMX and Flume's HTTP metrics JSON as {@code <TYPE>.<name>} with its
 * counters, gauges, {@code StartTime} and {@code StopTime}.
 */
public class ComponentCounterGroup extends MonitoredCounterGroup implements CounterMBean {
  private final CounterAttributes attributes;

  public ComponentCounterGroup(Type type, String name, List<String> counters) {
    super(type, name, counters.toArray(new String[0]));
    this.attributes = new CounterAttributes(this, null, (c, d) -> super.addAndGet(c, d));
    attributes.addAttribute("Type", this::getType);
    attributes.addCounter("StartTime", this::getStartTime);
    attributes.addCounter("StopTime", this::getStopTime);
    for (String c : counters) {
      attributes.addOwnCounter(c, () -> super.get(c));
    }
  }

  @Override
  public final CounterAttributes counterAttributes() {
    return attributes;
  }
}
