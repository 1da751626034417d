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
package dev.sluice.flume.sink.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * A template remembers its expansions per bucket of time; every answer must be what Flume's
 * BucketPath gives for the same event, whatever the zone, rounding and order of the timestamps.
 */
class PathTemplateCacheTest {
  private static final String[] TEMPLATES = {
    "orders/%{symbol}/%Y%m%d%H.jsonl",
    "%{a}/%Y-%m-%d/%{b}.log",
    "%{a}/%H%M.log",
    "%{a}/%H%M%S-%s.log",
    "%{a}/%c.log",
    "%{a}/%z/%k-%l%p.log",
    "%{a}/%A-%a-%B-%b-%e-%D-%j-%n-%y.log",
    "%{a}/%t.log",
    "%{a}/100%%.log",
    "static/%{a}.log",
  };

  private static final String[] ZONES = {
    "UTC",
    "America/New_York",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Europe/London",
    "America/St_Johns",
  };

  /** Round settings: off; to 10 minutes; to 1 hour; to 15 seconds. */
  private static final int[][] ROUNDS = {
    {0, 0, 1}, {1, Calendar.MINUTE, 10}, {1, Calendar.HOUR_OF_DAY, 1}, {1, Calendar.SECOND, 15},
  };

  @Test
  void everyExpansionIsWhatBucketPathGives() {
    Random random = new Random(17);
    int checked = 0;
    for (String template : TEMPLATES) {
      for (String zone : ZONES) {
        for (int[] r : ROUNDS) {
          PathTemplate t =
              PathTemplate.of(template, TimeZone.getTimeZone(zone), r[0] == 1, r[1], r[2], false);
          for (long time : times(zone, random)) {
            Map<String, String> headers =
                Map.of(
                    "symbol",
                    "S" + random.nextInt(3),
                    "a",
                    "a" + random.nextInt(2),
                    "b",
                    "b",
                    "timestamp",
                    Long.toString(time));
            assertEquals(
                t.escape(headers, 0),
                t.expand(headers, 0),
                template + " in " + zone + " round " + r[1] + "/" + r[2] + " at " + time);
            checked++;
          }
        }
      }
    }
    assertTrue(checked > 100_000, "checked " + checked);
  }

  @Test
  void localTimeStampsToo() {
    PathTemplate t =
        PathTemplate.of(
            "%{a}/%Y%m%d%H%M.log", TimeZone.getTimeZone("America/New_York"), false, 0, 1, true);
    Map<String, String> headers = Map.of("a", "x");
    for (long time : times("America/New_York", new Random(3))) {
      assertEquals(t.escape(headers, time), t.expand(headers, time), "at " + time);
    }
  }

  /**
   * Runs of rising times (the usual case, which the cache serves) and jumps back and forth, around
   * each daylight-saving change of 2026 in the zone and at random.
   */
  private static List<Long> times(String zone, Random random) {
    ZoneId z = ZoneId.of(zone);
    List<Long> starts = new ArrayList<>();
    starts.add(ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, z).toInstant().toEpochMilli() - 1_000);
    var rules = z.getRules();
    var t = rules.nextTransition(ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, z).toInstant());
    for (int i = 0; i < 2 && t != null; i++) {
      starts.add(t.getInstant().toEpochMilli() - 90 * 60_000L);
      t = rules.nextTransition(t.getInstant());
    }
    for (int i = 0; i < 3; i++) {
      starts.add(1_600_000_000_000L + (long) (random.nextDouble() * 400_000_000_000L));
    }
    List<Long> times = new ArrayList<>();
    for (long start : starts) {
      long time = start;
      for (int i = 0; i < 200; i++) {
        times.add(time);
        // Steps from 1 ms to about 1.5 hours, so buckets of every unit are crossed.
        time += (long) Math.pow(10, random.nextDouble() * 6.7);
      }
      times.add(start + 3 * 60_000L);
      times.add(start - 1);
    }
    return times;
  }
}
