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
package dev.sluice.flume.benchmarks.amps;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The count of a raw-client child JVM, published as the MBean {@value #OBJECT_NAME} (attribute
 * {@value #ATTRIBUTE}) so the benchmark reads it with {@link JmxCount} exactly as it reads the
 * agent's counter.
 */
public final class RawCount implements RawCountMBean {
  public static final String OBJECT_NAME = "dev.sluice.bench:type=raw";
  public static final String ATTRIBUTE = "Count";

  private final AtomicLong count = new AtomicLong();

  /** A count registered with the platform MBean server. */
  public static RawCount register() throws JMException {
    RawCount c = new RawCount();
    ManagementFactory.getPlatformMBeanServer().registerMBean(c, new ObjectName(OBJECT_NAME));
    return c;
  }

  /** Adds {@code n}: one thread only (the raw client's receive or publishing thread). */
  public void add(long n) {
    count.lazySet(count.get() + n);
  }

  @Override
  public long getCount() {
    return count.get();
  }
}
