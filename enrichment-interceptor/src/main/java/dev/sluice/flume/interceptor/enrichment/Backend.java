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

/** The HBase client that does the lookups ({@code backend}). */
enum Backend {
  /** HBase 2's shaded client: {@code Table.get(List<Get>)} on the interceptor's lookup threads. */
  HBASE2("org.apache.hadoop.hbase.client.ConnectionFactory", "hbase-shaded-client"),
  /** asynchbase 1.8: one batched, non-blocking multi-get, awaited up to the deadline. */
  ASYNCHBASE(
      "org.hbase.async.HBaseClient",
      "asynchbase 1.8.2 with async 1.4.0 and Netty 3 (Flume 1.11's lib has them)");

  private final String probeClass;
  private final String jars;

  Backend(String probeClass, String jars) {
    this.probeClass = probeClass;
    this.jars = jars;
  }

  /** The jars a user installs beside the plugin for this backend, in words. */
  String jars() {
    return jars;
  }

  /** True when this backend's client is on the classpath the interceptor was loaded from. */
  boolean clientPresent() {
    try {
      Class.forName(probeClass, false, Backend.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Creates the backend's lookup without connecting: each connects on its first lookup, on a lookup
   * thread, and again after a failure.
   */
  RowLookup open(EnrichmentConfig config) {
    switch (this) {
      case ASYNCHBASE:
        return AsyncHBaseRowLookup.create(config.hbase(), config.table(), config.columns());
      default:
        return HBase2RowLookup.create(
            config.hbase(), config.table(), config.columns(), config.timeoutMillis());
    }
  }
}
