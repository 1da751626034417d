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

/** How datapoints travel to carbon. */
enum Protocol {
  /** One {@code path value timestamp} line per datapoint over a TCP connection. */
  TCP(2003),
  /** The same lines packed into UDP datagrams; nothing tells the sender whether they arrived. */
  UDP(2003),
  /** Python pickle (protocol 2) frames of many datapoints over a TCP connection. */
  PICKLE(2004);

  final int defaultPort;

  Protocol(int defaultPort) {
    this.defaultPort = defaultPort;
  }
}
