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

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.util.SerializableFunction;
import java.util.Properties;

/**
 * A user's {@code clientFactoryClass}: a {@code SerializableFunction<Properties, Client>} that
 * returns a connected, logged-on client. {@link AmpsClientSettings} has checked the class at
 * configure time; this creates it and calls it.
 */
public final class CustomClientFactory {
  /** The factory could not be created, failed, or returned no client. */
  public static final class FactoryFailed extends Exception {
    private static final long serialVersionUID = 1L;

    FactoryFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final String className;
  private final SerializableFunction<Properties, Client> function;

  private CustomClientFactory(String className, SerializableFunction<Properties, Client> f) {
    this.className = className;
    this.function = f;
  }

  /**
   * Creates the factory named by {@code settings.clientFactoryClass} with its public no-argument
   * constructor.
   */
  public static CustomClientFactory create(AmpsClientSettings settings) throws FactoryFailed {
    String name = settings.clientFactoryClass;
    if (name == null) {
      throw new IllegalStateException("no clientFactoryClass: the built-in client is used");
    }
    try {
      Class<?> c = Class.forName(name, true, CustomClientFactory.class.getClassLoader());
      @SuppressWarnings("unchecked")
      SerializableFunction<Properties, Client> f =
          (SerializableFunction<Properties, Client>) c.getConstructor().newInstance();
      return new CustomClientFactory(name, f);
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new FactoryFailed(
          "cannot create clientFactoryClass " + name + ": " + settings.redactor.redact(cause), e);
    }
  }

  /**
   * Calls the factory with every key of the component.
   *
   * @throws FactoryFailed with the factory's own exception as the cause, or when it returned null
   */
  public Client newClient(AmpsClientSettings settings) throws FactoryFailed {
    return newClient(settings, settings.factoryProperties());
  }

  /**
   * Calls the factory with {@code keys}: the component's keys with some changed (amps-channel's two
   * clients each get a {@code clientName} of their own).
   *
   * @throws FactoryFailed with the factory's own exception as the cause, or when it returned null
   */
  public Client newClient(AmpsClientSettings settings, Properties keys) throws FactoryFailed {
    Client c;
    try {
      c = function.apply(keys);
    } catch (RuntimeException e) {
      throw new FactoryFailed(
          "clientFactoryClass " + className + " failed: " + settings.redactor.redact(e), e);
    }
    if (c == null) {
      throw new FactoryFailed("clientFactoryClass " + className + " returned no client", null);
    }
    return c;
  }

  public String className() {
    return className;
  }
}
