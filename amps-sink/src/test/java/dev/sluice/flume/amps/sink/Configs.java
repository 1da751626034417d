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
package dev.sluice.flume.amps.sink;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flume.Context;

/** Builds sink contexts for tests: the minimum a sink needs, plus whatever the test sets. */
final class Configs {
  private Configs() {}

  /** A context with exactly these key/value pairs. */
  static Context exactly(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new Context(m);
  }

  /** clientName and uri set, then these pairs (which may override them). */
  static Context minimal(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("type", AmpsSink.class.getName());
    m.put("channel", "ch");
    m.put("clientName", "flume-k1");
    m.put("uri", "tcp://127.0.0.1:9007/amps/json");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] == null) {
        m.remove(keysAndValues[i]);
      } else {
        m.put(keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return new Context(m);
  }

  static AmpsSinkConfig config(String... keysAndValues) {
    return AmpsSinkConfig.parse("k1", minimal(keysAndValues));
  }
}
