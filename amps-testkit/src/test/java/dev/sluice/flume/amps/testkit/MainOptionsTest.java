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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainOptionsTest {
  @Test
  void mainOptionsCollectEveryProblem() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AmpsTestServerMain.Options.parse(
                    new String[] {
                      "--port", "x", "--sow", "nokey", "--control", "tcp", "--bad", "--no-fsync"
                    }));
    assertTrue(e.getMessage().contains("--port wants a port 0..65535, got 'x'"), e.getMessage());
    assertTrue(e.getMessage().contains("--sow wants TOPIC=/key[,/key2], got 'nokey'"));
    assertTrue(e.getMessage().contains("--control supports only 'stdin', got 'tcp'"));
    assertTrue(e.getMessage().contains("unknown flag '--bad'"));
    assertTrue(e.getMessage().contains("--no-fsync needs --log-dir"), e.getMessage());
  }

  @Test
  void fsyncIsOnUnlessTurnedOff() {
    String[] base = {"--log-dir", "/tmp/x"};
    assertEquals(false, AmpsTestServerMain.Options.parse(base).noFsync);
    assertTrue(
        AmpsTestServerMain.Options.parse(new String[] {"--log-dir", "/tmp/x", "--no-fsync"})
            .noFsync);
  }

  @Test
  void mainOptionsBuildTheServer() {
    AmpsTestServerMain.Options o =
        AmpsTestServerMain.Options.parse(
            new String[] {"--port=0", "--sow", "orders=/a,/b", "--sow", "all=", "--no-log"});
    assertEquals(2, o.sow.size());
    assertEquals(3, o.sow.get(0).length);
    assertEquals(1, o.sow.get(1).length);
    assertTrue(o.noLog);
  }
}
