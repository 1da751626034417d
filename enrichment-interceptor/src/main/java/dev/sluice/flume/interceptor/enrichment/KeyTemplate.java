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

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.flume.common.config.ConfigReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flume.Event;

/**
 * The row key of an event ({@code rowKey}): literal text with placeholders {@code %{header}} (a
 * header's value), {@code %{/json/pointer}} (a JSON field of the body, RFC 6901) and {@code %{$1}}
 * or {@code %{$name}} (a group of {@code rowKeyRegex} found in the body).
 */
final class KeyTemplate {
  /** HBase refuses longer row keys, and would fail the whole multi-get for one of them. */
  static final int MAX_ROW_KEY_BYTES = Short.MAX_VALUE;

  private static final Pattern PLACEHOLDER = Pattern.compile("%\\{([^}]*)\\}");
  private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
  private static final Pattern NAMED_GROUP_IN_REGEX =
      Pattern.compile("\\(\\?<([A-Za-z][A-Za-z0-9]*)>");

  private interface Part {
    /** The part's text for this event, or null when the event does not have it. */
    String value(Event event, EventBody body, Matcher groups);
  }

  private final String template;
  private final Part[] parts;
  private final Pattern regex;
  private final boolean readsJson;

  private KeyTemplate(String template, List<Part> parts, Pattern regex, boolean readsJson) {
    this.template = template;
    this.parts = parts.toArray(new Part[0]);
    this.regex = regex;
    this.readsJson = readsJson;
  }

  /**
   * Parses {@code rowKey} with {@code rowKeyRegex} (null when not set); records problems and
   * returns null if there are any.
   */
  static KeyTemplate parse(
      String key, String template, String regexKey, Pattern regex, ConfigReader reader) {
    if (template == null) {
      return null;
    }
    List<Part> parts = new ArrayList<>();
    Set<String> regexNames = new HashSet<>();
    int groupCount = 0;
    if (regex != null) {
      groupCount = regex.matcher("").groupCount();
      Matcher named = NAMED_GROUP_IN_REGEX.matcher(regex.pattern());
      while (named.find()) {
        regexNames.add(named.group(1));
      }
    }
    boolean ok = true;
    boolean usesGroups = false;
    boolean readsJson = false;
    int placeholders = 0;
    Matcher m = PLACEHOLDER.matcher(template);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        String literal = template.substring(at, m.start());
        parts.add((event, body, groups) -> literal);
      }
      at = m.end();
      placeholders++;
      String name = m.group(1);
      if (name.isEmpty()) {
        reader.problem(
            key, template, "%{} names nothing: use %{header}, %{/json/pointer} or %{$1}");
        ok = false;
      } else if (name.startsWith("/")) {
        readsJson = true;
        try {
          JsonPointer pointer = JsonPointer.compile(name);
          parts.add((event, body, groups) -> jsonValue(body, pointer));
        } catch (IllegalArgumentException e) {
          reader.problem(key, template, "'" + name + "' is not a JSON Pointer: " + e.getMessage());
          ok = false;
        }
      } else if (name.startsWith("$")) {
        usesGroups = true;
        String group = name.substring(1);
        if (group.matches("[0-9]+")) {
          int index = Integer.parseInt(group);
          if (regex != null && index > groupCount) {
            reader.problem(
                key,
                template,
                "%{$"
                    + index
                    + "} but "
                    + regexKey
                    + " has "
                    + groupCount
                    + " group"
                    + (groupCount == 1 ? "" : "s"));
            ok = false;
          }
          parts.add((event, body, groups) -> groups.group(index));
        } else if (GROUP_NAME.matcher(group).matches()) {
          if (regex != null && !regexNames.contains(group)) {
            reader.problem(
                key,
                template,
                "%{$" + group + "} but " + regexKey + " has no group (?<" + group + ">");
            ok = false;
          }
          parts.add((event, body, groups) -> groups.group(group));
        } else {
          reader.problem(
              key,
              template,
              "'%{" + name + "}': a regex group is %{$1} or %{$name} (letters, digits)");
          ok = false;
        }
      } else {
        parts.add((event, body, groups) -> event.getHeaders().get(name));
      }
    }
    if (at < template.length()) {
      String literal = template.substring(at);
      parts.add((event, body, groups) -> literal);
    }
    if (placeholders == 0) {
      reader.problem(
          key,
          template,
          "must contain at least one %{header}, %{/json/pointer} or %{$group}; did you mean '%{"
              + template
              + "}'?");
      ok = false;
    }
    if (usesGroups && regex == null) {
      reader.problem(key, template, "uses a %{$group} but " + regexKey + " is not set");
      ok = false;
    }
    if (!usesGroups && regex != null) {
      reader.problem(
          regexKey, regex.pattern(), "is set but " + key + " uses none of its groups (%{$1})");
      ok = false;
    }
    return ok ? new KeyTemplate(template, parts, regex, readsJson) : null;
  }

  private static String jsonValue(EventBody body, JsonPointer pointer) {
    JsonNode root = body.json();
    if (root == null) {
      return null;
    }
    JsonNode node = root.at(pointer);
    return node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  /** True when the key reads the body as JSON. */
  boolean readsJson() {
    return readsJson;
  }

  /**
   * The row key of the event, or null when it has none: a placeholder's value is missing, the regex
   * does not match, or the key is empty or longer than HBase allows.
   */
  String rowKey(Event event, EventBody body) {
    Matcher groups = null;
    if (regex != null) {
      groups = regex.matcher(body.text());
      if (!groups.find()) {
        return null;
      }
    }
    String key;
    if (parts.length == 1) {
      key = parts[0].value(event, body, groups);
    } else {
      StringBuilder sb = new StringBuilder();
      for (Part p : parts) {
        String v = p.value(event, body, groups);
        if (v == null) {
          return null;
        }
        sb.append(v);
      }
      key = sb.toString();
    }
    if (key == null || key.isEmpty()) {
      return null;
    }
    if (key.length() * 3 > MAX_ROW_KEY_BYTES
        && key.getBytes(StandardCharsets.UTF_8).length > MAX_ROW_KEY_BYTES) {
      return null;
    }
    return key;
  }

  @Override
  public String toString() {
    return template;
  }
}
