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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code prefix} key: dotted literal text with {@code ${variable}} placeholders, resolved once
 * when the monitor is configured. A variable's value is one path level: characters Graphite cannot
 * keep (dots included, so a fully qualified host name stays one level) become the replacement
 * character.
 */
final class PrefixTemplate {
  static final Map<String, String> VARIABLES =
      Map.of(
          "hostname", "the local host name up to its first dot",
          "fqdn", "the local host's fully qualified name",
          "agent", "the agent's name (-n on Flume's command line, or the agentName key)");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

  private PrefixTemplate() {}

  /** The names of the variables the template uses, in order; unknown names included. */
  static List<String> variables(String template) {
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * Resolves the template, or returns null after adding a problem description to {@code problems}.
   */
  static String resolve(
      String template, Map<String, String> values, char replacement, List<String> problems) {
    StringBuilder out = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    while (m.find()) {
      out.append(template, last, m.start());
      String name = m.group(1);
      String value = values.get(name);
      if (!VARIABLES.containsKey(name)) {
        problems.add("uses unknown variable ${" + name + "}; known variables: " + knownVariables());
        return null;
      }
      if (value == null) {
        problems.add("uses ${" + name + "} but " + VARIABLES.get(name) + " is not known");
        return null;
      }
      out.append(MetricNames.sanitize(value, replacement));
      last = m.end();
    }
    out.append(template.substring(last));
    String resolved = out.toString();
    for (int i = 0; i < resolved.length(); i++) {
      char c = resolved.charAt(i);
      if (c != '.' && !MetricNames.isSafe(c)) {
        problems.add(
            "contains '"
                + c
                + "'; a prefix is dot-separated levels of ASCII letters, digits, '-' and '_'"
                + " with ${variable} placeholders");
        return null;
      }
    }
    if (resolved.startsWith(".") || resolved.endsWith(".") || resolved.contains("..")) {
      problems.add("resolves to '" + resolved + "', which has an empty level");
      return null;
    }
    return resolved;
  }

  private static String knownVariables() {
    return "${agent}, ${fqdn}, ${hostname}";
  }
}
