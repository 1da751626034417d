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
 * Builds Graphite names from a Flume component's type, name and attribute.
 *
 * <p>Dotted paths: {@code <prefix>.<type>.<component>.<metric>}, for example {@code
 * flume.web01.a1.source.r1.event-received-count}. With tags (Graphite 1.1): {@code
 * <prefix>.<metric>;type=<type>;component=<component>}. The type is Flume's in lower case ({@code
 * source}, {@code channel}, {@code sink}, {@code other}, ...), the component name is kept as the
 * agent's configuration spells it and the attribute is restyled by {@link NameStyle}. Any character
 * other than ASCII letters, digits, {@code -} and {@code _} in a component or attribute becomes the
 * replacement character, so a component named {@code in.amps 1} cannot add path levels, spaces or
 * tag separators.
 */
final class MetricNames {
  /** Appended to an attribute to name its per-second rate, before styling. */
  static final String RATE_SUFFIX = "PerSecond";

  private final String prefix;
  private final NameStyle style;
  private final boolean tags;
  private final char replacement;

  MetricNames(String prefix, NameStyle style, boolean tags, char replacement) {
    this.prefix = prefix;
    this.style = style;
    this.tags = tags;
    this.replacement = replacement;
  }

  /** The series name of one attribute of one component. */
  String series(String type, String component, String attribute) {
    String metric = sanitize(style.apply(attribute), replacement);
    String typeName = sanitize(type.toLowerCase(Locale.ROOT), replacement);
    String componentName = sanitize(component, replacement);
    if (tags) {
      return prefix + '.' + metric + ";type=" + typeName + ";component=" + componentName;
    }
    return prefix + '.' + typeName + '.' + componentName + '.' + metric;
  }

  /** The series name of the per-second rate of a counter. */
  String rateSeries(String type, String component, String attribute) {
    return series(type, component, attribute + RATE_SUFFIX);
  }

  /** Replaces every character that is not an ASCII letter, digit, '-' or '_'. */
  static String sanitize(String s, char replacement) {
    if (s.isEmpty()) {
      return String.valueOf(replacement);
    }
    char[] out = null;
    for (int i = 0; i < s.length(); i++) {
      if (!isSafe(s.charAt(i))) {
        if (out == null) {
          out = s.toCharArray();
        }
        out[i] = replacement;
      }
    }
    return out == null ? s : new String(out);
  }

  static boolean isSafe(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }
}
