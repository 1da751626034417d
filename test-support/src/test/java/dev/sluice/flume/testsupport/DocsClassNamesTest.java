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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every fully-qualified Sluice class (or package) named in docs/*.md and the README, in backticks,
 * code blocks or prose, exists in the tree, as a source file of some module ({@code Outer$Inner}
 * and {@code Class.member} count as {@code Outer} and {@code Class}).
 */
class DocsClassNamesTest {
  private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
  private static final Pattern NAME = Pattern.compile("dev\\.sluice(\\.[A-Za-z_$][\\w$]*)+");

  @Test
  void everyBacktickedSluiceClassNameExists() throws IOException {
    Set<String> classes = sourceClasses();
    Set<String> packages = new TreeSet<>();
    for (String c : classes) {
      for (int dot = c.lastIndexOf('.'); dot > 0; dot = c.lastIndexOf('.', dot - 1)) {
        packages.add(c.substring(0, dot));
      }
    }
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Path doc : docs()) {
      List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher name = NAME.matcher(lines.get(i));
        while (name.find()) {
          checked++;
          String n = name.group().replaceAll("\\$.*", "");
          if (!exists(n, classes, packages)) {
            missing.add(ROOT.relativize(doc) + ":" + (i + 1) + " " + name.group());
          }
        }
      }
    }
    assertTrue(checked > 20, "checked only " + checked + " names: is the docs directory there?");
    assertEquals(List.of(), missing, "names in the docs with no class in the tree");
  }

  @Test
  void aMadeUpNameIsCaught() throws IOException {
    Set<String> classes = sourceClasses();
    assertTrue(exists("dev.sluice.flume.testsupport.FlumeAgent", classes, Set.of()));
    assertTrue(exists("dev.sluice.flume.testsupport.FlumeAgent.builder", classes, Set.of()));
    assertTrue(!exists("dev.sluice.amps.testkit.TestServerMain", classes, Set.of()));
  }

  private static boolean exists(String name, Set<String> classes, Set<String> packages) {
    if (classes.contains(name) || packages.contains(name)) {
      return true;
    }
    int dot = name.lastIndexOf('.');
    return dot > 0 && classes.contains(name.substring(0, dot));
  }

  private static List<Path> docs() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(ROOT.resolve("README.md"));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      docs.addAll(
          s.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList()));
    }
    return docs;
  }

  /** Every class of the tree by its source file: {@code <module>/src/{main,test}/java/...}. */
  private static Set<String> sourceClasses() throws IOException {
    Pattern source = Pattern.compile(".*/src/(main|test)/java/(.+)\\.java");
    try (Stream<Path> s = Files.walk(ROOT)) {
      return s.map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.contains("/target/") && !p.startsWith(".") && !p.contains("/."))
          .map(source::matcher)
          .filter(Matcher::matches)
          .map(m -> m.group(2).replace('/', '.'))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
