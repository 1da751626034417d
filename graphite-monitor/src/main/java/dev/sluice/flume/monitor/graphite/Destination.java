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
package dev.sluice.flume.monitor.graphite;

import java.util.Locale;
import java.util.Objects;

/** One carbon endpoint: a host name (resolved again on every connect), a port and a protocol. */
final class Destination {
  final String host;
  final int port;
  final Protocol protocol;

  Destination(String host, int port, Protocol protocol) {
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.protocol = Objects.requireNonNull(protocol, "protocol");
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Destination)) {
      return false;
    }
    Destination d = (Destination) o;
    return host.equals(d.host) && port == d.port && protocol == d.protocol;
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, protocol);
  }

  /** For example {@code pickle://graphite.example.com:2004}. */
  @Override
  public String toString() {
    return protocol.name().toLowerCase(Locale.ROOT) + "://" + host + ":" + port;
  }
}
