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

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flume.Context;

/**
 * A Flume {@link Context} that remembers every key a component asked for (and every prefix it read
 * sub-properties of, as {@code prefix*}), so a test can compare them with the keys its docs list.
 */
public final class RecordingContext extends Context {
  private final Set<String> asked = new TreeSet<>();

  public RecordingContext(Map<String, String> parameters) {
    super(parameters);
  }

  /** The keys asked for, sorted; sub-property prefixes end with {@code *}. */
  public synchronized Set<String> asked() {
    return new TreeSet<>(asked);
  }

  @Override
  public synchronized String getString(String key) {
    asked.add(key);
    return super.getString(key);
  }

  @Override
  public synchronized String getString(String key, String defaultValue) {
    asked.add(key);
    return super.getString(key, defaultValue);
  }

  @Override
  public synchronized Map<String, String> getSubProperties(String prefix) {
    asked.add(prefix + "*");
    return super.getSubProperties(prefix);
  }
}
