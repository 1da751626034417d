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

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of everything a component logs, throws or reports.
 *
 * <p>A server URI may carry a user and password ({@code tcp://user:secret@host:9007/amps/json}).
 * Client libraries put URIs into some of their exception messages, so a component never logs or
 * throws a client exception as it is: {@link #sanitize} copies it, with every message in the cause
 * chain passed through {@link #redact(String)}, which masks the password part of any URI it finds
 * and every password the component was configured with, wherever it appears (also percent-decoded).
 */
public final class CredentialRedactor {
  public static final String MASK = "***";

  /** {@code scheme://user:password@}: the password part is group 2. */
  private static final Pattern USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^/@:\\s]*:)([^/\\s]*)@");

  private final List<String> secrets;

  private CredentialRedactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /** A redactor that masks the passwords found in these URIs (and any URI's password). */
  public static CredentialRedactor forUris(Collection<String> uris) {
    List<String> secrets = new ArrayList<>();
    for (String uri : uris) {
      Matcher m = USER_INFO.matcher(uri);
      while (m.find()) {
        String password = m.group(2);
        if (!password.isEmpty() && !password.equals(MASK)) {
          secrets.add(password);
          String decoded = percentDecoded(password);
          if (!decoded.equals(password)) {
            secrets.add(decoded);
          }
        }
      }
    }
    // Longest first, so a password that contains another is masked whole.
    secrets.sort(Comparator.comparingInt(String::length).reversed());
    return new CredentialRedactor(List.copyOf(secrets));
  }

  /** The URI with its password, if any, replaced by {@value #MASK}. */
  public static String redactUri(String uri) {
    return uri == null ? null : USER_INFO.matcher(uri).replaceAll("$1" + MASK + "@");
  }

  /** The text with every URI password and every known secret masked. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = redactUri(text);
    for (String s : secrets) {
      out = out.replace(s, MASK);
    }
    return out;
  }

  /**
   * A copy of the throwable that is safe to log or throw: the same class name, stack trace and
   * cause chain, with every message redacted. The result is never the original throwable.
   */
  public Throwable sanitize(Throwable t) {
    return sanitize(t, 0);
  }

  /**
   * The throwable itself when no message in its cause chain holds a credential, otherwise a {@link
   * #sanitize sanitized} copy.
   */
  public Throwable redact(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage();
      if (m != null && !m.equals(redact(m))) {
        return sanitize(t);
      }
    }
    return t;
  }

  private Throwable sanitize(Throwable t, int depth) {
    if (t == null) {
      return null;
    }
    Throwable cause = t.getCause();
    Throwable safeCause =
        cause != null && cause != t && depth < 16 ? sanitize(cause, depth + 1) : null;
    RedactedException copy =
        new RedactedException(t.getClass().getName(), redact(t.getMessage()), safeCause);
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  private static String percentDecoded(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /**
   * Stands in for an exception whose message may have held a credential. Its {@code toString()}
   * reads like the original's: the original class name, then the redacted message.
   */
  // toString() prints it as the exception it stands in for ("java.io.IOException: ..."), in stack
  // traces too; getMessage() cannot change the class name shown.
  @SuppressWarnings("OverrideThrowableToString")
  public static final class RedactedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String originalClass;

    RedactedException(String originalClass, String message, Throwable cause) {
      super(message, cause, false, true);
      this.originalClass = originalClass;
    }

    /** The class name of the exception this copy stands in for. */
    public String originalClass() {
      return originalClass;
    }

    @Override
    public String toString() {
      String m = getMessage();
      return m == null ? originalClass : originalClass + ": " + m;
    }
  }
}
