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
package dev.sluice.flume.amps.channel.testfactory;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.LoggedBookmarkStore;
import com.crankuptheamps.client.MemoryPublishStore;
import com.crankuptheamps.client.exception.AMPSException;
import com.crankuptheamps.client.util.SerializableFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * A user's client factory as amps-channel's CustomClientFactoryIT installs it: an HAClient under a
 * name of its own ({@link #nameFor}), with a memory publish store unless {@code withoutPublishStore
 * = true}, connected and logged on; each call appends the name to {@code markerFile}.
 */
public final class MarkingClientFactory implements SerializableFunction<Properties, Client> {
  private static final long serialVersionUID = 1L;

  /** The name this factory logs on with when asked for {@code clientName}. */
  public static String nameFor(String clientName) {
    return clientName + "-via-factory";
  }

  @Override
  public Client apply(Properties keys) {
    String name = nameFor(keys.getProperty("clientName"));
    HAClient client = new HAClient(name);
    DefaultServerChooser chooser = new DefaultServerChooser();
    chooser.add(keys.getProperty("uri"));
    client.setServerChooser(chooser);
    try {
      if (!Boolean.parseBoolean(keys.getProperty("withoutPublishStore", "false"))) {
        client.setPublishStore(new MemoryPublishStore(10_000));
      }
      if (keys.getProperty("clientName").endsWith("-take")) {
        client.setBookmarkStore(new LoggedBookmarkStore(keys.getProperty("bookmarkLog")));
      }
      client.connectAndLogon();
      Files.writeString(
          Paths.get(keys.getProperty("markerFile")),
          name + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      return client;
    } catch (AMPSException e) {
      client.close();
      throw new IllegalStateException("cannot connect to " + keys.getProperty("uri"), e);
    } catch (IOException e) {
      client.close();
      throw new UncheckedIOException(e);
    }
  }
}
