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
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.LoggedBookmarkStore;
import com.crankuptheamps.client.exception.AMPSException;
import com.crankuptheamps.client.exception.StoreException;
import dev.sluice.flume.amps.client.CustomClientFactory;
import dev.sluice.flume.amps.client.HaClientFactory;
import dev.sluice.flume.amps.client.ReconnectStrategy;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.flume.FlumeException;

/**
 * Where the source gets a connected, logged-on AMPS client: the built-in HAClient (the shared
 * {@link HaClientFactory} plus the bookmark log), or the user's {@code clientFactoryClass}. The
 * seam of the source's unit tests, which pass a fake instead ({@code AmpsSource}'s package-private
 * constructor), as the sink's pass a fake {@code AmpsTransport}.
 */
interface AmpsConnection {
  /**
   * A new client, connected and logged on.
   *
   * @param beforeConnect called with a client this connection connects itself, before its first
   *     logon (to add listeners that must see it); not called for a client that comes connected
   * @throws Exception what the client or factory threw: the caller classifies it
   */
  Client connect(Consumer<Client> beforeConnect) throws Exception;

  /** The first subscription is in place: reconnects retry until closed from now on. */
  void running();

  /** Ends any reconnect wait; later connection attempts give up at once. */
  void close();

  /**
   * The connection the configuration asks for.
   *
   * @throws FlumeException if the {@code clientFactoryClass} cannot be created
   */
  static AmpsConnection of(AmpsSourceConfig config) {
    if (config.client.builtInClient()) {
      return new BuiltIn(config);
    }
    try {
      return new Custom(config, CustomClientFactory.create(config.client));
    } catch (CustomClientFactory.FactoryFailed e) {
      throw new FlumeException(
          "Source '" + config.sourceName + "' (amps-source): " + e.getMessage(), e.getCause());
    }
  }

  /** Closes a bookmark store quietly: called when already failing. */
  static void closeQuietly(BookmarkStore store) {
    if (store != null) {
      try {
        store.close();
      } catch (Exception e) {
        // Already failing: the first error is the one reported.
      }
    }
  }

  /**
   * The built-in HAClient, in start-up mode until {@link #running()}: it gives up after each server
   * was tried once, or at once when a server refuses the logon for good; the last server error is
   * then the one reported.
   */
  final class BuiltIn implements AmpsConnection {
    private final AmpsSourceConfig config;
    private final HaClientFactory factory;

    BuiltIn(AmpsSourceConfig config) {
      this.config = config;
      this.factory =
          HaClientFactory.builder(config.client, "source '" + config.sourceName + "'")
              .startUpMode(e -> ServerRefusal.of(e, ServerRefusal.Phase.LOGON) != null)
              .build();
    }

    @Override
    public Client connect(Consumer<Client> beforeConnect) throws Exception {
      HAClient client = factory.newClient();
      BookmarkStore store = null;
      try {
        if (config.bookmarkSubscription()) {
          store = openBookmarkLog();
          client.setBookmarkStore(store);
        }
        beforeConnect.accept(client);
        client.connectAndLogon();
        return client;
      } catch (AMPSException | RuntimeException e) {
        client.close();
        closeQuietly(store);
        Exception lastServerError = factory.lastFailure();
        throw lastServerError != null && ReconnectStrategy.isGiveUp(e) ? lastServerError : e;
      }
    }

    private BookmarkStore openBookmarkLog() throws StoreException {
      try {
        return new LoggedBookmarkStore(config.bookmarkLog);
      } catch (IOException e) {
        throw new StoreException("cannot open bookmark log " + config.bookmarkLog + ": " + e, e);
      }
    }

    @Override
    public void running() {
      factory.running();
    }

    @Override
    public void close() {
      factory.close();
    }
  }

  /** The user's {@code clientFactoryClass}: its clients come connected; reconnects are its own. */
  final class Custom implements AmpsConnection {
    private final AmpsSourceConfig config;
    private final CustomClientFactory factory;

    Custom(AmpsSourceConfig config, CustomClientFactory factory) {
      this.config = config;
      this.factory = factory;
    }

    @Override
    public Client connect(Consumer<Client> beforeConnect) throws Exception {
      return factory.newClient(config.client);
    }

    @Override
    public void running() {}

    @Override
    public void close() {}
  }
}
