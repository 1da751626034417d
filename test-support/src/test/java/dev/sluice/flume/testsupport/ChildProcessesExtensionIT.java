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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs small test classes through the JUnit engine and checks what the extension did. */
class ChildProcessesExtensionIT {
  static final Map<String, ServerProcess> STARTED = new ConcurrentHashMap<>();

  @Test
  void killsATestsChildrenAndAttachesTheirLogsWhenTheTestFails() {
    Throwable failure = onlyFailure(run(FailsWhileAChildRuns.class));

    ServerProcess talker = STARTED.get("talker");
    assertEquals("deliberate failure", failure.getMessage());
    String attached =
        Arrays.stream(failure.getSuppressed())
            .map(Throwable::getMessage)
            .collect(Collectors.joining("\n"));
    assertTrue(attached.contains("hello from the child"), attached);
    assertTrue(attached.contains(talker.logFile().toString()), attached);
    assertFalse(talker.isAlive(), "the failed test's child is still running");
  }

  @Test
  void killsATestsChildrenAfterAPassingTest() {
    run(PassesWithAChild.class).testEvents().assertStatistics(stats -> stats.succeeded(2));

    assertFalse(STARTED.get("per-test").isAlive());
    assertFalse(STARTED.get("before-all").isAlive());
  }

  @Test
  void perClassKeepsChildrenUntilEveryTestHasRun() {
    run(SharesAChildAcrossTests.class).testEvents().assertStatistics(stats -> stats.succeeded(2));

    assertFalse(STARTED.get("shared").isAlive());
  }

  @Test
  void perClassOnAnInstanceFieldIsRejected() {
    Throwable failure = onlyFailure(run(MisusesPerClass.class));

    assertTrue(failure.getMessage().contains("static field"), failure.getMessage());
  }

  private static EngineExecutionResults run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
  }

  private static Throwable onlyFailure(EngineExecutionResults results) {
    results.testEvents().assertStatistics(stats -> stats.failed(1));
    return results.testEvents().failed().stream()
        .findFirst()
        .flatMap(event -> event.getPayload(TestExecutionResult.class))
        .flatMap(TestExecutionResult::getThrowable)
        .orElseThrow();
  }

  private static ServerProcess cat(ChildProcessesExtension children, String name) {
    ServerProcess cat =
        children.start(
            ServerProcess.command(name, "/bin/sh", "-c", "echo hello from the child; exec cat")
                .workDir(children.workDir(name))
                .readiness(ReadinessProbe.logLine("hello from the child"), Duration.ofSeconds(60))
                .build());
    STARTED.put(name, cat);
    return cat;
  }

  static class FailsWhileAChildRuns {
    @RegisterExtension
    final ChildProcessesExtension children = ChildProcessesExtension.perTest().tailLines(5);

    @Test
    void failsWhileAChildRuns() {
      cat(children, "talker");
      fail("deliberate failure");
    }
  }

  static class PassesWithAChild {
    @RegisterExtension
    static final ChildProcessesExtension CHILDREN = ChildProcessesExtension.perTest();

    @BeforeAll
    static void startClassChild() {
      cat(CHILDREN, "before-all");
    }

    @Test
    void startsAChild() {
      assertTrue(cat(CHILDREN, "per-test").isAlive());
    }

    @Test
    void seesTheClassChildStillRunning() {
      assertTrue(STARTED.get("before-all").isAlive());
    }
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class SharesAChildAcrossTests {
    @RegisterExtension
    static final ChildProcessesExtension CHILDREN = ChildProcessesExtension.perClass();

    @Test
    @Order(1)
    void startsAChild() {
      cat(CHILDREN, "shared");
    }

    @Test
    @Order(2)
    void findsItStillRunning() {
      assertTrue(STARTED.get("shared").isAlive());
    }
  }

  static class MisusesPerClass {
    @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perClass();

    @Test
    void neverRuns() {
      fail("perClass() on an instance field must be rejected before the test");
    }
  }
}
