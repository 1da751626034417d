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

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongBiFunction;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.ReflectionException;

/**
 * The attribute table behind Sluice's dynamic counter MBeans.
 *
 * <p>Flume registers a counter group with JMX as the object itself, and JMX (and so Flume's HTTP
 * metrics JSON, which reads JMX) shows only the attributes its MBean interface declares. A Sluice
 * component adds its own counters to Flume's {@code SourceCounter} or {@code SinkCounter}; to make
 * them visible in the same MBean, the counter class implements {@code DynamicMBean} and answers
 * from this table: Flume's own getters first (read from the standard interface by reflection), then
 * the component's counters and gauges.
 */
final class CounterAttributes {
  private final String className;
  private final Map<String, Supplier<Object>> attributes = new LinkedHashMap<>();
  private final Set<String> ownCounters = new HashSet<>();
  private final ToLongBiFunction<String, Long> adder;

  /**
   * @param counters the counter object, whose class names the MBean
   * @param standardInterface Flume's MBean interface whose getters come first, or null
   * @param adder adds to one of the component's own counters ({@code MonitoredCounterGroup}'s
   *     protected {@code addAndGet})
   */
  CounterAttributes(
      Object counters, Class<?> standardInterface, ToLongBiFunction<String, Long> adder) {
    this.className = counters.getClass().getName();
    this.adder = adder;
    if (standardInterface != null) {
      Method[] methods = standardInterface.getMethods();
      Arrays.sort(methods, (a, b) -> a.getName().compareTo(b.getName()));
      for (Method m : methods) {
        if (m.getName().startsWith("get") && m.getParameterCount() == 0) {
          attributes.put(m.getName().substring(3), () -> invoke(m, counters));
        }
      }
    }
  }

  void addCounter(String name, LongSupplier value) {
    attributes.put(name, value::getAsLong);
  }

  /** Registers one of the component's own monotonic counters, which {@link #add} updates. */
  void addOwnCounter(String name, LongSupplier value) {
    addCounter(name, value);
    ownCounters.add(name);
  }

  long add(String counter, long delta) {
    if (!ownCounters.contains(counter)) {
      throw new IllegalArgumentException("no counter named " + counter);
    }
    return adder.applyAsLong(counter, delta);
  }

  void addAttribute(String name, Supplier<Object> value) {
    attributes.put(name, value);
  }

  boolean has(String name) {
    return attributes.containsKey(name);
  }

  Object get(String name) throws AttributeNotFoundException {
    Supplier<Object> s = attributes.get(name);
    if (s == null) {
      throw new AttributeNotFoundException(name);
    }
    return s.get();
  }

  AttributeList getAll(String[] names) {
    AttributeList list = new AttributeList();
    for (String n : names) {
      Supplier<Object> s = attributes.get(n);
      if (s != null) {
        list.add(new Attribute(n, s.get()));
      }
    }
    return list;
  }

  MBeanInfo info(String description) {
    List<MBeanAttributeInfo> infos = new ArrayList<>();
    for (Map.Entry<String, Supplier<Object>> e : attributes.entrySet()) {
      Object sample = e.getValue().get();
      String type = sample == null ? String.class.getName() : sample.getClass().getName();
      infos.add(new MBeanAttributeInfo(e.getKey(), type, e.getKey(), true, false, false));
    }
    return new MBeanInfo(
        className,
        description,
        infos.toArray(new MBeanAttributeInfo[0]),
        null,
        new MBeanOperationInfo[0],
        null);
  }

  static ReflectionException readOnly(String what) {
    return new ReflectionException(
        new UnsupportedOperationException(what + " is not supported: counters are read-only"));
  }

  private static Object invoke(Method m, Object target) {
    try {
      return m.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read counter " + m.getName(), e);
    }
  }
}
