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
package dev.sluice.flume.amps.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReconnectDelaysTest {
  private final AtomicBoolean refused = new AtomicBoolean();

  @Test
  void atStartItTriesEachUriOnceThenGivesUp() throws Exception {
    ReconnectDelays d = new ReconnectDelays(1, 2, 2, refused::get);
    assertEquals(0, d.getConnectWaitDuration("tcp://a:1/amps/json"));
    assertEquals(0, d.getConnectWaitDuration("tcp://b:1/amps/json"));
    assertThrows(ReconnectDelays.GiveUp.class, () -> d.getConnectWaitDuration("tcp://a:1/x"));
  }

  @Test
  void atStartARefusalEndsTheAttemptsAtOnce() throws Exception {
    ReconnectDelays d = new ReconnectDelays(1, 2, 3, refused::get);
    d.getConnectWaitDuration("tcp://a:1/amps/json");
    refused.set(true);
    assertThrows(ReconnectDelays.GiveUp.class, () -> d.getConnectWaitDuration("tcp://b:1/x"));
  }

  @Test
  void onceRunningItRetriesBeyondTheUriCountAndARefusal() throws Exception {
    ReconnectDelays d = new ReconnectDelays(1, 2, 1, refused::get);
    d.running();
    refused.set(true);
    for (int i = 0; i < 5; i++) {
      assertEquals(0, d.getConnectWaitDuration("tcp://a:1/amps/json"), "waits itself");
    }
  }

  @Test
  void stopEndsAWaitAndEveryLaterAttempt() throws Exception {
    ReconnectDelays d = new ReconnectDelays(60_000, 60_000, 1, refused::get);
    d.running();
    d.getConnectWaitDuration("tcp://a:1/amps/json"); // immediate
    Thread stopper = new Thread(d::stop);
    long started = System.nanoTime();
    stopper.start();
    assertThrows(ReconnectDelays.GiveUp.class, () -> d.getConnectWaitDuration("tcp://a:1/x"));
    assertTrue(System.nanoTime() - started < 30_000_000_000L, "did not wait the 60 s delay");
    assertThrows(ReconnectDelays.GiveUp.class, () -> d.getConnectWaitDuration("tcp://a:1/x"));
  }
}
