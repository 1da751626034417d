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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** Remembered resolutions give the same answers as checking again, within the cache's size. */
class PathResolverCacheTest {
  private final PathResolver resolver =
      new PathResolver("file", null, new FileNaming("", ".tmp", ""), 1024, () -> 0L, 3);

  @Test
  void aRepeatedPathIsResolvedOnceAndKeepsItsTarget() {
    PathResolver.Resolution first = resolver.resolveRaw("a//./b.log");
    assertEquals("a/b.log", first.path());
    assertSame(first, resolver.resolveRaw(new String("a//./b.log")));
    Path base = Paths.get("/base");
    assertSame(first.target(base), first.target(base));
    assertEquals(new Target(base, "a/b.log"), first.target(base));
  }

  @Test
  void refusalsAreTheSameFromTheCacheAndAfterItEmpties() {
    for (int round = 0; round < 3; round++) {
      assertEquals(RefusalReason.PARENT_SEGMENT, resolver.resolveRaw("a/../../x").refusal());
      assertEquals(RefusalReason.ABSOLUTE_PATH, resolver.resolveRaw("/etc/x").refusal());
      assertEquals(RefusalReason.INVALID_NAME, resolver.resolveRaw("x.log.tmp").refusal());
      assertEquals("ok.log", resolver.resolveRaw("ok.log").path()); // fourth entry: emptied
      assertNull(resolver.resolveRaw("ok.log").refusal());
    }
    assertEquals(RefusalReason.MISSING_HEADER, resolver.resolveRaw(null).refusal());
  }
}
