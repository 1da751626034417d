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
package dev.sluice.flume.hbase.serializer;

/** Why an event could not be turned into the configured cells. */
enum BadEventReason {
  /** The row key (or the increment's row key) could not be built: a part is absent or empty. */
  NO_ROW_KEY("no-row-key", "BadEventsNoRowKey"),
  /** The body is not one JSON value, or (with {@code allFields}) not a JSON object. */
  MALFORMED_JSON("malformed-json", "BadEventsMalformedJson"),
  /** The body has fewer fields than {@code columns} names. */
  TOO_FEW_FIELDS("too-few-fields", "BadEventsTooFewFields"),
  /** The body has more fields than {@code columns} names. */
  TOO_MANY_FIELDS("too-many-fields", "BadEventsTooManyFields"),
  /** A quoted field is not closed, or a closing quote is not followed by the delimiter. */
  BAD_QUOTING("bad-quoting", "BadEventsBadQuoting"),
  /** A value does not parse as its column's type. */
  BAD_VALUE("bad-value", "BadEventsBadValue"),
  /** The header or field the cell timestamp comes from is absent. */
  NO_TIMESTAMP("no-timestamp", "BadEventsNoTimestamp"),
  /** The cell timestamp is not a whole, non-negative number of milliseconds. */
  BAD_TIMESTAMP("bad-timestamp", "BadEventsBadTimestamp");

  private final String label;
  private final String counter;

  BadEventReason(String label, String counter) {
    this.label = label;
    this.counter = counter;
  }

  /** The name in logs, dead letters and the docs. */
  String label() {
    return label;
  }

  /** The counter of events refused for this reason. */
  String counter() {
    return counter;
  }
}
