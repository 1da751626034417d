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

import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares one String per family and qualifier name among all cached rows, instead of one copy per
 * cell: the client decodes every name afresh. Holds at most {@link #MAX_NAMES} names (a table with
 * more distinct qualifiers than that keeps the extra ones unshared).
 */
final class NameInterner {
  static final int MAX_NAMES = 10_000;

  private final ConcurrentHashMap<String, String> names = new ConcurrentHashMap<>();

  String intern(String name) {
    String known = names.get(name);
    if (known != null) {
      return known;
    }
    if (names.size() >= MAX_NAMES) {
      return name;
    }
    known = names.putIfAbsent(name, name);
    return known == null ? name : known;
  }
}
