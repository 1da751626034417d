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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The control line protocol against an in-process server (it binds a loopback port). */
class ControlCommandsIT {
  @Test
  void parsesCommandsAndReportsMistakes() throws Exception {
    AtomicBoolean stopped = new AtomicBoolean();
    try (AmpsTestServer s = AmpsTestServer.builder().start()) {
      ControlCommands c = new ControlCommands(s, null, () -> stopped.set(true));
      assertEquals("OK stall 60000", c.execute("STALL 60000"));
      assertTrue(s.isStalled());
      assertEquals("OK unstall", c.execute("unstall"));
      assertEquals(false, s.isStalled());
      assertEquals("OK delay-acks 3", c.execute("delay-acks 3"));
      assertEquals(3, s.persistedAckDelayMillis());
      assertEquals("ERR stall needs a duration in milliseconds", c.execute("stall"));
      assertEquals("ERR 'soon' is not a duration in milliseconds", c.execute("refuse soon"));
      assertEquals(
          "ERR there is no replica (start with --replica-port)", c.execute("drop replica"));
      assertEquals("ERR unknown command 'explode'", c.execute("explode"));
      assertEquals("ERR empty command", c.execute("  "));
      assertTrue(c.execute("status").startsWith("OK status testkit: port=" + s.port()));
      assertEquals("OK stop", c.execute("stop"));
      assertTrue(stopped.get());
    }
  }
}
