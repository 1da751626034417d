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

import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildCommandTest {
  private static final String AGENT =
      "-javaagent:/m2/org.jacoco.agent-runtime.jar=destfile=/m/target/jacoco-it.exec,append=true";

  @Test
  void coverageAgentComesFirstSoChildCodeIsInstrumentedFromItsFirstClass() {
    List<String> line =
        ChildCommand.jvm(
            " " + AGENT + " ",
            List.of("-Xmx64m"),
            Map.of("k", "v"),
            List.of(Paths.get("/cp.jar")),
            "com.example.Main",
            List.of("arg"),
            0);

    assertEquals(
        List.of(
            ChildCommand.javaExecutable().toString(),
            AGENT,
            "-Xmx64m",
            "-Dk=v",
            "-cp",
            "/cp.jar",
            "com.example.Main",
            "arg"),
        line);
  }

  @Test
  void noCoverageAgentAddsNothing() {
    List<String> line =
        ChildCommand.jvm("", List.of(), Map.of(), List.of(), "com.example.Main", List.of(), 0);

    assertEquals(List.of(ChildCommand.javaExecutable().toString(), "com.example.Main"), line);
  }

  @Test
  void buildOptionsComeBeforeTheChildsOwnSoTheChildsWin() {
    assertEquals(
        List.of(
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-XX:TieredStopAtLevel=4"),
        ChildCommand.options(
            "  -XX:TieredStopAtLevel=1 \t -XX:+UseSerialGC ",
            List.of("-Xmx64m", "-XX:TieredStopAtLevel=4")));
    assertEquals(List.of("-Xmx64m"), ChildCommand.options(" ", List.of("-Xmx64m")));
    assertEquals(List.of(), ChildCommand.options("", List.of()));
    // Two collectors stop a JVM from starting: the child's own choice replaces the build's.
    assertEquals(
        List.of("-XX:TieredStopAtLevel=1", "-XX:+UseG1GC"),
        ChildCommand.options("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC", List.of("-XX:+UseG1GC")));
  }
}
