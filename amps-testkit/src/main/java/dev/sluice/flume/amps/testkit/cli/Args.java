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
package dev.sluice.flume.amps.testkit.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} / {@code --name=value} / {@code --flag} arguments, checked all at once. */
final class Args {
  private final Map<String, String> values = new HashMap<>();
  private final List<String> problems = new ArrayList<>();

  Args(String[] args, Set<String> withValue, Set<String> flags) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        v = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      if (withValue.contains(a)) {
        if (v == null) {
          if (i + 1 >= args.length) {
            problems.add(a + " needs a value");
            continue;
          }
          v = args[++i];
        }
        values.put(a, v);
      } else if (flags.contains(a) && v == null) {
        values.put(a, "true");
      } else {
        problems.add("unknown argument '" + args[i] + "'");
      }
    }
  }

  String required(String name) {
    String v = values.get(name);
    if (v == null) {
      problems.add(name + " is required");
    }
    return v;
  }

  String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  boolean flag(String name) {
    return values.containsKey(name);
  }

  long number(String name, long fallback, long min) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v);
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(name + " wants a whole number >= " + min + ", got '" + v + "'");
    return fallback;
  }

  /** Throws one exception listing every problem found so far. */
  void check() {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }
}
