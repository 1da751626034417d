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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlternationTest {
  @Test
  void firstRoundAsGivenSecondReversedAndSoOn() {
    List<String> v = List.of("a", "b", "c");
    assertEquals(List.of("a", "b", "c"), Alternation.orderOf(0, v));
    assertEquals(List.of("c", "b", "a"), Alternation.orderOf(1, v));
    assertEquals(List.of("a", "b", "c"), Alternation.orderOf(4, v));
    assertEquals(List.of("c", "b", "a"), Alternation.orderOf(5, v));
  }

  @Test
  void leavesItsArgumentAloneAndRefusesANegativeRound() {
    List<String> v = new ArrayList<>(List.of("x", "y"));
    Alternation.orderOf(1, v).clear();
    assertEquals(List.of("x", "y"), v);
    assertThrows(IllegalArgumentException.class, () -> Alternation.orderOf(-1, v));
  }
}
