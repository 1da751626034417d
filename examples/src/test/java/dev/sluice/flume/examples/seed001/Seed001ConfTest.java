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
package dev.sluice.flume.examples.seed001;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.Placeholders;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The role files of examples/conf/seed001 say what they need and wire what the seed describes. */
class Seed001ConfTest {
  /** A placeholder named in the header comment: an upper-case name on a "# NAME" line. */
  private static final Pattern DOCUMENTED = Pattern.compile("\\b([A-Z][A-Z0-9_]*[A-Z0-9])\\b");

  private static final String[] FILES = {
    "client.properties", "splitter.properties", "final.properties"
  };

  @Test
  void everyPlaceholderIsExplainedInTheHeaderAndEveryExplainedOneIsUsed() throws IOException {
    for (String file : FILES) {
      assertEquals(new TreeSet<>(Placeholders.namesIn(read(file))), explained(file), file);
    }
  }

  private static Set<String> explained(String file) throws IOException {
    String text = read(file);
    Set<String> documented = new TreeSet<>();
    boolean inList = false;
    for (String line : text.split("\n")) {
      if (!line.startsWith("#")) {
        break;
      }
      if (line.contains("EnvVarResolverProperties")) {
        inList = true;
        continue;
      }
      if (inList && line.startsWith("#   ")) {
        Matcher m = DOCUMENTED.matcher(line.substring(0, firstLowerCaseWord(line)));
        while (m.find()) {
          documented.add(m.group(1));
        }
      }
    }
    return documented;
  }

  @Test
  void theUniqueUserStreamGoesThroughAFailoverGroupThatPrefersUnq1() throws IOException {
    Properties p = properties("splitter.properties");
    assertEquals("unq-1 unq-2", p.getProperty("splitter.sinkgroups.unq-nodes.sinks"));
    assertEquals("failover", p.getProperty("splitter.sinkgroups.unq-nodes.processor.type"));
    assertTrue(
        Integer.parseInt(p.getProperty("splitter.sinkgroups.unq-nodes.processor.priority.unq-1"))
            > Integer.parseInt(
                p.getProperty("splitter.sinkgroups.unq-nodes.processor.priority.unq-2")));
    assertEquals("unq", p.getProperty("splitter.sinks.unq-1.channel"));
    assertEquals("unq", p.getProperty("splitter.sources.uniq.channels"));
  }

  @Test
  void splittersRouteOnDistAndClientsCopyOnUniq() throws IOException {
    Properties s = properties("splitter.properties");
    assertEquals("dist", s.getProperty("splitter.sources.events.selector.header"));
    assertEquals("fs", s.getProperty("splitter.sources.events.selector.mapping.fs"));
    assertEquals("hdfs", s.getProperty("splitter.sources.events.selector.mapping.hdfs"));
    for (String group : new String[] {"fs-nodes", "hdfs-nodes"}) {
      assertEquals(
          "load_balance", s.getProperty("splitter.sinkgroups." + group + ".processor.type"));
    }
    Properties c = properties("client.properties");
    assertEquals("uniq", c.getProperty("client.sources.web.selector.header"));
    assertEquals("all unq", c.getProperty("client.sources.web.selector.mapping.1"));
    assertEquals("all", c.getProperty("client.sources.web.selector.default"));
  }

  @Test
  void everyChannelIsAFileChannel() throws IOException {
    for (String file : FILES) {
      Properties p = properties(file);
      String agent = file.substring(0, file.indexOf('.'));
      for (String channel : p.getProperty(agent + ".channels").split("\\s+")) {
        assertEquals(
            "file", p.getProperty(agent + ".channels." + channel + ".type"), file + " " + channel);
      }
    }
  }

  private static int firstLowerCaseWord(String line) {
    Matcher m = Pattern.compile("\\s[a-z]").matcher(line);
    return m.find() ? m.start() : line.length();
  }

  private static Properties properties(String file) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(read(file)));
    return p;
  }

  private static String read(String file) throws IOException {
    return Files.readString(Seed001NetworkIT.CONF.resolve(file), StandardCharsets.UTF_8);
  }
}
