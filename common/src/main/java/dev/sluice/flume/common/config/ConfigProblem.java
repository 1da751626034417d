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
package dev.sluice.flume.common.config;

import dev.sluice.flume.common.log.CredentialRedactor;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One thing wrong with a component's configuration: the key, the value given (null when the key is
 * missing) and what is allowed. Formatted the same way everywhere Sluice reports configuration.
 *
 * <p>Values are kept with secrets masked ({@link #redact}), since problems end up in logs and
 * exceptions: the password in a URI's user info, and the whole value of a key whose name says it
 * holds a secret.
 */
public final class ConfigProblem {
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(password|passwd|secret|token|credential).*");

  private final String key;
  private final String value;
  private final String allowed;

  public ConfigProblem(String key, String value, String allowed) {
    this.key = Objects.requireNonNull(key, "key");
    this.value = redact(key, value);
    this.allowed = Objects.requireNonNull(allowed, "allowed");
  }

  /**
   * The value as it may be shown: {@code ***} for a key named like a secret, and a URI's password
   * ({@code tcp://user:secret@host}) replaced by {@code ***}.
   */
  public static String redact(String key, String value) {
    if (value == null) {
      return null;
    }
    if (SECRET_KEY.matcher(key).matches()) {
      return "***";
    }
    return CredentialRedactor.redactUri(value);
  }

  public String key() {
    return key;
  }

  /** The value given, or null when the key was missing. */
  public String value() {
    return value;
  }

  public String allowed() {
    return allowed;
  }

  @Override
  public String toString() {
    String given = value == null ? "is missing" : "= '" + value + "'";
    return key + " " + given + ": " + allowed;
  }
}
