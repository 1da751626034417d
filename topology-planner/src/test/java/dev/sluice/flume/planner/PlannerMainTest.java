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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The command line: what it writes, what it prints, its exit codes; and the SVG it draws. */
class PlannerMainTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return PlannerMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void planWritesEveryAgentTheReportAndThePicture() throws Exception {
    int code = run("plan", "descriptions/seed001.yaml", "-o", dir.toString());
    assertEquals(0, code, err.toString());
    assertTrue(Files.exists(dir.resolve("conf/web-12.properties")));
    assertTrue(Files.exists(dir.resolve("conf/unq-2.properties")));
    assertTrue(Files.exists(dir.resolve("conf/unq-2.flume-env.sh")));
    assertTrue(Files.readString(dir.resolve("report.md")).contains("# Topology plan: seed001"));
    assertTrue(out.toString().contains("tier splitter: 3 agents"), out.toString());
    // An XML parser reads the SVG back (JFreeSVG's DOCTYPE is not fetched: no network in a test).
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document svg =
        f.newDocumentBuilder()
            .parse(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("topology.svg"))));
    NodeList texts = svg.getElementsByTagName("text");
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < texts.getLength(); i++) {
      labels.add(texts.item(i).getTextContent());
    }
    for (String agent : new String[] {"web-1", "splitter-3", "fs-1", "unq-2", "unq"}) {
      assertTrue(labels.contains(agent), agent + " not drawn: " + labels);
    }
  }

  @Test
  void aWideTierIsDrawnWithAMoreBox() throws Exception {
    assertEquals(0, run("plan", "descriptions/web-farm.yaml", "-o", dir.toString()));
    String svg = Files.readString(dir.resolve("topology.svg"));
    assertTrue(svg.contains("... 294 more"), "300 clients: 3 + 3 drawn");
    assertTrue(svg.contains("agg2-9"));
  }

  @Test
  void badDescriptionExitsOneWithEveryProblem() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.write(
        bad,
        Files.readString(Path.of("descriptions/demo.yaml"))
            .replace("worstOutage: 30m", "worstOutage: soon")
            .replace("eventBytes:", "eventByte:")
            .getBytes(StandardCharsets.UTF_8));
    assertEquals(
        PlannerMain.PROBLEMS, run("plan", bad.toString(), "-o", dir.resolve("out").toString()));
    String e = err.toString();
    assertTrue(e.contains("destinations[0].worstOutage: 'soon' is not allowed"), e);
    assertTrue(e.contains("producers[0].eventByte: unknown key (did you mean 'eventBytes'?)"), e);
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void checkSizesWithoutWriting() {
    assertEquals(
        0, run("plan", "--check", "descriptions/demo.yaml", "-o", dir.resolve("out").toString()));
    assertFalse(Files.exists(dir.resolve("out")));
    assertTrue(out.toString().contains("tier agg: 2 agents"));
  }

  @Test
  void missingFileAndUnknownOptionAreReported() {
    assertEquals(PlannerMain.IO_ERROR, run("plan", dir.resolve("nope.yaml").toString()));
    assertTrue(err.toString().contains("no such description file"));
    assertEquals(2, run("plan", "--frobnicate", "descriptions/demo.yaml"));
    assertTrue(err.toString().contains("Unknown option: '--frobnicate'"), err.toString());
  }
}
