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
package dev.sluice.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sluice.flume.testsupport.MarkdownDoc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bin/sluice-install's options: the ones its argument loop reads, the ones its usage text names and
 * the ones docs/release.md's table documents are the same set.
 */
class InstallOptionsDocTest {
  private static final Pattern PARSED = Pattern.compile("(?m)^    (--[a-z-]+)\\)");
  private static final Pattern USAGE = Pattern.compile("(?m)^#   (--[a-z-]+)");

  private static Set<String> all(Pattern pattern, String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void theScriptReadsWhatItsUsageAndTheDocsName() throws IOException {
    String script = Files.readString(InstallCommand.SCRIPT, StandardCharsets.UTF_8);
    Set<String> parsed = all(PARSED, script);
    assertFalse(parsed.isEmpty(), "no option found in " + InstallCommand.SCRIPT);
    assertEquals(parsed, all(USAGE, script), "the usage text at the top of the script");
    Set<String> documented = new TreeSet<>();
    for (String cell :
        MarkdownDoc.read(InstallCommand.ROOT.resolve("docs/release.md"))
            .firstNamePerRow("## Installing a plugin")) {
      if (cell.startsWith("--")) {
        documented.add(cell.split(" ")[0]);
      }
    }
    assertEquals(parsed, documented, "docs/release.md, ## Installing a plugin");
  }
}
