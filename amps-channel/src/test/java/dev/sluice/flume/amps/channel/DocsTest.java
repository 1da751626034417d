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
package dev.sluice.flume.amps.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.DocumentedDefaults;
import dev.sluice.flume.testsupport.MarkdownDoc;
import dev.sluice.flume.testsupport.RecordingContext;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docs/amps-channel.md documents exactly the keys the channel reads and the counters it keeps. */
class DocsTest {
  private static final MarkdownDoc DOCS =
      MarkdownDoc.read(Paths.get("..", "docs", "amps-channel.md"));

  @Test
  void theKeyTableListsExactlyTheKeysTheChannelReads() {
    RecordingContext ctx = new RecordingContext(AmpsChannelConfigTest.minimal());
    AmpsChannelConfig.parse("ch", ctx);
    Set<String> documented = DOCS.firstNamePerRow("## Keys");
    assertEquals(ctx.asked(), documented, "documented keys vs keys read");
    assertTrue(documented.size() >= 14, documented::toString);
  }

  @Test
  void theKeyTableGivesExactlyTheDefaultsTheCodeUses() {
    AmpsChannelConfig c =
        AmpsChannelConfig.parse("ch", new RecordingContext(AmpsChannelConfigTest.minimal()));
    assertEquals(
        List.of(),
        DocumentedDefaults.mismatches(DOCS.keyDefaults("## Keys"), c.defaults),
        "defaults in docs/amps-channel.md versus the code's");
    assertTrue(c.defaults.size() >= 8, c.defaults::toString);
  }

  @Test
  void theCounterTableListsExactlyTheChannelsOwnCounters() {
    assertEquals(new TreeSet<>(AmpsChannelCounter.OWN), DOCS.firstNamePerRow("## Counters"));
  }

  @Test
  void everyDocumentedCounterIsAnMBeanAttribute() throws Exception {
    for (String name : DOCS.firstNamePerRow("## Counters")) {
      AmpsChannelCounterMBean.class.getMethod("get" + name); // throws if JMX would not show it
    }
  }
}
