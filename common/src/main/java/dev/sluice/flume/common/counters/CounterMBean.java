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

import java.util.function.LongSupplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanInfo;
import javax.management.ReflectionException;

/**
 * What every Sluice counter class shares: the read-only {@link DynamicMBean} view of its attribute
 * table, and the methods a component uses on its own counters. Implemented by {@link
 * ExtendedSinkCounter}, {@link ExtendedSourceCounter} and {@link ComponentCounterGroup}, which
 * extend different Flume classes and so cannot share a base class.
 */
interface CounterMBean extends DynamicMBean {
  /** The attribute table behind this MBean. */
  CounterAttributes counterAttributes();

  /** Adds a value read when the counters are read (for example a fill level). */
  default void gauge(String name, LongSupplier value) {
    counterAttributes().addCounter(name, value);
  }

  /** Adds one to one of the component's own counters. */
  default long addOne(String counter) {
    return add(counter, 1);
  }

  /** Adds to one of the component's own counters. */
  default long add(String counter, long delta) {
    return counterAttributes().add(counter, delta);
  }

  /** Reads one of the component's counters or gauges. */
  default long value(String counter) {
    try {
      return ((Number) counterAttributes().get(counter)).longValue();
    } catch (AttributeNotFoundException e) {
      throw new IllegalArgumentException("no counter named " + counter, e);
    }
  }

  @Override
  default Object getAttribute(String attribute) throws AttributeNotFoundException {
    return counterAttributes().get(attribute);
  }

  @Override
  default AttributeList getAttributes(String[] names) {
    return counterAttributes().getAll(names);
  }

  @Override
  default void setAttribute(Attribute attribute) throws ReflectionException {
    throw CounterAttributes.readOnly("setAttribute");
  }

  @Override
  default AttributeList setAttributes(AttributeList list) {
    return new AttributeList();
  }

  @Override
  default Object invoke(String action, Object[] params, String[] signature)
      throws ReflectionException {
    throw CounterAttributes.readOnly("invoke");
  }

  @Override
  default MBeanInfo getMBeanInfo() {
    return counterAttributes().info("Flume counters with Sluice's own");
  }
}
