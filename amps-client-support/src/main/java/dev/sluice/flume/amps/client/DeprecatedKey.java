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
package dev.sluice.flume.amps.client;

import dev.sluice.flume.common.config.ConfigReader;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A former name of a shared client key, kept working: a value given under it is read (in its old
 * unit) and the component logs one warning naming the new key. Giving both names is an error.
 */
public final class DeprecatedKey {
  /** The old name's plain numbers: milliseconds or seconds. */
  public enum Unit {
    MILLISECONDS,
    SECONDS
  }

  public final String oldName;
  public final String newName;
  public final Unit unit;

  private DeprecatedKey(String oldName, String newName, Unit unit) {
    this.oldName = Objects.requireNonNull(oldName, "oldName");
    this.newName = Objects.requireNonNull(newName, "newName");
    this.unit = Objects.requireNonNull(unit, "unit");
  }

  /** {@code oldName} held milliseconds, as {@code newName} does. */
  public static DeprecatedKey millis(String oldName, String newName) {
    return new DeprecatedKey(oldName, newName, Unit.MILLISECONDS);
  }

  /** {@code oldName} held seconds; {@code newName} holds milliseconds. */
  public static DeprecatedKey seconds(String oldName, String newName) {
    return new DeprecatedKey(oldName, newName, Unit.SECONDS);
  }

  @Override
  public String toString() {
    return oldName + " -> " + newName;
  }

  /** Reads shared keys through their aliases. */
  static final class Renames {
    private final ConfigReader r;
    private final List<DeprecatedKey> aliases;
    private final Consumer<String> warnings;

    Renames(ConfigReader r, List<DeprecatedKey> aliases, Consumer<String> warnings) {
      this.r = r;
      this.aliases = List.copyOf(aliases);
      this.warnings = warnings;
    }

    long durationMillis(String key, long defaultMillis, long minMillis, long maxMillis) {
      long value = r.durationMillis(key, defaultMillis, minMillis, maxMillis);
      DeprecatedKey old = used(key);
      if (old == null) {
        return value;
      }
      if (given(key)) {
        r.problem(
            old.oldName,
            r.raw(old.oldName),
            "renamed to " + key + ", which is set too: remove " + old.oldName);
        return value;
      }
      warnings.accept(
          old.oldName
              + " is deprecated: it was renamed to "
              + key
              + (old.unit == Unit.SECONDS ? " (in milliseconds)" : "")
              + "; read this time, set "
              + key
              + " instead");
      return old.unit == Unit.SECONDS
          ? r.durationSecondsAsMillis(old.oldName, defaultMillis, minMillis, maxMillis)
          : r.durationMillis(old.oldName, defaultMillis, minMillis, maxMillis);
    }

    /** The key the value of {@code key} came from: its old name when only that was given. */
    String keyGiven(String key) {
      DeprecatedKey old = used(key);
      return old != null && !given(key) ? old.oldName : key;
    }

    /** The value as given, under whichever name. */
    String rawGiven(String key) {
      return r.raw(keyGiven(key));
    }

    private DeprecatedKey used(String key) {
      for (DeprecatedKey a : aliases) {
        if (a.newName.equals(key) && given(a.oldName)) {
          return a;
        }
      }
      return null;
    }

    private boolean given(String key) {
      String v = r.raw(key);
      return v != null && !v.isEmpty();
    }
  }
}
