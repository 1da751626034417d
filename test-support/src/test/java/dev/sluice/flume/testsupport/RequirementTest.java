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

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RequirementTest {
  private static final Requirement CI = Requirement.forEnvironment(Map.of("CI", "true"));
  private static final Requirement LOCAL = Requirement.forEnvironment(Map.of());

  @Test
  void underCiAMissingThingFailsTheTestNamingIt() {
    AssertionError e = assertThrows(AssertionError.class, () -> CI.check(false, () -> "python3"));
    assertTrue(e.getMessage().contains("python3"), e::getMessage);
    assertTrue(e.getMessage().contains("CI=true"), e::getMessage);
  }

  @Test
  void elsewhereAMissingThingSkipsTheTestWithTheReason() {
    TestAbortedException e =
        assertThrows(TestAbortedException.class, () -> LOCAL.check(false, () -> "root for mount"));
    assertTrue(e.getMessage().contains("root for mount"), e::getMessage);
  }

  @Test
  void aMetRequirementNeitherFailsNorSkipsNorBuildsTheMessage() {
    CI.check(true, () -> fail());
    LOCAL.check(true, () -> fail());
  }

  @Test
  void ciMeansTheVariableIsTrue() {
    assertThrows(
        TestAbortedException.class,
        () -> Requirement.forEnvironment(Map.of("CI", "false")).check(false, () -> "x"));
    assertThrows(
        AssertionError.class,
        () -> Requirement.forEnvironment(Map.of("CI", "TRUE")).check(false, () -> "x"));
  }

  private static String fail() {
    throw new AssertionError("the message was built for a met requirement");
  }
}
