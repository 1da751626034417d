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
package dev.sluice.flume.amps.testkit;

import dev.sluice.flume.testsupport.Requirement;
import java.io.IOException;
import java.util.UUID;

/**
 * Where the client integration tests connect: a fresh testkit, or, with {@code
 * -Damps.uri=tcp://host:port/amps/json}, a real AMPS. The real AMPS must be configured as in
 * docs/amps-testkit.md: JSON message type, SOW topic {@code orders} keyed by {@code /order_key},
 * SOW topic {@code prices} keyed by {@code /sym}, and a transaction log over every topic. Tests
 * that need fault injection are skipped against a real AMPS (and fail under CI=true).
 */
final class AmpsTarget implements AutoCloseable {
  static final String ORDERS = "orders";
  static final String PRICES = "prices";

  private final AmpsTestServer server;
  private final String uri;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private AmpsTarget(AmpsTestServer server, String uri) {
    this.server = server;
    this.uri = uri;
  }

  static String externalUri() {
    String u = System.getProperty("amps.uri", "");
    return u.isBlank() ? null : u.trim();
  }

  static AmpsTestServer.Builder testkit() {
    return AmpsTestServer.builder().sowTopic(ORDERS, "/order_key").sowTopic(PRICES, "/sym");
  }

  static AmpsTarget start() throws IOException {
    String external = externalUri();
    if (external != null) {
      return new AmpsTarget(null, external);
    }
    AmpsTestServer s = testkit().start();
    return new AmpsTarget(s, s.uri());
  }

  String uri() {
    return uri;
  }

  /** The testkit, for fault injection; skips the test (fails it under CI=true) on a real AMPS. */
  AmpsTestServer server() {
    Requirement.require(
        server != null,
        () -> "the testkit for fault injection, but -Damps.uri points at the real AMPS at " + uri);
    return server;
  }

  /** A topic name no other test run uses (for non-SOW topics on a shared real AMPS). */
  String topic(String base) {
    return base + "-" + run;
  }

  /** A client name no other test run uses. */
  String clientName(String base) {
    return base + "-" + run;
  }

  /** A value to put in records so that filters select only this run's SOW records. */
  String run() {
    return run;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
