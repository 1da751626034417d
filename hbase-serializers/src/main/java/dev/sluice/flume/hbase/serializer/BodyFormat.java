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

/**
 * What differs between the splitting and the JSON serializer: how a body is parsed, how a field is
 * named in {@code ${...}} and {@code timestampField}, and which cells the body's columns give.
 * Everything else (row keys, timestamps, headers, increments, bad events) is {@link
 * SerializerCore}'s.
 *
 * <p>An instance parses one event at a time and may reuse its state between events: the {@link
 * Parsed} it returns is valid until the next {@link #parse}.
 */
interface BodyFormat {
  /** A field named in a template or a key, resolved once at configuration. */
  interface FieldRef {
    /** The field as configured, for messages. */
    String spec();
  }

  /** One parsed body. */
  interface Parsed {
    /** The field's value as text; null when it is absent or JSON null. */
    String text(FieldRef field);

    /** The field's value as epoch milliseconds. */
    long millis(FieldRef field) throws BadEvent;
  }

  /**
   * Resolves a field name of the configuration.
   *
   * @throws IllegalArgumentException with what is allowed, when the name names no field
   */
  FieldRef field(String spec);

  Parsed parse(byte[] body) throws BadEvent;

  /** Adds a cell for each of the body's columns that has a value, in {@code family}. */
  void addCells(Parsed body, byte[] family, EventCells out) throws BadEvent;
}
