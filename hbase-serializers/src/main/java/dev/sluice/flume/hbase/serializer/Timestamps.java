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

/** Parses epoch milliseconds as the serializers accept them. */
final class Timestamps {
  private Timestamps() {}

  /**
   * A whole, non-negative number of milliseconds since 1970-01-01T00:00:00Z, in decimal.
   *
   * @param what names the value in the error
   */
  static long parseMillis(String text, String what) throws BadEvent {
    try {
      long millis = Long.parseLong(text.trim());
      if (millis >= 0 && millis < EventCells.SERVER_TIMESTAMP) {
        return millis;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadEvent(
        BadEventReason.BAD_TIMESTAMP,
        what + " is not a whole, non-negative number of epoch milliseconds");
  }
}
