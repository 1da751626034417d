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
package dev.sluice.flume.interceptor.enrichment;

import java.util.HashSet;
import java.util.Set;

/**
 * Keeps the counter names of running interceptors in this JVM apart. Flume gives an interceptor no
 * name, and registers a counter group in JMX by type and name, replacing any group already there;
 * so a second running interceptor asking for a name in use gets {@code <name>-2}, a third {@code
 * <name>-3}. Names are taken when an interceptor starts and given back when it closes, so after a
 * configuration reload (old interceptors close before new ones start) the names are the same.
 */
final class CounterNames {
  private static final Set<String> RUNNING = new HashSet<>();

  private CounterNames() {}

  /** The name to use: {@code wanted} if free, else the first free {@code wanted-N}. */
  static synchronized String take(String wanted) {
    if (RUNNING.add(wanted)) {
      return wanted;
    }
    for (int n = 2; ; n++) {
      String candidate = wanted + "-" + n;
      if (RUNNING.add(candidate)) {
        return candidate;
      }
    }
  }

  static synchronized void giveBack(String name) {
    RUNNING.remove(name);
  }
}
