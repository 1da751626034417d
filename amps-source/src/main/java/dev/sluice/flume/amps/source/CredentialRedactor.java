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

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the password of server URIs such as {@code tcp://user:password@host:9007/amps/json} in
 * everything the source logs, throws or reports: the user-info pattern of any URI, and every
 * password found in the configured URIs wherever it appears.
 */
final class CredentialRedactor {
  static final String MASK = "***";

  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:\\s]*):[^/@\\s]*@");
  private static final Pattern PASSWORD = Pattern.compile("//[^/@:\\s]*:([^/@\\s]+)@");

  private final List<String> secrets;

  CredentialRedactor(Collection<String> uris) {
    List<String> found = new ArrayList<>();
    for (String uri : uris) {
      Matcher m = PASSWORD.matcher(uri);
      while (m.find()) {
        found.add(m.group(1));
      }
    }
    this.secrets = List.copyOf(found);
  }

  /** The text with every password replaced by {@value #MASK}. */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = USER_INFO.matcher(text).replaceAll("$1:" + Matcher.quoteReplacement(MASK) + "@");
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    return out;
  }

  /**
   * The throwable itself when no message in its cause chain holds a password, otherwise a copy of
   * the chain with redacted messages and the original stack traces (each copy names the class it
   * replaces).
   */
  Throwable redact(Throwable t) {
    if (t == null || clean(t)) {
      return t;
    }
    Throwable cause = t.getCause() == t ? null : redact(t.getCause());
    RedactedException copy =
        new RedactedException(t.getClass().getName() + ": " + redact(t.getMessage()), cause);
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  private boolean clean(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage();
      if (m != null && !m.equals(redact(m))) {
        return false;
      }
    }
    return true;
  }

  /** Stands in for an exception whose message held a password. */
  static final class RedactedException extends Exception {
    private static final long serialVersionUID = 1L;

    RedactedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
