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

/** What happened to one event; every value but {@link #HIT} is written to the status header. */
enum Status {
  /** The row was found and its columns added. */
  HIT("hit"),
  /** HBase has no such row (or none of the selected columns), looked up or from the cache. */
  MISS("miss"),
  /** The event yields no row key: a header, JSON field or regex group is absent or empty. */
  NO_KEY("nokey"),
  /** The row was found but the body is not a JSON object the columns can be merged into. */
  BAD_BODY("badbody"),
  /** The lookup failed. */
  ERROR("error"),
  /** The lookup did not answer within {@code timeoutMillis}. */
  TIMEOUT("timeout");

  private final String label;

  Status(String label) {
    this.label = label;
  }

  /** The status header's value. */
  String label() {
    return label;
  }

  /** Failures of the lookup itself, which {@code failurePolicy} governs. */
  boolean isLookupFailure() {
    return this == ERROR || this == TIMEOUT;
  }
}
