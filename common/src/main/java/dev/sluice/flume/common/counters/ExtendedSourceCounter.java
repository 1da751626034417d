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
 */
public class ExtendedSourceCounter extends SourceCounter implements DynamicMBean {
  private final CounterAttributes attributes;

  /**
   * @param name the source's name
   * @param extraCounters names of the component's own monotonic counters, in CamelCase as Flume
   *     names its attributes (for example {@code ReconnectCount})
   */
  public ExtendedSourceCounter(String name, List<String> extraCounters) {
    super(name, extraCounters.toArray(new String[0]));
    this.attributes = new CounterAttributes(this, SourceCounterMBean.class);
    for (String c : extraCounters) {
      attributes.addCounter(c, () -> super.get(c));
    }
  }

  /** Adds a value read when the counters are read (for example a fill level). */
  public final void gauge(String name, LongSupplier value) {
    attributes.addCounter(name, value);
  }

  /** Adds one to one of the component's own counters. */
  public final long addOne(String counter) {
    return add(counter, 1);
  }

  /** Adds to one of the component's own counters. */
  public final long add(String counter, long delta) {
    requireExtra(counter);
    return super.addAndGet(counter, delta);
  }

  /** Reads one of the component's own counters or gauges. */
  public final long value(String counter) {
    try {
      Object v = attributes.get(counter);
      return ((Number) v).longValue();
    } catch (AttributeNotFoundException e) {
      throw new IllegalArgumentException("no counter named " + counter, e);
    }
  }

  private void requireExtra(String counter) {
    if (!attributes.has(counter)) {
      throw new IllegalArgumentException("no counter named " + counter);
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
    return attributes.info("Flume source counters with Sluice's own");
  }
}
