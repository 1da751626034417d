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
package dev.sluice.flume.sink.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every unsafe path form is refused, counted under its reason, and sent to the default file. */
class UnsafePathTest {
  @TempDir Path tmp;

  static Stream<Arguments> unsafePaths() {
    return Stream.of(
        Arguments.of("absolute", "/etc/passwd", RefusalReason.ABSOLUTE_PATH),
        Arguments.of("absolute to the base itself", "/tmp/x.log", RefusalReason.ABSOLUTE_PATH),
        Arguments.of("leading ..", "../x.log", RefusalReason.PARENT_SEGMENT),
        Arguments.of("inner ..", "a/../../x.log", RefusalReason.PARENT_SEGMENT),
        Arguments.of(".. as the name", "a/..", RefusalReason.PARENT_SEGMENT),
        Arguments.of("NUL", "a\u0000b.log", RefusalReason.CONTROL_CHARACTER),
        Arguments.of("newline", "a\nb.log", RefusalReason.CONTROL_CHARACTER),
        Arguments.of("escape", "a\u001b[31m.log", RefusalReason.CONTROL_CHARACTER),
        Arguments.of("DEL", "a\u007f.log", RefusalReason.CONTROL_CHARACTER),
        Arguments.of("C1 control", "a\u0085.log", RefusalReason.CONTROL_CHARACTER),
        Arguments.of("name over 255 bytes", "x".repeat(256), RefusalReason.NAME_TOO_LONG),
        Arguments.of("name too long once decorated", "x".repeat(250), RefusalReason.NAME_TOO_LONG),
        Arguments.of(
            "multi-byte name over 255 bytes", "\u00e9".repeat(128), RefusalReason.NAME_TOO_LONG),
        Arguments.of(
            "directory over 255 bytes", "d".repeat(256) + "/x.log", RefusalReason.NAME_TOO_LONG),
        Arguments.of(
            "path over maxPathLength",
            String.join("/", Collections.nCopies(6, "d".repeat(200))) + "/x.log",
            RefusalReason.NAME_TOO_LONG),
        Arguments.of("empty", "", RefusalReason.MISSING_HEADER),
        Arguments.of("dot", ".", RefusalReason.INVALID_NAME),
        Arguments.of("trailing slash", "dir/", RefusalReason.INVALID_NAME),
        Arguments.of("in-use name", "x.log.tmp", RefusalReason.INVALID_NAME),
        Arguments.of("lock file", FileNaming.LOCK_FILE, RefusalReason.INVALID_NAME));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsafePaths")
  void refusesAndCountsUnsafePath(String form, String path, RefusalReason reason) throws Exception {
    Path base = tmp.resolve("base");
    try (SinkHarness h = new SinkHarness(base, Map.of()).start()) {
      h.put(path, "payload");
      h.drain();
      assertEquals(1, h.counter(reason.counter()), form + " counted under " + reason);
      assertEquals(1, h.counter(FileSinkCounters.EVENTS_REFUSED));
      assertEquals(1, h.counter(FileSinkCounters.EVENTS_TO_DEFAULT_FILE));
    }
    assertEquals(List.of("refused.log"), SinkHarness.files(base), form);
    assertEquals(List.of("base"), entries(tmp), "nothing created beside the base directory");
  }

  private static List<String> entries(Path p) throws Exception {
    try (Stream<Path> s = Files.list(p)) {
      return s.map(x -> x.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void refusesAndCountsMissingHeader() throws Exception {
    try (SinkHarness h = new SinkHarness(tmp, Map.of()).start()) {
      h.put(Map.of("other", "x.log"), "payload");
      h.drain();
      assertEquals(1, h.counter(RefusalReason.MISSING_HEADER.counter()));
    }
    assertEquals(List.of("refused.log"), SinkHarness.files(tmp));
  }

  @Test
  void refusesSymbolicLinkPointingOutOfTheBaseDirectory() throws Exception {
    Path base = Files.createDirectories(tmp.resolve("base"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(base.resolve("escape"), outside);
    Files.createDirectories(base.resolve("deep/er"));
    Files.createSymbolicLink(base.resolve("deep/er/up"), tmp);
    try (SinkHarness h = new SinkHarness(base, Map.of()).start()) {
      h.put("escape/x.log", "through a link to outside");
      h.put("escape/new/dir/x.log", "would create directories outside");
      h.put("deep/er/up/outside/y.log", "nested link to an ancestor");
      h.drain();
      assertEquals(3, h.counter(RefusalReason.OUTSIDE_BASE_DIRECTORY.counter()));
      assertEquals(3, h.counter(FileSinkCounters.EVENTS_REFUSED));
    }
    assertEquals(List.of(), SinkHarness.files(outside), "nothing written or created outside");
    assertEquals(List.of("refused.log"), SinkHarness.files(base));
  }

  @Test
  void followsSymbolicLinkThatStaysInsideTheBaseDirectory() throws Exception {
    Path base = Files.createDirectories(tmp.resolve("base"));
    Files.createDirectories(base.resolve("real"));
    Files.createSymbolicLink(base.resolve("alias"), base.resolve("real"));
    try (SinkHarness h = new SinkHarness(base, Map.of()).start()) {
      h.put("alias/x.log", "through an inner link");
      h.drain();
      assertEquals(0, h.counter(FileSinkCounters.EVENTS_REFUSED));
    }
    assertEquals("through an inner link\n", Files.readString(base.resolve("real/x.log")));
  }

  @Test
  void refusesPathWhoseParentIsARegularFile() throws Exception {
    Path base = Files.createDirectories(tmp.resolve("base"));
    Files.writeString(base.resolve("plain"), "a file\n");
    try (SinkHarness h = new SinkHarness(base, Map.of()).start()) {
      h.put("plain/x.log", "under a file");
      h.drain();
      assertEquals(1, h.counter(RefusalReason.NOT_A_DIRECTORY.counter()));
    }
    assertEquals("a file\n", Files.readString(base.resolve("plain")));
  }
}
