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
package dev.sluice.flume.planner;

import java.util.List;

/** A description the planner cannot use: every problem found, each naming its field. */
final class DescriptionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  DescriptionException(List<String> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    StringBuilder sb = new StringBuilder();
    sb.append("the topology description has ")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem:" : " problems:");
    for (String p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }
}
