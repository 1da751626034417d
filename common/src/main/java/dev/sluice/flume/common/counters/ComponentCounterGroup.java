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
import java.util.function.LongSupplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanInfo;
import javax.management.ReflectionException;
import org.apache.flume.instrumentation.MonitoredCounterGroup;

/**
 * A counter group of a component that is not a source or sink (a monitor service, an interceptor, a
 * serializer), visible in JMX and Flume's HTTP metrics JSON as {@code <TYPE>.<name>} with its
 * counters, gauges, {@code StartTime} and {@code StopTime}.
 */
public class ComponentCounterGroup extends MonitoredCounterGroup implements DynamicMBean {
  private final CounterAttributes attributes;

  public ComponentCounterGroup(Type type, String name, List<String> counters) {
    super(type, name, counters.toArray(new String[0]));
    this.attributes = new CounterAttributes(this, null);
    attributes.addAttribute("Type", this::getType);
    attributes.addCounter("StartTime", this::getStartTime);
    attributes.addCounter("StopTime", this::getStopTime);
    for (String c : counters) {
      attributes.addCounter(c, () -> super.get(c));
    }
  }

  /** Adds a value read when the counters are read. */
  public final void gauge(String name, LongSupplier value) {
    attributes.addCounter(name, value);
  }

  public final long addOne(String counter) {
    return add(counter, 1);
  }

  public final long add(String counter, long delta) {
    if (!attributes.has(counter)) {
      throw new IllegalArgumentException("no counter named " + counter);
    }
    return super.addAndGet(counter, delta);
  }

  /** Reads a counter or gauge. */
  public final long value(String counter) {
    try {
      return ((Number) attributes.get(counter)).longValue();
    } catch (AttributeNotFoundException e) {
      throw new IllegalArgumentException("no counter named " + counter, e);
    }
  }

  @Override
  public Object getAttribute(String attribute) throws AttributeNotFoundException {
    return attributes.get(attribute);
  }

  @Override
  public AttributeList getAttributes(String[] names) {
    return attributes.getAll(names);
  }

  @Override
  public void setAttribute(Attribute attribute) throws ReflectionException {
    throw CounterAttributes.readOnly("setAttribute");
  }

  @Override
  public AttributeList setAttributes(AttributeList list) {
    return new AttributeList();
  }

  @Override
  public Object invoke(String action, Object[] params, String[] signature)
      throws ReflectionException {
    throw CounterAttributes.readOnly("invoke");
  }

  @Override
  public MBeanInfo getMBeanInfo() {
    return attributes.info("Sluice component counters");
  }
}
