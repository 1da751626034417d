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

import com.crankuptheamps.client.Authenticator;
import com.crankuptheamps.client.ConnectionInfo;
import com.crankuptheamps.client.ServerChooser;
import com.crankuptheamps.client.exception.DisconnectedException;
import dev.sluice.flume.common.log.CredentialRedactor;
import java.util.List;

/**
 * Chooses among the configured URIs for the HAClient: stays on the current server after it drops an
 * established connection (a restart keeps the same server), moves to the next one, round the list,
 * whenever a connection or logon fails. Remembers the last failure, credentials masked, for the
 * error the sink reports when no server can be reached.
 */
final class RotatingServerChooser implements ServerChooser {
  /** Told of each failed connection attempt (not of drops of established connections). */
  interface FailureListener {
    void connectFailed(String redactedUri, Throwable safeCause);
  }

  private final List<String> uris;
  private final CredentialRedactor redactor;
  private final FailureListener listener;
  private int current;
  private volatile String lastError = "";

  RotatingServerChooser(List<String> uris, CredentialRedactor redactor, FailureListener listener) {
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("at least one URI is needed");
    }
    this.uris = List.copyOf(uris);
    this.redactor = redactor;
    this.listener = listener;
  }

  @Override
  public synchronized String getCurrentURI() {
    return uris.get(current);
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

  /** The URI in use or to be tried next, password masked. */
  synchronized String currentRedacted() {
    return CredentialRedactor.redactUri(uris.get(current));
  }
}
