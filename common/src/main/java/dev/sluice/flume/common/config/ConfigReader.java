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
package dev.sluice.flume.common.config;

import dev.sluice.flume.common.log.CredentialRedactor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.apache.flume.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a component's Flume {@link Context} into typed values, collecting every problem instead of
 * stopping at the first, and reports them all together from {@link #finish()}.
 *
 * <p>Each getter records its key as known, so {@link #finish()} can report keys that nothing reads
 * (typos) with a "did you mean" suggestion: a warning by default, an error when the component's
 * configuration sets {@code strictConfig = true}. A getter that finds a bad value records the
 * problem and returns the default, so parsing goes on and the user sees every problem at once.
 *
 * <pre>{@code
 * ConfigReader r = ConfigReader.forSink(getName(), "header-filename", context);
 * int batchSize = r.intInRange("batchSize", 100, 1, 100_000);
 * Path dir = Paths.get(r.requiredString("directory", "the base directory"));
 * r.finish(); // throws InvalidConfigurationException listing every problem
 * }</pre>
 */
public final class ConfigReader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigReader.class);

  /** Keys Flume itself puts in a component's context. */
  private static final List<String> FLUME_KEYS = List.of("type", "channel", "channels");

  private static final List<String> FLUME_PREFIXES = List.of("selector.", "interceptors");

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  /** The key with which a component asks for unknown keys to be errors rather than warnings. */
  public static final String STRICT_CONFIG = "strictConfig";

  private final String component;
  private final Context context;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Set<String> knownKeys = new LinkedHashSet<>(FLUME_KEYS);
  private final Set<String> knownPrefixes = new LinkedHashSet<>(FLUME_PREFIXES);
  private final Map<String, String> defaults = new TreeMap<>();

  /**
   * @param kind what the component is in Flume's terms: {@code source}, {@code sink}, {@code
   *     interceptor}, {@code monitor}, ...
   * @param name the component's name in the agent's configuration
   * @param label a short name of the Sluice component, for example {@code amps-source}
   */
  public ConfigReader(String kind, String name, String label, Context context) {
    this.component = kind + " '" + name + "' (" + label + ")";
    this.context = Objects.requireNonNull(context, "context");
  }

  public static ConfigReader forSource(String name, String label, Context context) {
    return new ConfigReader("source", name, label, context);
  }

  public static ConfigReader forSink(String name, String label, Context context) {
    return new ConfigReader("sink", name, label, context);
  }

  /** How the component is named in messages, for example {@code sink 'k1' (header-filename)}. */
  public String component() {
    return component;
  }

  // ---------------------------------------------------------------- strings

  /** The value, or null when the key is absent. An empty value counts as absent. */
  public String optionalString(String key) {
    knownKeys.add(key);
    String v = context.getString(key);
    return v == null || v.isEmpty() ? null : v;
  }

  public String string(String key, String defaultValue) {
    recordDefault(key, defaultValue);
    String v = optionalString(key);
    return v == null ? defaultValue : v;
  }

  /**
   * A key that must be present and not blank.
   *
   * @param meaning what the key is for, shown in the error
   */
  public String requiredString(String key, String meaning) {
    String v = optionalString(key);
    if (v == null || v.trim().isEmpty()) {
      problems.add(new ConfigProblem(key, v, "required (" + meaning + ")"));
      return null;
    }
    return v;
  }

  /** One of a fixed set of words, compared without regard to case; returns the canonical word. */
  public String oneOf(String key, String defaultValue, String... allowed) {
    recordDefault(key, defaultValue);
    String v = optionalString(key);
    if (v == null) {
      return defaultValue;
    }
    for (String a : allowed) {
      if (a.equalsIgnoreCase(v.trim())) {
        return a;
      }
    }
    problems.add(new ConfigProblem(key, v, "must be one of " + String.join(", ", allowed)));
    return defaultValue;
  }

  /** An enum constant named by the value: case and '-' versus '_' do not matter. */
  public <E extends Enum<E>> E enumValue(String key, E defaultValue, Class<E> type) {
    recordDefault(
        key,
        defaultValue == null
            ? null
            : defaultValue.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    String v = optionalString(key);
    if (v == null) {
      return defaultValue;
    }
    String wanted = v.trim().replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(wanted)) {
        return e;
      }
    }
    String allowed =
        Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
            .collect(Collectors.joining(", "));
    problems.add(new ConfigProblem(key, v, "must be one of " + allowed));
    return defaultValue;
  }

  // ---------------------------------------------------------------- numbers and booleans

  public int positiveInt(String key, int defaultValue) {
    return intInRange(key, defaultValue, 1, Integer.MAX_VALUE);
  }

  public int intInRange(String key, int defaultValue, int min, int max) {
    return (int) longInRange(key, defaultValue, min, max);
  }

  public long longInRange(String key, long defaultValue, long min, long max) {
    recordDefault(key, Long.toString(defaultValue));
    String v = optionalString(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    problems.add(new ConfigProblem(key, v, "must be an integer " + range(min, max)));
    return defaultValue;
  }

  public double doubleInRange(String key, double defaultValue, double min, double max) {
    recordDefault(key, Double.toString(defaultValue));
    String v = optionalString(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (d >= min && d <= max) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    problems.add(new ConfigProblem(key, v, "must be a number from " + min + " to " + max));
    return defaultValue;
  }

  /** Only {@code true} or {@code false} (any case): a typo such as {@code ture} is an error. */
  public boolean bool(String key, boolean defaultValue) {
    recordDefault(key, Boolean.toString(defaultValue));
    String v = optionalString(key);
    if (v == null) {
      return defaultValue;
    }
    String t = v.trim();
    if (t.equalsIgnoreCase("true")) {
      return true;
    }
    if (t.equalsIgnoreCase("false")) {
      return false;
    }
    problems.add(new ConfigProblem(key, v, "must be true or false"));
    return defaultValue;
  }

  /**
   * A duration in milliseconds. A plain number is milliseconds, as everywhere in Flume; a suffix
   * {@code ms}, {@code s}, {@code m}, {@code h} or {@code d} may be given instead.
   */
  public long durationMillis(String key, long defaultMillis, long minMillis, long maxMillis) {
    return duration(key, defaultMillis, minMillis, maxMillis, "ms", "milliseconds");
  }

  /**
   * A duration in milliseconds for a key whose plain numbers are seconds, as Flume's file sinks
   * read {@code rollInterval} and {@code idleTimeout}; a suffix {@code ms}, {@code s}, {@code m},
   * {@code h} or {@code d} may be given instead.
   */
  public long durationSecondsAsMillis(
      String key, long defaultMillis, long minMillis, long maxMillis) {
    return duration(key, defaultMillis, minMillis, maxMillis, "s", "seconds");
  }

  private long duration(
      String key,
      long defaultMillis,
      long minMillis,
      long maxMillis,
      String plainUnit,
      String plainWord) {
    recordDefault(
        key,
        plainUnit.equals("s") && defaultMillis % 1000 != 0
            ? defaultMillis + "ms"
            : Long.toString(plainUnit.equals("s") ? defaultMillis / 1000 : defaultMillis));
    String v = optionalString(key);
    if (v == null) {
      return defaultMillis;
    }
    Matcher m = DURATION.matcher(v.trim());
    if (m.matches()) {
      try {
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? plainUnit : m.group(2);
        long millis = Math.multiplyExact(n, unitMillis(unit));
        if (millis >= minMillis && millis <= maxMillis) {
          return millis;
        }
      } catch (ArithmeticException | NumberFormatException e) {
        // reported below with the allowed range
      }
    }
    problems.add(
        new ConfigProblem(
            key,
            v,
            "must be a duration "
                + range(minMillis, maxMillis)
                + " milliseconds (a plain number is "
                + plainWord
                + "; suffixes ms, s, m, h, d)"));
    return defaultMillis;
  }

  private static long unitMillis(String unit) {
    if (unit == null || unit.equals("ms")) {
      return 1;
    }
    switch (unit) {
      case "s":
        return 1_000L;
      case "m":
        return 60_000L;
      case "h":
        return 3_600_000L;
      default:
        return 86_400_000L;
    }
  }

  /** A Java regular expression, compiled; null when absent. */
  public Pattern regex(String key) {
    String v = optionalString(key);
    if (v == null) {
      return null;
    }
    try {
      return Pattern.compile(v);
    } catch (PatternSyntaxException e) {
      problems.add(
          new ConfigProblem(
              key, v, "must be a Java regular expression (" + e.getDescription() + ")"));
      return null;
    }
  }

  // ---------------------------------------------------------------- structured keys

  /**
   * A list given either as one key ({@code uri}) or as numbered keys from 1 with no gaps ({@code
   * uri1}, {@code uri2}, ...). Returns an empty list when neither is present and the list is not
   * required.
   */
  public List<String> indexedList(String base, boolean required, String meaning) {
    knownKeys.add(base);
    knownPrefixes.add(base);
    Pattern numbered = Pattern.compile(Pattern.quote(base) + "([1-9][0-9]{0,4})");
    TreeMap<Integer, String> byIndex = new TreeMap<>();
    for (Map.Entry<String, String> e : context.getParameters().entrySet()) {
      Matcher m = numbered.matcher(e.getKey());
      if (m.matches() && !e.getValue().isEmpty()) {
        byIndex.put(Integer.parseInt(m.group(1)), e.getValue());
      }
    }
    String single = optionalString(base);
    if (single != null && !byIndex.isEmpty()) {
      problems.add(
          new ConfigProblem(
              base, single, "give either " + base + " or " + base + "1.." + base + "N, not both"));
      return List.of();
    }
    if (single != null) {
      return List.of(single);
    }
    if (byIndex.isEmpty()) {
      if (required) {
        problems.add(
            new ConfigProblem(
                base,
                null,
                "required as " + base + " or " + base + "1.." + base + "N (" + meaning + ")"));
      }
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (int i = 1; i <= byIndex.lastKey(); i++) {
      String v = byIndex.get(i);
      if (v == null) {
        problems.add(
            new ConfigProblem(
                base + i,
                null,
                "numbered keys must run from "
                    + base
                    + "1 with no gaps, but "
                    + base
                    + byIndex.lastKey()
                    + " is set and "
                    + base
                    + i
                    + " is not"));
        return List.of();
      }
      values.add(v);
    }
    return values;
  }

  /** Every key under {@code prefix} (the prefix removed); all of them count as known. */
  public Map<String, String> subProperties(String prefix) {
    knownPrefixes.add(prefix);
    return context.getSubProperties(prefix);
  }

  /**
   * Every key a getter has read or {@link #knownKeys} declared, plus each known prefix followed by
   * {@code *}: what the component's documentation must list (tests compare the two).
   */
  public Set<String> readKeys() {
    Set<String> keys = new TreeSet<>(knownKeys);
    keys.removeAll(FLUME_KEYS);
    for (String prefix : knownPrefixes) {
      if (!FLUME_PREFIXES.contains(prefix)) {
        keys.add(prefix + "*");
      }
    }
    return keys;
  }

  /**
   * The default of every key read with one, as the value a user would write to get it (a duration
   * in the key's plain unit, an enum as its lower-case word): what the docs' default column must
   * say (tests compare the two). Keys read without a default (optional, required) are absent.
   */
  public Map<String, String> defaults() {
    return Collections.unmodifiableMap(new TreeMap<>(defaults));
  }

  private void recordDefault(String key, String value) {
    if (value != null) {
      defaults.putIfAbsent(key, value);
    }
  }

  /** Marks keys that the component reads in some other way (for example through Flume). */
  public void knownKeys(String... keys) {
    knownKeys.addAll(Arrays.asList(keys));
  }

  /** Marks every key starting with one of these prefixes as known. */
  public void knownPrefixes(String... prefixes) {
    knownPrefixes.addAll(Arrays.asList(prefixes));
  }

  // ---------------------------------------------------------------- problems

  /** Records a problem found by a check across keys, for example {@code maxBatch} too large. */
  public void problem(String key, String value, String allowed) {
    problems.add(new ConfigProblem(key, value, allowed));
  }

  /** The raw value of a key, for messages about combinations of keys. */
  public String raw(String key) {
    return context.getString(key);
  }

  public List<ConfigProblem> problems() {
    return List.copyOf(problems);
  }

  /**
   * {@link #finish()}, with every value and explanation in the reported problems also passed
   * through the redactor: for components configured with secrets (the passwords of their server
   * URIs) that could otherwise show up in a problem about another key.
   */
  public void finish(CredentialRedactor redactor) {
    try {
      finish();
    } catch (InvalidConfigurationException e) {
      List<ConfigProblem> masked = new ArrayList<>();
      for (ConfigProblem p : e.problems()) {
        masked.add(
            new ConfigProblem(p.key(), redactor.redact(p.value()), redactor.redact(p.allowed())));
      }
      throw new InvalidConfigurationException(e.component(), masked);
    }
  }

  /**
   * Reports unknown keys (a warning, or a problem under {@code strictConfig = true}) and throws
   * {@link InvalidConfigurationException} listing every problem, if there is any.
   */
  public void finish() {
    boolean strict = bool(STRICT_CONFIG, false);
    for (String unknown : unknownKeys()) {
      String suggestion = KeySuggester.suggest(unknown, knownKeys);
      String allowed =
          "not a key of this component"
              + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?");
      if (strict) {
        problems.add(new ConfigProblem(unknown, context.getString(unknown), allowed));
      } else {
        LOG.warn(
            "{}: ignoring {} = '{}': {} (set {} = true to make this an error)",
            component,
            unknown,
            ConfigProblem.redact(unknown, context.getString(unknown)),
            allowed,
            STRICT_CONFIG);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(component, problems);
    }
  }

  /** Keys present in the context that no getter read and no prefix covers, sorted. */
  public Set<String> unknownKeys() {
    Set<String> unknown = new TreeSet<>();
    for (String key : context.getParameters().keySet()) {
      if (knownKeys.contains(key)) {
        continue;
      }
      boolean covered = false;
      for (String prefix : knownPrefixes) {
        if (key.startsWith(prefix)) {
          covered = true;
          break;
        }
      }
      if (!covered) {
        unknown.add(key);
      }
    }
    return unknown;
  }

  private static String range(long min, long max) {
    if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
      return "of at least " + min;
    }
    return "from " + min + " to " + max;
  }
}
