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
package dev.sluice.flume.interceptor.enrichment;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where HBase is, under HBase's own key names, so that one name means one thing for both backends:
 * the ZooKeeper quorum and port, the parent znode, and every other {@code hbase.*} client property
 * passed through.
 */
final class HBaseSettings {
  static final String QUORUM = "hbase.zookeeper.quorum";
  static final String CLIENT_PORT = "hbase.zookeeper.property.clientPort";
  static final String ZNODE_PARENT = "zookeeper.znode.parent";
  static final String PREFIX = "hbase.";

  static final int DEFAULT_CLIENT_PORT = 2181;
  static final String DEFAULT_ZNODE_PARENT = "/hbase";

  private final String quorum;
  private final int clientPort;
  private final String znodeParent;
  private final Map<String, String> clientProperties;

  HBaseSettings(
      String quorum, int clientPort, String znodeParent, Map<String, String> clientProperties) {
    this.quorum = quorum;
    this.clientPort = clientPort;
    this.znodeParent = znodeParent;
    this.clientProperties = Map.copyOf(new TreeMap<>(clientProperties));
  }

  /** The quorum as given (host or host:port, comma-separated), or null when not configured. */
  String quorum() {
    return quorum;
  }

  int clientPort() {
    return clientPort;
  }

  String znodeParent() {
    return znodeParent;
  }

  /**
   * The quorum with the client port added to every host that has none ({@code h1:2181,h2:2181}), as
   * asynchbase wants it; {@code localhost} when no quorum is configured.
   */
  String quorumSpec() {
    String hosts = quorum == null ? "localhost" : quorum;
    StringBuilder sb = new StringBuilder();
    for (String host : hosts.split(",")) {
      String h = host.trim();
      if (h.isEmpty()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(h);
      if (h.lastIndexOf(':') < 0 || h.endsWith("]")) {
        sb.append(':').append(clientPort);
      }
    }
    return sb.toString();
  }

  /** Every {@code hbase.*} key given, with its full name, the quorum and port included. */
  Map<String, String> clientProperties() {
    return clientProperties;
  }
}
