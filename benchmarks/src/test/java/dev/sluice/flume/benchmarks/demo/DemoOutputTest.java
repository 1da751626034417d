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
package dev.sluice.flume.benchmarks.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.examples.demo.OrderPublisher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoOutputTest {
  @TempDir Path dir;

  private void write(String relative, long... keys) throws IOException {
    Path f = dir.resolve(relative);
    Files.createDirectories(f.getParent());
    StringBuilder b = new StringBuilder();
    for (long k : keys) {
      b.append(OrderPublisher.order(k)).append('\n');
    }
    Files.write(f, b.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void countsEveryOrderOnceAcrossBothAggregatorsAndTheirFiles() throws IOException {
    write("agg1/orders/MSFT/2026112804.jsonl", 1, 2, 3);
    write("agg2/orders/IBM/2026112804.jsonl.tmp", 4, 5, 3);
    DemoOutput o =
        DemoOutput.of(List.of(dir.resolve("agg1"), dir.resolve("agg2")), 5).requireComplete("r");
    assertEquals(6, o.lines);
    assertEquals(5, o.unique);
    assertEquals(1, o.duplicates());
    assertEquals(0, o.missing);
  }

  @Test
  void failsLoudlyNamingTheMissingOrders() throws IOException {
    write("agg1/orders/MSFT/h.jsonl", 1, 2, 5);
    DemoOutput o = DemoOutput.of(List.of(dir.resolve("agg1"), dir.resolve("agg2")), 6);
    assertEquals(3, o.missing);
    assertEquals(List.of(3L, 4L, 6L), o.firstMissing);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> o.requireComplete("run 7"));
    assertTrue(e.getMessage().startsWith("run 7: 3 orders missing"), e.getMessage());
  }

  @Test
  void refusesALineWithoutAnOrderKey() throws IOException {
    Files.createDirectories(dir.resolve("agg1"));
    Files.write(
        dir.resolve("agg1/x.jsonl"), "{\"symbol\":\"IBM\"}\n".getBytes(StandardCharsets.UTF_8));
    assertThrows(IllegalStateException.class, () -> DemoOutput.of(List.of(dir.resolve("agg1")), 0));
  }
}
