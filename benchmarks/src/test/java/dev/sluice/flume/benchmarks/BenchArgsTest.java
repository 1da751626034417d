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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.benchmarks.BenchArgs.UsageException;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchArgsTest {
  private static final String USAGE = "[--rounds R] [--events N] [--dir DIR] [--quick]";

  private static BenchArgs parse(String... args) {
    return BenchArgs.parse(
        "fake",
        args,
        List.of("--rounds", "--events", "--dir", "--warmup"),
        List.of("--quick"),
        USAGE);
  }

  private static String refused(String... args) {
    return assertThrows(UsageException.class, () -> parse(args)).getMessage();
  }

  @Test
  void unknownOptionIsRefusedNamingItTheBenchmarkAndTheUsage() {
    assertEquals(
        "bin/bench fake: unknown argument --round; usage: " + USAGE, refused("--round", "5"));
  }

  @Test
  void aValueThatIsNotAWholeNumberIsRefusedWithTheValueGiven() {
    BenchArgs a = parse("--rounds", "five", "--events", "1e6");
    UsageException rounds = assertThrows(UsageException.class, () -> a.positive("--rounds", 5));
    assertEquals(
        "bin/bench fake: --rounds wants a whole number of at least 1, got 'five'; usage: " + USAGE,
        rounds.getMessage());
    UsageException events = assertThrows(UsageException.class, () -> a.positive("--events", 10));
    assertTrue(events.getMessage().contains("got '1e6'"), events.getMessage());
  }

  @Test
  void roundsBelowOneAreRefused() {
    for (String n : List.of("0", "-3")) {
      BenchArgs a = parse("--rounds", n);
      UsageException e = assertThrows(UsageException.class, () -> a.positive("--rounds", 5));
      assertTrue(e.getMessage().contains("at least 1, got '" + n + "'"), e.getMessage());
    }
  }

  @Test
  void aNonNegativeOptionTakesZeroAndRefusesLessNamingTheValue() {
    assertEquals(0, parse("--warmup", "0").nonNegative("--warmup", 5));
    assertEquals(5, parse().nonNegative("--warmup", 5));
    for (String n : List.of("-1", "x")) {
      BenchArgs a = parse("--warmup", n);
      UsageException e = assertThrows(UsageException.class, () -> a.nonNegative("--warmup", 5));
      assertTrue(
          e.getMessage().contains("--warmup wants a whole number of at least 0, got '" + n + "'"),
          e.getMessage());
    }
  }

  @Test
  void anOptionWithoutItsValueOrGivenTwiceIsRefused() {
    assertTrue(refused("--quick", "--rounds").contains("--rounds needs a value"));
    assertTrue(refused("--rounds", "3", "--rounds", "4").contains("--rounds is given twice"));
    assertTrue(refused("--quick", "--quick").contains("--quick is given twice"));
  }

  @Test
  void anExplicitValueWinsOverWhatQuickImpliesInEitherOrder() {
    for (BenchArgs a :
        List.of(parse("--quick", "--rounds", "7"), parse("--rounds", "7", "--quick"))) {
      boolean quick = a.flag("--quick");
      assertTrue(quick);
      assertEquals(7, a.positive("--rounds", quick ? 2 : 5));
      assertEquals(2_000, a.positive("--events", quick ? 2_000 : 200_000));
    }
  }

  @Test
  void absentOptionsGiveTheirDefaults() {
    BenchArgs a = parse();
    assertFalse(a.flag("--quick"));
    assertEquals(5, a.positive("--rounds", 5));
    assertEquals("x", a.text("--dir", "x"));
    assertNull(a.path("--dir"));
    assertEquals(Paths.get("/tmp/d"), parse("--dir", "/tmp/d").path("--dir"));
  }

  @Test
  void commandIsTheCommandLineAUserReruns() {
    assertEquals("bin/bench fake --rounds 3 --quick", parse("--rounds", "3", "--quick").command());
    assertEquals("bin/bench fake", parse().command());
  }
}
