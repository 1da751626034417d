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

import dev.sluice.flume.common.config.ConfigReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The columns to fetch ({@code columns}): {@code family:qualifier} for one column, {@code family}
 * for every column of a family, separated by commas or white space.
 */
final class ColumnSelection {
  private final Map<String, Set<String>> byFamily;

  private ColumnSelection(Map<String, Set<String>> byFamily) {
    this.byFamily = byFamily;
  }

  /** Parses the list, recording problems against {@code key}; null when there were problems. */
  static ColumnSelection parse(String key, String spec, ConfigReader reader) {
    if (spec == null) {
      return null;
    }
    Map<String, Set<String>> byFamily = new LinkedHashMap<>();
    Set<String> wholeFamilies = new LinkedHashSet<>();
    boolean ok = true;
    for (String token : spec.trim().split("[,\\s]+")) {
      if (token.isEmpty()) {
        continue;
      }
      int colon = token.indexOf(':');
      String family = colon < 0 ? token : token.substring(0, colon);
      String qualifier = colon < 0 ? null : token.substring(colon + 1);
      if (family.isEmpty() || (qualifier != null && qualifier.isEmpty())) {
        reader.problem(
            key,
            spec,
            "each entry must be family:qualifier or a whole family, but '" + token + "' is not");
        ok = false;
        continue;
      }
      if (qualifier == null) {
        wholeFamilies.add(family);
      } else {
        byFamily.computeIfAbsent(family, f -> new LinkedHashSet<>()).add(qualifier);
      }
    }
    for (String family : wholeFamilies) {
      Set<String> named = byFamily.put(family, null);
      if (named != null) {
        reader.problem(
            key,
            spec,
            "'"
                + family
                + ":"
                + named.iterator().next()
                + "' is already covered by the whole family '"
                + family
                + "': list one or the other");
        ok = false;
      }
    }
    if (byFamily.isEmpty() && ok) {
      reader.problem(key, spec, "at least one family:qualifier or family");
      ok = false;
    }
    return ok ? new ColumnSelection(Collections.unmodifiableMap(byFamily)) : null;
  }

  /**
   * Each family with the qualifiers to fetch, in the order given; a null set means the whole
   * family.
   */
  Map<String, Set<String>> byFamily() {
    return byFamily;
  }

  /** True when the selection can yield more than one column, so names need the qualifier. */
  boolean manyColumns() {
    if (byFamily.size() > 1) {
      return true;
    }
    Set<String> qualifiers = byFamily.values().iterator().next();
    return qualifiers == null || qualifiers.size() > 1;
  }

  /** True when the selection spans more than one family, so names need the family. */
  boolean manyFamilies() {
    return byFamily.size() > 1;
  }

  boolean contains(String family, String qualifier) {
    if (!byFamily.containsKey(family)) {
      return false;
    }
    Set<String> qualifiers = byFamily.get(family);
    return qualifiers == null || qualifiers.contains(qualifier);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Set<String>> e : byFamily.entrySet()) {
      if (e.getValue() == null) {
        sb.append(sb.length() == 0 ? "" : " ").append(e.getKey());
      } else {
        for (String q : e.getValue()) {
          sb.append(sb.length() == 0 ? "" : " ").append(e.getKey()).append(':').append(q);
        }
      }
    }
    return sb.toString();
  }
}
