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
package dev.sluice.flume.amps.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void masksThePasswordOfAUri() {
    assertEquals(
        "tcp://alice:***@host:9007/amps/json",
        Redactor.redactUri("tcp://alice:wonderland@host:9007/amps/json"));
    assertEquals(
        "failed: tcps://bob:***@h:1/amps/json and tcp://c:***@h2:2/amps/fix",
        Redactor.redactUri("failed: tcps://bob:pw@h:1/amps/json and tcp://c:x@h2:2/amps/fix"));
  }

  @Test
  void leavesUrisWithoutPasswordsAlone() {
    assertEquals("tcp://host:9007/amps/json", Redactor.redactUri("tcp://host:9007/amps/json"));
    assertEquals(
        "tcp://alice@host:9007/amps/json", Redactor.redactUri("tcp://alice@host:9007/amps/json"));
  }

  @Test
  void masksAKnownPasswordWhereverItAppears() {
    Redactor r = Redactor.forUris(List.of("tcp://alice:open%20sesame@host:9007/amps/json"));
    assertEquals("user alice, password ***", r.redact("user alice, password open sesame"));
    assertEquals("password ***", r.redact("password open%20sesame"));
  }

  @Test
  void sanitizedExceptionsKeepClassStackAndCausesButNoSecret() {
    Redactor r = Redactor.forUris(List.of("tcp://alice:hunter2@host:9007/amps/json"));
    IOException root =
        new IOException("connect to tcp://alice:hunter2@host:9007/amps/json refused");
    RuntimeException top = new IllegalStateException("logon as alice/hunter2 failed", root);
    Throwable safe = r.sanitize(top);
    assertNotSame(top, safe);
    StringWriter w = new StringWriter();
    safe.printStackTrace(new PrintWriter(w));
    String printed = w.toString();
    assertFalse(printed.contains("hunter2"), printed);
    assertTrue(
        printed.contains("java.lang.IllegalStateException: logon as alice/*** failed"), printed);
    assertTrue(printed.contains("java.io.IOException: connect to tcp://alice:***@host"), printed);
    assertEquals(top.getStackTrace()[0], safe.getStackTrace()[0]);
  }
}
