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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class DatapointTest {
  @Test
  void smallDecimalsKeepEverySignificantDigitWithoutAnExponent() {
    assertEquals("0.0005", Datapoint.ofDouble("x", 5.0E-4).valueText());
    assertEquals("0.000000000123456789", Datapoint.ofDouble("x", 1.23456789E-10).valueText());
    assertEquals("0.1", Datapoint.ofDouble("x", 0.1).valueText());
    assertEquals("2.5", Datapoint.ofDouble("x", 2.5).valueText());
    assertEquals("3", Datapoint.ofDouble("x", 3.0).valueText());
    assertEquals("100000000000000000000", Datapoint.ofDouble("x", 1.0E20).valueText());
    assertEquals("-0.00123", Datapoint.ofDouble("x", -0.00123).valueText());
  }

  @Test
  void decimalTextReadsBackAsTheSameDouble() {
    double[] samples = {
      1.0 / 3, Math.PI * 1e-7, 123456.789012345, 4.9e-300, 1.7976931348623157e308
    };
    for (double d : samples) {
      assertEquals(d, Double.parseDouble(Datapoint.formatDouble(d)), "round trip of " + d);
    }
  }

  @Test
  void wholeNumbersStayExact() {
    assertEquals("9007199254740993", Datapoint.ofLong("x", 9007199254740993L).valueText());
    assertEquals("-42", Datapoint.ofLong("x", -42).valueText());
  }

  @Test
  void nonFiniteDecimalsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Datapoint.ofDouble("x", Double.NaN));
  }

  @Test
  void numericValuesOfEveryShapeBecomeDatapointsAndOthersDoNot() {
    assertTrue(NumericValue.toDatapoint("x", 5L).integral);
    assertTrue(NumericValue.toDatapoint("x", 5).integral);
    assertEquals(0.25, NumericValue.toDatapoint("x", 0.25f).doubleValue);
    assertEquals(12L, NumericValue.toDatapoint("x", "12").longValue);
    assertEquals(5.0E-4, NumericValue.toDatapoint("x", "5.0E-4").doubleValue);
    assertEquals(7L, NumericValue.toDatapoint("x", BigInteger.valueOf(7)).longValue);
    assertNull(NumericValue.toDatapoint("x", "SOURCE"));
    assertNull(NumericValue.toDatapoint("x", "NaN"));
    assertNull(NumericValue.toDatapoint("x", "12abc"));
    assertNull(NumericValue.toDatapoint("x", Double.POSITIVE_INFINITY));
    assertNull(NumericValue.toDatapoint("x", Boolean.TRUE));
    assertNull(NumericValue.toDatapoint("x", ""));
  }
}
