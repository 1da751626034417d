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
package dev.sluice.flume.amps.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.exception.ConnectionRefusedException;
import com.crankuptheamps.client.exception.DisconnectedException;
import dev.sluice.flume.common.log.CredentialRedactor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerRotationTest {
  private static final String A = "tcp://u:pw-a@a:1/amps/json";
  private static final String B = "tcp://b:2/amps/json";
  private final List<String> failures = new ArrayList<>();
  private final ServerRotation chooser =
      new ServerRotation(
          List.of(A, B),
          CredentialRedactor.forUris(List.of(A, B)),
          (uri, cause) -> failures.add(uri + " " + cause));

  @Test
  void movesToTheNextServerWhenAConnectionFailsAndWrapsAround() {
    assertEquals(A, chooser.getCurrentURI());
    chooser.reportFailure(new ConnectionRefusedException("refused"), null);
    assertEquals(B, chooser.getCurrentURI());
    chooser.reportFailure(new ConnectionRefusedException("refused"), null);
    assertEquals(A, chooser.getCurrentURI());
    assertEquals(2, failures.size());
  }

  @Test
  void staysOnTheServerThatDroppedAnEstablishedConnection() {
    chooser.reportFailure(new DisconnectedException("connection reset"), null);
    assertEquals(A, chooser.getCurrentURI());
    assertTrue(failures.isEmpty(), "a drop is not a failed connection attempt");
  }

  @Test
  void rememberTheLastErrorWithoutThePassword() {
    chooser.reportFailure(new ConnectionRefusedException("cannot reach " + A + " (pw-a)"), null);
    String error = chooser.getError();
    assertFalse(error.contains("pw-a"), error);
    assertTrue(error.startsWith("tcp://u:***@a:1/amps/json: "), error);
    assertFalse(failures.get(0).contains("pw-a"), failures::toString);
    assertTrue(chooser.lastFailure() instanceof ConnectionRefusedException, "kept for classifying");
  }
}
