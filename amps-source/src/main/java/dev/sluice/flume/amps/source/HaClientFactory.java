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

import com.crankuptheamps.client.BookmarkStore;
import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.ConnectionInfo;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.LoggedBookmarkStore;
import com.crankuptheamps.client.exception.AMPSException;
import com.crankuptheamps.client.exception.StoreException;
import dev.sluice.flume.common.log.CredentialRedactor;
import java.beans.ExceptionListener;
import java.io.IOException;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The built-in client factory (what 60East's {@code AMPSBasicClientFunction} did): an {@code
 * HAClient} named {@code clientName} over {@code uri1..uriN} in order, a {@code
 * LoggedBookmarkStore} on {@code bookmarkLog} when set, Sluice's {@link ReconnectDelays}, and
 * heartbeats when {@code heartbeatIntervalSeconds} is set. Returns the client connected and logged
 * on, as 60East's factory contract requires.
 */
final class HaClientFactory implements Function<Properties, Client> {
  private final AmpsSourceConfig config;
  private final ExceptionListener exceptionListener;
  private final Consumer<Client> beforeConnect;
  private volatile ReconnectDelays delays;
  private volatile boolean stopped;
  private volatile boolean running;

  /**
   * @param beforeConnect called with each new client before it connects (to add listeners that must
   *     see the first logon)
   */
  HaClientFactory(
      AmpsSourceConfig config,
      ExceptionListener exceptionListener,
      Consumer<Client> beforeConnect) {
    this.config = config;
    this.exceptionListener = exceptionListener;
    this.beforeConnect = beforeConnect;
  }

  @Override
  public Client apply(Properties ignored) {
    HAClient client = new HAClient(config.clientName);
    RecordingChooser chooser = new RecordingChooser(config);
    ReconnectDelays d =
        new ReconnectDelays(
            config.reconnectInitialDelayMillis,
            config.reconnectMaxDelayMillis,
            config.uris.size(),
            chooser::refusedForGood);
    this.delays = d;
    if (stopped) {
      d.stop();
    }
    if (running) {
      d.running();
    }
    client.setServerChooser(chooser);
    client.setReconnectDelayStrategy(d);
    client.setExceptionListener(exceptionListener);
    BookmarkStore store = null;
    try {
      if (config.bookmarkSubscription()) {
        store = openBookmarkLog();
        client.setBookmarkStore(store);
      }
      beforeConnect.accept(client);
      client.connectAndLogon();
      if (config.heartbeatIntervalSeconds > 0) {
        client.setHeartbeat(config.heartbeatIntervalSeconds);
      }
      return client;
    } catch (AMPSException | RuntimeException e) {
      client.close();
      closeQuietly(store);
      Exception lastServerError = chooser.lastFailure();
      throw new ClientCreationException(
          lastServerError != null && e.getCause() instanceof ReconnectDelays.GiveUp
              ? lastServerError
              : e);
    }
  }

  /** Reconnects retry forever from now on (the first subscription is in place). */
  void running() {
    running = true;
    ReconnectDelays d = delays;
    if (d != null) {
      d.running();
    }
  }

  /** Ends any reconnect wait; the clients give up. */
  void stop() {
    stopped = true;
    ReconnectDelays d = delays;
    if (d != null) {
      d.stop();
    }
  }

  private BookmarkStore openBookmarkLog() throws StoreException {
    try {
      return new LoggedBookmarkStore(config.bookmarkLog);
    } catch (IOException e) {
      throw new StoreException("cannot open bookmark log " + config.bookmarkLog + ": " + e, e);
    }
  }

  static void closeQuietly(BookmarkStore store) {
    if (store != null) {
      try {
        store.close();
      } catch (Exception e) {
        // Already failing: the first error is the one reported.
      }
    }
  }

  /** The built-in factory failed; the cause is the client's exception. */
  static final class ClientCreationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClientCreationException(Exception cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** The client's default URI rotation, remembering the last failure for start-up errors. */
  private static final class RecordingChooser extends DefaultServerChooser {
    private final CredentialRedactor redactor;
    private volatile Exception lastFailure;

    RecordingChooser(AmpsSourceConfig config) {
      this.redactor = config.redactor;
      List<String> uris = config.uris;
      for (String uri : uris) {
        add(uri.trim());
      }
    }

    @Override
    public void reportFailure(Exception exception, ConnectionInfo info) throws Exception {
      lastFailure = exception;
      super.reportFailure(exception, info);
    }

    @Override
    public String getError() {
      Exception e = lastFailure;
      return e == null ? "" : redactor.redact(String.valueOf(e));
    }

    Exception lastFailure() {
      return lastFailure;
    }

    boolean refusedForGood() {
      Exception e = lastFailure;
      return e != null && ServerRefusal.of(e, ServerRefusal.Phase.LOGON) != null;
    }
  }
}
