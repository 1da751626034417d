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
package dev.sluice.flume.amps.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Merging a delta publish into a stored record, and the difference a delta subscriber sees. */
final class JsonMerge {
  private JsonMerge() {}

  /** Returns {@code base} with every field of {@code delta} applied (objects merge recursively). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> delta) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    for (Map.Entry<String, Object> e : delta.entrySet()) {
      Object old = out.get(e.getKey());
      if (old instanceof Map && e.getValue() instanceof Map) {
        out.put(e.getKey(), merge((Map<String, Object>) old, (Map<String, Object>) e.getValue()));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** The fields of {@code now} that differ from {@code before}, plus the top-level key fields. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> diff(Object before, Object now, String[][] keySteps) {
    Map<String, Object> b = (Map<String, Object>) before;
    Map<String, Object> n = (Map<String, Object>) now;
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : n.entrySet()) {
      Object old = b.get(e.getKey());
      Object value = e.getValue();
      if (isKey(e.getKey(), keySteps)) {
        out.put(e.getKey(), value);
      } else if (old instanceof Map && value instanceof Map) {
        Map<String, Object> inner = diff(old, value, null);
        if (!inner.isEmpty()) {
          out.put(e.getKey(), inner);
        }
      } else if (!Objects.equals(old, value)) {
        out.put(e.getKey(), value);
      }
    }
    return out;
  }

  private static boolean isKey(String field, String[][] keySteps) {
    if (keySteps == null) {
      return false;
    }
    for (String[] steps : keySteps) {
      if (steps.length > 0 && steps[0].equals(field)) {
        return true;
      }
    }
    return false;
  }
}
