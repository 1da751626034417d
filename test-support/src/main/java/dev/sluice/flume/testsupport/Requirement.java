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
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for a test that needs something the machine may lack (a server such as carbon, a
 * tool such as python3, root for {@code mount}, the testkit rather than a real AMPS): on a
 * developer's machine the test is skipped with the reason; when the environment variable {@code CI}
 * is {@code true} it fails, saying what is missing, because CI must run it.
 *
 * <pre>{@code
 * Requirement.require(CarbonCacheServer.isInstalled(),
 *     "carbon-cache and whisper-fetch (apt-get install graphite-carbon python3-whisper)");
 * }</pre>
 */
public final class Requirement {
  private final boolean ci;

  private Requirement(boolean ci) {
    this.ci = ci;
  }

  /**
   * Returns if {@code met}; otherwise fails the test under {@code CI=true} and skips it elsewhere.
   *
   * @param whatIsMissing what the test needs, and how to get it, for the message
   * @throws AssertionError under {@code CI=true} when not met
   * @throws org.opentest4j.TestAbortedException elsewhere when not met (JUnit reports the test
   *     skipped)
   */
  public static void require(boolean met, String whatIsMissing) {
    forEnvironment(System.getenv()).check(met, () -> whatIsMissing);
  }

  /** As {@link #require(boolean, String)}, building the message only when it is needed. */
  public static void require(boolean met, Supplier<String> whatIsMissing) {
    forEnvironment(System.getenv()).check(met, whatIsMissing);
  }

  /** Whether this run is CI ({@code CI=true}), where nothing may be skipped for a lack. */
  public static boolean isCi() {
    return forEnvironment(System.getenv()).ci;
  }

  static Requirement forEnvironment(Map<String, String> environment) {
    return new Requirement("true".equalsIgnoreCase(environment.get("CI")));
  }

  void check(boolean met, Supplier<String> whatIsMissing) {
    if (met) {
      return;
    }
    String missing = Objects.requireNonNull(whatIsMissing.get(), "whatIsMissing");
    if (ci) {
      throw new AssertionError("CI=true, so this test must run, but it needs " + missing);
    }
    Assumptions.abort("skipped: this test needs " + missing + " (with CI=true it fails instead)");
  }
}
