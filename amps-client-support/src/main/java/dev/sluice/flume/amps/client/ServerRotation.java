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

import com.crankuptheamps.client.Authenticator;
import com.crankuptheamps.client.ConnectionInfo;
import com.crankuptheamps.client.ServerChooser;
import com.crankuptheamps.client.exception.DisconnectedException;
import dev.sluice.flume.common.log.CredentialRedactor;
import java.util.List;

/**
 * The built-in client's server chooser: the configured URIs in turn, moving on after a failed
 * connection attempt (a dropped established connection retries the same server first). Remembers
 * the last failure, with credentials masked, for error messages and for the reconnect strategy's
 * "refused for good" test.
 */
public final class ServerRotation implements ServerChooser {
  /** Told of each failed connection attempt (not of drops of established connections). */
  public interface FailureListener {
    void connectFailed(String redactedUri, Throwable safeCause);
  }

  private final List<String> uris;
  private final CredentialRedactor redactor;
  private final FailureListener listener;
  private int current;
  private volatile String lastError = "";
  private volatile Exception lastFailure;

  public ServerRotation(List<String> uris, CredentialRedactor redactor, FailureListener listener) {
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("at least one URI is needed");
    }
    this.uris = List.copyOf(uris);
    this.redactor = redactor;
    this.listener = listener;
  }

  @Override
  public synchronized String getCurrentURI() {
    return uris.get(current).trim();
  }

  @Override
  public Authenticator getCurrentAuthenticator() {
    return null; // the client's default authenticator: user and password from the URI
  }

  @Override
  public void reportFailure(Exception exception, ConnectionInfo info) {
    String uri;
    boolean dropped = exception instanceof DisconnectedException;
    synchronized (this) {
      uri = uris.get(current);
      if (!dropped) {
        current = (current + 1) % uris.size();
      }
    }
    String safeUri = CredentialRedactor.redactUri(uri);
    lastFailure = exception;
    lastError = safeUri + ": " + redactor.redact(String.valueOf(exception));
    if (!dropped) {
      listener.connectFailed(safeUri, redactor.sanitize(exception));
    }
  }

  @Override
  public void reportSuccess(ConnectionInfo info) {}

  @Override
  public String getError() {
    return lastError;
  }

  /** The exception of the last failed attempt or drop, unmasked (for classification), or null. */
  public Exception lastFailure() {
    return lastFailure;
  }

  /** The URI in use or to be tried next, password masked. */
  public synchronized String currentRedacted() {
    return CredentialRedactor.redactUri(uris.get(current));
  }

  /** How many servers it rotates through. */
  public int size() {
    return uris.size();
  }
}
