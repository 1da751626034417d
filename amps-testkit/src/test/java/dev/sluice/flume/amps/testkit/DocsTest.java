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
package dev.sluice.flume.amps.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/amps-testkit.md and the code agree both ways: the builder's and the server's public methods,
 * the process's flags and the control commands each appear in their docs table, and every name in
 * those tables exists in the code.
 */
class DocsTest {
  private static final Path DOC = Paths.get("..", "docs", "amps-testkit.md");
  private static final Path MAIN_SOURCES =
      Paths.get("src", "main", "java", "dev", "sluice", "flume", "amps", "testkit");

  private static List<String> docLines() throws IOException {
    return Files.readAllLines(DOC, StandardCharsets.UTF_8);
  }

  /** The first-column names of the table that follows the line starting with {@code heading}. */
  private static Set<String> tableNames(String heading, Pattern name) throws IOException {
    List<String> lines = docLines();
    int i = 0;
    while (i < lines.size() && !lines.get(i).startsWith(heading)) {
      i++;
    }
    assertEquals(true, i < lines.size(), "docs/amps-testkit.md has no line starting " + heading);
    while (i < lines.size() && !lines.get(i).startsWith("|")) {
      i++;
    }
    Set<String> names = new TreeSet<>();
    for (; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String firstCell = lines.get(i).split("(?<!\\\\)\\|")[1];
      Matcher m = name.matcher(firstCell);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  private static Set<String> publicMethods(Class<?> type, String... except) {
    Set<String> names = new TreeSet<>();
    for (Method m : type.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
        names.add(m.getName());
      }
    }
    names.removeAll(List.of(except));
    return names;
  }

  private static Set<String> caseLabels(String sourceFile, Pattern label) throws IOException {
    String source = Files.readString(MAIN_SOURCES.resolve(sourceFile), StandardCharsets.UTF_8);
    Set<String> names = new TreeSet<>();
    Matcher m = label.matcher(source);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void everyBuilderMethodIsDocumentedAndNoOther() throws IOException {
    assertEquals(
        publicMethods(AmpsTestServer.Builder.class),
        tableNames("`AmpsTestServer.Builder`", Pattern.compile("`(\\w+)\\(")));
  }

  @Test
  void everyServerMethodIsDocumentedAndNoOther() throws IOException {
    assertEquals(
        publicMethods(AmpsTestServer.class, "builder"),
        tableNames("`AmpsTestServer`:", Pattern.compile("`(\\w+)\\(")));
  }

  @Test
  void everyFlagIsDocumentedAndNoOther() throws IOException {
    assertEquals(
        caseLabels("AmpsTestServerMain.java", Pattern.compile("case \"(--[a-z-]+)\":")),
        tableNames("| flag | meaning |", Pattern.compile("`(--[a-z-]+)")));
  }

  @Test
  void everyControlCommandIsDocumentedAndNoOther() throws IOException {
    assertEquals(
        caseLabels("ControlCommands.java", Pattern.compile("case \"([a-z-]+)\":")),
        tableNames("| command | effect |", Pattern.compile("`([a-z-]+)")));
  }
}
