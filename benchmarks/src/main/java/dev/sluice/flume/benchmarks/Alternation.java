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
package dev.sluice.flume.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The order in which a benchmark runs its variants in each round: as given in odd rounds (the
 * first, the third, ...), reversed in even ones, so that no variant always runs first or last, when
 * the machine is coldest or most loaded. Every benchmark of the results page that alternates its
 * variants this way takes the order from here.
 */
public final class Alternation {
  private Alternation() {}

  /**
   * The variants in the order of round {@code round} (0 for the first): {@code variants} as given
   * when {@code round} is even, reversed when it is odd. A new list; the argument is not changed.
   */
  public static <V> List<V> orderOf(int round, List<V> variants) {
    if (round < 0) {
      throw new IllegalArgumentException("round " + round + " < 0");
    }
    List<V> order = new ArrayList<>(variants);
    if (round % 2 == 1) {
      Collections.reverse(order);
    }
    return order;
  }
}
