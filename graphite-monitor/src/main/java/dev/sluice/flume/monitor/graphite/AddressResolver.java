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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Resolves a destination's host name; called on every connect, so a Graphite server that moved to
 * another address is found again after a reconnect (subject to the JVM's DNS cache, {@code
 * networkaddress.cache.ttl}, 30 seconds by default).
 */
interface AddressResolver {
  InetSocketAddress resolve(String host, int port) throws UnknownHostException;

  AddressResolver DNS = (host, port) -> new InetSocketAddress(InetAddress.getByName(host), port);
}
