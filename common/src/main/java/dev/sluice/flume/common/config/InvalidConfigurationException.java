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

import java.util.Collections;
import java.util.List;
import org.apache.flume.FlumeException;

/**
 * Thrown from {@code configure()} when a component's configuration is wrong. The message lists
 * every problem found, each naming the component, the key, the value given and what is allowed:
 *
 * <pre>
 * Invalid configuration for sink 'k1' (header-filename):
 *   - maxOpenFiles = '0': must be an integer from 1 to 100000
 *   - directory is missing: required (the base directory files are written under)
 * </pre>
 *
 * It extends {@link FlumeException} (unchecked) because Flume's {@code Configurable.configure}
 * declares no checked exception.
 */
public final class InvalidConfigurationException extends FlumeException {
  private static final long serialVersionUID = 1L;

  private final String component;
  private final transient List<ConfigProblem> problems;

  public InvalidConfigurationException(String component, List<ConfigProblem> problems) {
    super(format(component, problems));
    this.component = component;
    this.problems = Collections.unmodifiableList(List.copyOf(problems));
  }

  /** The component described, for example {@code sink 'k1' (header-filename)}. */
  public String component() {
    return component;
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String format(String component, List<ConfigProblem> problems) {
    StringBuilder sb =
        new StringBuilder("Invalid configuration for ").append(component).append(':');
    for (ConfigProblem p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }
}
