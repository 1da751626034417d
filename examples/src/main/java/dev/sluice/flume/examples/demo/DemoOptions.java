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
package dev.sluice.flume.examples.demo;

import java.nio.file.Path;
import java.nio.file.Paths;

/** The demo's command line: {@code sluice-demo [--events N] [--rate R] [--kill-aggregator]}. */
final class DemoOptions {
  /**
   * The most orders a run may publish: the AMPS testkit keeps every logged order in memory (see
   * {@link DemoTopology#testkitHeapMegabytes}), so 5,000,000 already ask for a heap of about 5 GB.
   */
  static final long MAX_EVENTS = 5_000_000L;

  static final String USAGE =
      String.join(
          "\n",
          "usage: sluice-demo [--events N] [--rate R] [--kill-aggregator] [--dir DIR]",
          "  --events N          generated orders published after the seed's 15 (default 100000,"
              + " at most 5000000: the AMPS test server keeps every order in memory)",
          "  --rate R            orders per second, 0 = as fast as the server takes them"
              + " (default 20000)",
          "  --kill-aggregator   SIGKILL one aggregator mid-run, restart it, show nothing is lost",
          "  --dir DIR           where output, agent state and logs go"
              + " (default ./sluice-demo-output; emptied first)",
          "  --timeout SECONDS   give up when no progress for this long (default 120)");

  final long events;
  final int rate;
  final boolean killAggregator;
  final Path dir;
  final Path root;
  final long stallTimeoutSeconds;

  private DemoOptions(
      long events, int rate, boolean killAggregator, Path dir, Path root, long stall) {
    this.events = events;
    this.rate = rate;
    this.killAggregator = killAggregator;
    this.dir = dir;
    this.root = root;
    this.stallTimeoutSeconds = stall;
  }

  static DemoOptions defaults(Path root, Path dir) {
    return new DemoOptions(100_000, 20_000, false, dir, root, 120);
  }

  DemoOptions withEvents(long n) {
    return new DemoOptions(n, rate, killAggregator, dir, root, stallTimeoutSeconds);
  }

  DemoOptions withRate(int r) {
    return new DemoOptions(events, r, killAggregator, dir, root, stallTimeoutSeconds);
  }

  DemoOptions withKillAggregator(boolean k) {
    return new DemoOptions(events, rate, k, dir, root, stallTimeoutSeconds);
  }

  /** Parses the command line; {@code --root} is passed by the launcher script. */
  static DemoOptions parse(String[] args) {
    Path root = Paths.get(".").toAbsolutePath().normalize();
    DemoOptions o = defaults(root, root.resolve("sluice-demo-output"));
    boolean dirGiven = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--events":
          o = o.withEvents(parseLong(a, value(args, ++i, a), 0, MAX_EVENTS));
          break;
        case "--rate":
          o = o.withRate((int) parseLong(a, value(args, ++i, a), 0, 10_000_000L));
          break;
        case "--kill-aggregator":
          o = o.withKillAggregator(true);
          break;
        case "--dir":
          o =
              new DemoOptions(
                  o.events,
                  o.rate,
                  o.killAggregator,
                  Paths.get(value(args, ++i, a)).toAbsolutePath().normalize(),
                  o.root,
                  o.stallTimeoutSeconds);
          dirGiven = true;
          break;
        case "--root":
          Path r = Paths.get(value(args, ++i, a)).toAbsolutePath().normalize();
          o =
              new DemoOptions(
                  o.events,
                  o.rate,
                  o.killAggregator,
                  dirGiven ? o.dir : r.resolve("sluice-demo-output"),
                  r,
                  o.stallTimeoutSeconds);
          break;
        case "--timeout":
          o =
              new DemoOptions(
                  o.events,
                  o.rate,
                  o.killAggregator,
                  o.dir,
                  o.root,
                  parseLong(a, value(args, ++i, a), 10, 86_400));
          break;
        case "-h":
        case "--help":
          throw new IllegalArgumentException(USAGE);
        default:
          throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
      }
    }
    return o;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  private static long parseLong(String option, String v, long min, long max) {
    try {
      long n = Long.parseLong(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        option + " = '" + v + "': must be an integer from " + min + " to " + max + "\n" + USAGE);
  }
}
