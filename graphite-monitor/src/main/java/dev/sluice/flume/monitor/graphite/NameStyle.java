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
package dev.sluice.flume.monitor.graphite;

import java.util.Locale;

/**
 * How an attribute name such as Flume's {@code EventReceivedCount} becomes the last part of a
 * Graphite path. Words break where a lower-case letter or digit meets an upper-case one, and before
 * the last capital of an acronym ({@code HTTPRequestCount} is {@code http}, {@code request}, {@code
 * count}).
 */
enum NameStyle {
  /** {@code event-received-count}, the seed's choice and the default. */
  KEBAB,
  /** {@code event_received_count}. */
  SNAKE,
  /** {@code eventReceivedCount}. */
  LOWER_CAMEL,
  /** {@code EventReceivedCount}, exactly as Flume names it. */
  AS_IS;

  String apply(String attribute) {
    switch (this) {
      case KEBAB:
        return joinWords(attribute, '-');
      case SNAKE:
        return joinWords(attribute, '_');
      case LOWER_CAMEL:
        return lowerCamel(attribute);
      default:
        return attribute;
    }
  }

  private static String joinWords(String s, char separator) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && startsWord(s, i)) {
        char last = out.length() == 0 ? separator : out.charAt(out.length() - 1);
        if (last != separator) {
          out.append(separator);
        }
      }
      if (c == '_' || c == '-' || c == ' ') {
        if (out.length() > 0 && out.charAt(out.length() - 1) != separator) {
          out.append(separator);
        }
        continue;
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }

  /** Whether the capital at {@code i} begins a new word. */
  private static boolean startsWord(String s, int i) {
    char prev = s.charAt(i - 1);
    if (Character.isLowerCase(prev) || Character.isDigit(prev)) {
      return true;
    }
    return Character.isUpperCase(prev)
        && i + 1 < s.length()
        && Character.isLowerCase(s.charAt(i + 1));
  }

  private static String lowerCamel(String s) {
    int upperRun = 0;
    while (upperRun < s.length() && Character.isUpperCase(s.charAt(upperRun))) {
      upperRun++;
    }
    if (upperRun == 0) {
      return s;
    }
    // "HTTPRequest" keeps the R of Request capital; "Event" and "HTTP" lose every leading capital.
    int lower = upperRun > 1 && upperRun < s.length() ? upperRun - 1 : upperRun;
    return s.substring(0, lower).toLowerCase(Locale.ROOT) + s.substring(lower);
  }
}
