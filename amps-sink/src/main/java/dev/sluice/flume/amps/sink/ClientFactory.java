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

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.MemoryPublishStore;
import com.crankuptheamps.client.PublishStore;
import com.crankuptheamps.client.Store;
import com.crankuptheamps.client.exception.AMPSException;
import dev.sluice.flume.amps.client.CustomClientFactory;
import dev.sluice.flume.amps.client.HaClientFactory;
import dev.sluice.flume.amps.client.ServerRotation;
import dev.sluice.flume.amps.sink.AmpsSinkConfig.StoreType;
import dev.sluice.flume.common.log.ThrottledLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the sink's AMPS client. By default (or when 60East's factory class is named) the shared
 * {@link HaClientFactory}'s HAClient (server rotation, reconnect strategy bounded by {@code
 * reconnectTimeout}, heartbeat) with the configured publish store; it is not connected yet. With
 * {@code clientFactoryClass} naming another class, that class's {@code apply(Properties)} builds,
 * connects and logs on the client from every key of the sink's configuration, as with 60East's
 * sink.
 */
final class ClientFactory {
  private static final Logger LOG = LoggerFactory.getLogger(ClientFactory.class);

  private final AmpsSinkConfig config;
  private final ThrottledLog clientErrors = new ThrottledLog(10, TimeUnit.SECONDS);
  private volatile HaClientFactory builtIn;
  private volatile CustomClientFactory custom;

  ClientFactory(AmpsSinkConfig config) {
    this.config = config;
  }

  /** True when the sink builds the client itself. */
  boolean owned() {
    return config.client.builtInClient();
  }

  Client create(
      ServerRotation.FailureListener onConnectFailure,
      Runnable onGiveUp,
      ObservedStore.DiscardListener onDiscard)
      throws AmpsDeliveryException {
    return owned() ? createOwned(onConnectFailure, onGiveUp, onDiscard) : createCustom();
  }

  private Client createOwned(
      ServerRotation.FailureListener onConnectFailure,
      Runnable onGiveUp,
      ObservedStore.DiscardListener onDiscard)
      throws AmpsDeliveryException {
    HaClientFactory f = builtIn;
    if (f == null) {
      f =
          HaClientFactory.builder(config.client, config.component)
              .cycleTimeoutMillis(config.reconnectTimeout)
              .onConnectFailure(onConnectFailure)
              .onGiveUp(onGiveUp)
              .exceptionListener(this::clientError)
              .build();
      builtIn = f;
    }
    HAClient client = null;
    try {
      client = f.newClient();
      Store store = publishStore();
      if (store != null) {
        client.setPublishStore(new ObservedStore(store, onDiscard));
      }
      return client;
    } catch (AMPSException | IOException | RuntimeException e) {
      if (client != null) {
        client.close();
      }
      throw new AmpsDeliveryException(
          "cannot set up the AMPS client: " + config.redactor.redact(e.toString()),
          config.redactor.sanitize(e));
    }
  }

  private Store publishStore() throws AMPSException, IOException {
    switch (config.pubStoreType) {
      case MEMORY:
        return new MemoryPublishStore(config.pubStoreInitialCap);
      case FILE:
        Path path = Paths.get(config.pubStorePath).toAbsolutePath();
        if (path.getParent() != null) {
          Files.createDirectories(path.getParent());
        }
        return new PublishStore(path.toString(), config.pubStoreInitialCap);
      default:
        return null;
    }
  }

  private Client createCustom() throws AmpsDeliveryException {
    try {
      CustomClientFactory f = custom;
      if (f == null) {
        f = CustomClientFactory.create(config.client);
        custom = f;
      }
      return f.newClient(config.client);
    } catch (CustomClientFactory.FactoryFailed e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new AmpsDeliveryException(e.getMessage(), config.redactor.sanitize(cause));
    }
  }

  /** True when messages in this store survive the agent's death (a file publish store). */
  boolean isDurable(Store store) {
    if (owned()) {
      return config.pubStoreType == StoreType.FILE;
    }
    return store instanceof PublishStore;
  }

  /** The last connection error, credentials masked ("" when none or unknown). */
  String lastError() {
    HaClientFactory f = builtIn;
    return f == null ? "" : f.lastError();
  }

  /** Ends reconnect waits: every later connection attempt gives up at once. */
  void close() {
    HaClientFactory f = builtIn;
    if (f != null) {
      f.close();
    }
  }

  private void clientError(Exception e) {
    long held = clientErrors.tryAcquire();
    if (held >= 0) {
      LOG.warn(
          "{}: AMPS client reported ({} more held back): {}",
          config.component,
          held,
          config.redactor.redact(e.toString()),
          config.redactor.sanitize(e));
    }
  }
}
