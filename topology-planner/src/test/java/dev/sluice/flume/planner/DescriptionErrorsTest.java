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
package dev.sluice.flume.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad descriptions: every problem at once, each naming its field, what was given and allowed. */
class DescriptionErrorsTest {
  private static List<String> problems(String yaml) {
    DescriptionException e =
        assertThrows(DescriptionException.class, () -> Sizing.plan(DescriptionReader.read(yaml)));
    return e.problems();
  }

  private static void assertProblem(List<String> problems, String... fragments) {
    for (String p : problems) {
      boolean all = true;
      for (String f : fragments) {
        all &= p.contains(f);
      }
      if (all) {
        return;
      }
    }
    throw new AssertionError("no problem with " + List.of(fragments) + " in " + problems);
  }

  private static String demo() throws IOException {
    return SizingTest.description("demo");
  }

  @Test
  void unknownKeyGetsTheClosestKnownKey() throws IOException {
    List<String> p = problems(demo().replace("peakEventsPerSecond:", "peakEventsPerSecnd:"));
    assertProblem(
        p, "producers[0].peakEventsPerSecnd: unknown key", "did you mean 'peakEventsPerSecond'?");
  }

  @Test
  void unknownTopLevelKeyAndBadChannelKindAreBothReported() throws IOException {
    List<String> p = problems(demo().replace("channel: file", "chanel: file\nchannel: fiel"));
    assertProblem(p, "chanel: unknown key", "did you mean 'channel'?");
    assertProblem(
        p,
        "channel: 'fiel' is not allowed",
        "file, memory, kafka, amps-channel",
        "did you mean 'file'?");
    assertEquals(2, p.size(), p.toString());
  }

  @Test
  void routeToAMissingDestinationNamesTheRoute() throws IOException {
    List<String> p =
        problems(SizingTest.description("seed001").replace("fs-uniq: fs unq", "fs-uniq: fs unqq"));
    assertProblem(
        p, "routing.routes.fs-uniq: destination 'unqq' does not exist", "did you mean 'unq'?");
  }

  @Test
  void aDestinationNoRouteReachesIsAnError() throws IOException {
    String yaml =
        SizingTest.description("seed001")
            .replace("fs-uniq: fs unq", "fs-uniq: fs")
            .replace("hdfs-uniq: hdfs unq", "hdfs-uniq: hdfs");
    assertProblem(problems(yaml), "destinations[2].name: 'unq' receives nothing");
  }

  @Test
  void aTierThatCannotCarryThePeakWithOneLostSaysHowManyItNeeds() throws IOException {
    List<String> q =
        problems(
            demo()
                .replace("basePort: 41414", "basePort: 41414\nagentEventsPerSecond: 5000")
                .replace("hosts: 1", "hosts: 3")
                .replace("peakEventsPerSecond: 5000", "peakEventsPerSecond: 4000"));
    // Peak 3 x 4,000 = 12,000; ceil(12,000 / 5,000) + 1 = 4; tiers[0].agents is 2.
    assertProblem(
        q,
        "tiers[0].agents: 2 agents cannot carry the peak of 12,000 events/s",
        "allowed: at least 4");
  }

  @Test
  void fanInAboveSixteenIsRefused() throws IOException {
    // 40 client agents into 2 aggregators: 20:1.
    List<String> p =
        problems(
            demo()
                .replace("hosts: 1", "hosts: 40")
                .replace("peakEventsPerSecond: 5000", "peakEventsPerSecond: 100")
                .replace("eventsPerSecond: 2000", "eventsPerSecond: 50"));
    assertProblem(
        p,
        "tiers[0].agents: 2 agents under 40 upstream agents is a fan-in of 20:1, above 16:1",
        "at least 3");
  }

  @Test
  void fanInBelowFourIsRefusedWhenThePeakDoesNotNeedTheAgents() throws IOException {
    // 12 clients into 6 aggregators: 2:1, and the peak needs only 2.
    List<String> p =
        problems(
            demo()
                .replace("hosts: 1", "hosts: 12")
                .replace("agents: 2", "agents: 6")
                .replace("peakEventsPerSecond: 5000", "peakEventsPerSecond: 100")
                .replace("eventsPerSecond: 2000", "eventsPerSecond: 50"));
    assertProblem(
        p,
        "tiers[0].agents: 6 agents under 12 upstream agents is a fan-in of 2:1, below 4:1",
        "allowed: 2 to 3");
  }

  @Test
  void aHostWhosePeakExceedsOneAgentIsRefused() throws IOException {
    List<String> p =
        problems(demo().replace("peakEventsPerSecond: 5000", "peakEventsPerSecond: 50000"));
    assertProblem(
        p,
        "producers[0].peakEventsPerSecond: one host's peak of 50,000 events/s is more than one agent carries");
  }

  @Test
  void aFailoverNodeMustCarryTheWholeStream() throws IOException {
    String yaml =
        SizingTest.description("seed001")
            .replace("share: 0.2", "share: 1.0")
            .replace("peakEventsPerSecond: 1500", "peakEventsPerSecond: 1800");
    // 12 x 1,800 = 21,600 on one node > 20,000.
    assertProblem(
        problems(yaml),
        "destinations[2].nodes: with balance: failover one node takes the whole stream of 21,600 events/s");
  }

  @Test
  void missingRequiredFieldsAreAllReportedTogether() {
    List<String> p =
        problems(
            "name: x\nproducers:\n  - name: p\n    eventBytes: 10\ndestinations:\n  - name: d\n    kind: files\n");
    assertProblem(p, "producers[0].eventsPerSecond: (missing)");
    assertProblem(p, "destinations[0].worstOutage: (missing)");
    assertProblem(p, "destinations[0].directory: (missing)", "required with kind: files");
  }

  @Test
  void settingsOfAnotherKindAndBadDurationsAreNamed() throws IOException {
    List<String> p =
        problems(demo().replace("worstOutage: 30m", "worstOutage: 30 minutes\n    topic: x"));
    assertProblem(p, "destinations[0].worstOutage: '30 minutes' is not allowed", "30m");
    assertProblem(p, "destinations[0].topic: not a setting of kind: files");
  }

  @Test
  void notYamlIsOneClearProblem() {
    List<String> p = problems("name: [unclosed");
    assertProblem(p, "not valid YAML");
  }
}
