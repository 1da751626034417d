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

/**
 * {@code ./sluice-demo}: the tiered AMPS → Flume → files pipeline on one machine. Prints progress
 * and a summary; exits 0 when nothing is missing, 1 when something is, 2 on a usage error.
 */
public final class DemoMain {
  private DemoMain() {}

  public static void main(String[] args) throws Exception {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    DemoSummary summary;
    try {
      summary = new Demo(options, System.out).run();
    } catch (IllegalStateException e) {
      // The run could not finish (a server died, a publisher hung): say why, without a stack.
      System.err.println(
          "sluice-demo: "
              + e.getMessage()
              + (e.getCause() == null ? "" : "\n  caused by: " + e.getCause()));
      System.exit(1);
      return;
    }
    System.out.println(summary);
    System.exit(summary.ok() ? 0 : 1);
  }
}
