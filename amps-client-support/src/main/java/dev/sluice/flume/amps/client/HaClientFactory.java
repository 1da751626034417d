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

import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.exception.AMPSException;
import java.beans.ExceptionListener;
import java.util.function.Predicate;

/**
 * Builds the built-in client: an {@link HAClient} named {@code clientName} that rotates through the
 * URIs ({@link ServerRotation}), paces and bounds its reconnects ({@link ReconnectStrategy}) and
 * exchanges heartbeats every {@code heartbeatInterval}. The component adds what is its own (a
 * publish or bookmark store, connection listeners) and connects it.
 *
 * <p>Each {@link #newClient} makes a new chooser and strategy; {@link #running()} and {@link
 * #close()} apply to the current one and to every later one.
 */
public final class HaClientFactory {
  private final AmpsClientSettings settings;
  private final long cycleTimeoutMillis;
  private final boolean startUpMode;
  private final Predicate<Exception> refusedForGood;
  private final String owner;
  private final ServerRotation.FailureListener failureListener;
  private final Runnable onGiveUp;
  private final ExceptionListener exceptionListener;
  private final String clientName;
  private volatile ServerRotation chooser;
  private volatile ReconnectStrategy strategy;
  private volatile boolean running;
  private volatile boolean closed;

  private HaClientFactory(Builder b) {
    this.settings = b.settings;
    this.cycleTimeoutMillis = b.cycleTimeoutMillis;
    this.startUpMode = b.startUpMode;
    this.refusedForGood = b.refusedForGood;
    this.owner = b.owner;
    this.failureListener = b.failureListener;
    this.onGiveUp = b.onGiveUp;
    this.exceptionListener = b.exceptionListener;
    this.clientName = b.clientName != null ? b.clientName : b.settings.clientName;
  }

  public static Builder builder(AmpsClientSettings settings, String owner) {
    return new Builder(settings, owner);
  }

  /**
   * A new, unconnected HAClient with the chooser, reconnect strategy and heartbeat set.
   *
   * @throws AMPSException if the client refuses a setting (it is closed then)
   */
  public HAClient newClient() throws AMPSException {
    ServerRotation c = new ServerRotation(settings.uris, settings.redactor, failureListener);
    ReconnectStrategy.Builder sb =
        ReconnectStrategy.builder(settings, c.size())
            .cycleTimeoutMillis(cycleTimeoutMillis)
            .onGiveUp(onGiveUp)
            .owner(owner);
    if (startUpMode) {
      sb.startUpMode(
          () -> {
            Exception e = c.lastFailure();
            return e != null && refusedForGood.test(e);
          });
    }
    ReconnectStrategy s = sb.build();
    this.chooser = c;
    this.strategy = s;
    if (closed) {
      s.close();
    }
    if (running) {
      s.running();
    }
    HAClient client = new HAClient(clientName);
    client.setServerChooser(c);
    client.setReconnectDelayStrategy(s);
    if (exceptionListener != null) {
      client.setExceptionListener(exceptionListener);
    }
    if (settings.heartbeatInterval > 0) {
      try {
        client.setHeartbeat(settings.heartbeatSeconds());
      } catch (AMPSException | RuntimeException e) {
        client.close();
        throw e;
      }
    }
    return client;
  }

  /** Leaves start-up mode: reconnects retry until closed (or the cycle timeout) from now on. */
  public void running() {
    running = true;
    ReconnectStrategy s = strategy;
    if (s != null) {
      s.running();
    }
  }

  /** Ends any reconnect wait; every later attempt gives up at once. */
  public void close() {
    closed = true;
    ReconnectStrategy s = strategy;
    if (s != null) {
      s.close();
    }
  }

  /** The last connection error, credentials masked ("" when none). */
  public String lastError() {
    ServerRotation c = chooser;
    return c == null ? "" : c.getError();
  }

  /** The last connection failure of the current client, unmasked, or null. */
  public Exception lastFailure() {
    ServerRotation c = chooser;
    return c == null ? null : c.lastFailure();
  }

  /** How a component's {@link HaClientFactory} behaves. */
  public static final class Builder {
    private final AmpsClientSettings settings;
    private final String owner;
    private long cycleTimeoutMillis;
    private boolean startUpMode;
    private Predicate<Exception> refusedForGood = e -> false;
    private ServerRotation.FailureListener failureListener = (uri, cause) -> {};
    private Runnable onGiveUp = () -> {};
    private ExceptionListener exceptionListener;
    private String clientName;

    private Builder(AmpsClientSettings settings, String owner) {
      this.settings = settings;
      this.owner = owner;
    }

    /** See {@link ReconnectStrategy.Builder#cycleTimeoutMillis}. */
    public Builder cycleTimeoutMillis(long millis) {
      this.cycleTimeoutMillis = millis;
      return this;
    }

    /** Give up before the first success ({@link #running()} ends this mode). */
    public Builder startUpMode(Predicate<Exception> refusedForGood) {
      this.startUpMode = true;
      this.refusedForGood = refusedForGood;
      return this;
    }

    public Builder onConnectFailure(ServerRotation.FailureListener l) {
      this.failureListener = l;
      return this;
    }

    /** Told when the cycle timeout makes the client give up. */
    public Builder onGiveUp(Runnable r) {
      this.onGiveUp = r;
      return this;
    }

    public Builder exceptionListener(ExceptionListener l) {
      this.exceptionListener = l;
      return this;
    }

    /**
     * The client's name, instead of {@code clientName}: for a component that keeps more than one
     * client (amps-channel's publishing and subscribing clients), each needs its own name.
     */
    public Builder clientName(String name) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("a client name must not be empty");
      }
      this.clientName = name;
      return this;
    }

    public HaClientFactory build() {
      return new HaClientFactory(this);
    }
  }
}
