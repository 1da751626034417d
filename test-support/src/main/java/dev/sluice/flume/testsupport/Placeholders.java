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
package dev.sluice.flume.testsupport;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${NAME}} placeholders of an example's properties file: the names a test must fill in,
 * and the text with them filled in. The same files run by hand with Flume 1.11's {@code
 * -DpropertiesImplementation=org.apache.flume.node.EnvVarResolverProperties}, which takes the
 * values from environment variables of the same names. Comment lines are left alone.
 */
public final class Placeholders {
  /** A placeholder: a dollar sign, an upper-case name in braces. */
  static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)\\}");

  private Placeholders() {}

  /** The names used on lines that are not comments, in order of first use. */
  public static Set<String> namesIn(String text) {
    Set<String> names = new LinkedHashSet<>();
    for (String line : text.split("\n", -1)) {
      if (!isComment(line)) {
        Matcher m = PLACEHOLDER.matcher(line);
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  /**
   * Replaces every {@code ${NAME}} outside comments by its value. A value is not searched for
   * placeholders again.
   *
   * @throws IllegalArgumentException naming {@code what}, the line and every placeholder left
   *     without a value
   */
  public static String fill(String text, Map<String, String> values, String what) {
    StringBuilder out = new StringBuilder(text.length());
    Set<String> missing = new LinkedHashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (isComment(line)) {
        out.append(line);
      } else {
        Matcher m = PLACEHOLDER.matcher(line);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
          String value = values.get(m.group(1));
          if (value == null) {
            missing.add(m.group(1) + " (line " + (i + 1) + ")");
            value = m.group();
          }
          m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        m.appendTail(filled);
        out.append(filled);
      }
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          what
              + ": no value for the placeholders "
              + missing
              + "; values given: "
              + values.keySet());
    }
    return out.toString();
  }

  private static boolean isComment(String line) {
    String trimmed = line.stripLeading();
    return trimmed.startsWith("#") || trimmed.startsWith("!");
  }
}
