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
package dev.sluice.flume.common.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialRedactorTest {
  @Test
  void masksThePasswordOfAUri() {
    assertEquals(
        "tcp://alice:***@host:9007/amps/json",
        CredentialRedactor.redactUri("tcp://alice:wonderland@host:9007/amps/json"));
    assertEquals(
        "failed: tcps://bob:***@h:1/amps/json and tcp://c:***@h2:2/amps/fix",
        CredentialRedactor.redactUri(
            "failed: tcps://bob:pw@h:1/amps/json and tcp://c:x@h2:2/amps/fix"));
  }

  @Test
  void leavesUrisWithoutPasswordsAlone() {
    assertEquals(
        "tcp://host:9007/amps/json", CredentialRedactor.redactUri("tcp://host:9007/amps/json"));
    assertEquals(
        "tcp://alice@host:9007/amps/json",
        CredentialRedactor.redactUri("tcp://alice@host:9007/amps/json"));
  }

  @Test
  void masksAKnownPasswordWhereverItAppears() {
    CredentialRedactor r =
        CredentialRedactor.forUris(List.of("tcp://alice:open%20sesame@host:9007/amps/json"));
    assertEquals("user alice, password ***", r.redact("user alice, password open sesame"));
    assertEquals("password ***", r.redact("password open%20sesame"));
  }

  @Test
  void sanitizedExceptionsKeepClassStackAndCausesButNoSecret() {
    CredentialRedactor r =
        CredentialRedactor.forUris(List.of("tcp://alice:hunter2@host:9007/amps/json"));
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

  private final CredentialRedactor redactor =
      CredentialRedactor.forUris(
          List.of("tcp://flume:p%40ss@a:9007/amps/json", "tcp://b:9007/amps/json"));

  @Test
  void masksThePasswordOfAnyUriAndKeepsTheRest() {
    assertEquals(
        "connecting to tcp://flume:***@a:9007/amps/json and tcps://x:***@b:1/amps/fix",
        redactor.redact(
            "connecting to tcp://flume:p%40ss@a:9007/amps/json and tcps://x:other@b:1/amps/fix"));
    assertEquals("tcp://b:9007/amps/json", redactor.redact("tcp://b:9007/amps/json"));
  }

  @Test
  void masksAConfiguredPasswordWhereverItAppears() {
    assertEquals(
        "logon failed for password ***", redactor.redact("logon failed for password p%40ss"));
  }

  @Test
  void copiesAThrowableChainOnlyWhenItHoldsAPassword() {
    Exception clean = new IOException("connection refused");
    assertSame(clean, redactor.redact(clean));

    Exception dirty =
        new IllegalStateException(
            "failed", new IOException("cannot reach tcp://flume:p%40ss@a:9007/amps/json"));
    Throwable copy = redactor.redact(dirty);
    StringWriter trace = new StringWriter();
    copy.printStackTrace(new PrintWriter(trace));

    assertFalse(trace.toString().contains("p%40ss"), trace.toString());
    assertTrue(trace.toString().contains("java.io.IOException: cannot reach tcp://flume:***@a"));
    assertEquals(dirty.getStackTrace()[0], copy.getStackTrace()[0], "stack trace kept");
  }
}
