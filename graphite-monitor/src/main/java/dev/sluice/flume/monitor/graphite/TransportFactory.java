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

/** Makes the transport of a destination; tests substitute fakes. */
interface TransportFactory {
  GraphiteTransport create(Destination destination, GraphiteMonitorConfig config);

  /** Real sockets, resolving host names through {@code resolver} on every connect. */
  static TransportFactory sockets(AddressResolver resolver) {
    return (d, c) -> {
      switch (d.protocol) {
        case UDP:
          return new PlaintextUdpTransport(d.host, d.port, resolver);
        case PICKLE:
          return new PickleTcpTransport(tcp(d, c, resolver));
        default:
          return new PlaintextTcpTransport(tcp(d, c, resolver));
      }
    };
  }

  private static TcpConnection tcp(Destination d, GraphiteMonitorConfig c, AddressResolver r) {
    return new TcpConnection(d.host, d.port, r, c.connectTimeoutMillis, c.writeTimeoutMillis);
  }
}
