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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's first command's pipeline the way {@code ./sluice-demo} does, with a small
 * count: the real AMPS testkit server, three real Flume agents with the built plugin tarballs, and
 * the real AMPS client publishing. Every order the server acknowledged must be written once, and
 * the summary must report no problem.
 */
class DemoIT {
  private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();

  @Test
  void deliversEveryOrderToTheFileOfItsSymbol() throws Exception {
    DemoSummary s = run(DemoOptions.defaults(ROOT, dir("plain")).withEvents(3_000).withRate(3_000));
    assertEquals(3_015, s.planned);
    assertEquals(3_015, s.acknowledged, "the server acknowledged every order: " + s);
    assertEquals(0, s.missing(), s::toString);
    assertEquals(s.acknowledged, s.audit.unique, s::toString);
    assertEquals(0, s.audit.unparseable, s::toString);
    assertEquals(0, s.audit.misplaced, s::toString);
    assertEquals(0, s.audit.inUseFiles, s::toString);
    assertEquals(List.of(), s.problems(), s::toString);
  }

  @Test
  void losesNothingWhenAnAggregatorIsKilledMidRun() throws Exception {
    DemoSummary s =
        run(
            DemoOptions.defaults(ROOT, dir("kill"))
                .withEvents(20_000)
                .withRate(2_000)
                .withKillAggregator(true));
    assertTrue(s.killNote != null && s.killNote.contains("SIGKILL"), s::toString);
    assertEquals(20_015, s.acknowledged, "the server acknowledged every order: " + s);
    assertEquals(0, s.missing(), s::toString);
    assertEquals(s.acknowledged, s.audit.unique, s::toString);
    assertEquals(List.of(), s.problems(), s::toString);
  }

  private static Path dir(String name) {
    return Paths.get("target", "demo-it", name).toAbsolutePath();
  }

  private static DemoSummary run(DemoOptions options) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    DemoSummary s = new Demo(options, out).run();
    System.out.println(log.toString(StandardCharsets.UTF_8));
    System.out.println(s);
    return s;
  }
}
