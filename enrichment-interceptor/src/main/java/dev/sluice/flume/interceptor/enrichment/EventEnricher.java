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

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.flume.Event;

/**
 * Adds a row's columns to an event: to headers named by {@code headerName} and/or as text fields of
 * the JSON object at {@code bodyPointer} (created when missing), named by {@code bodyFieldName}. A
 * name the event already has keeps its value under {@code onCollision = keep} and takes the
 * looked-up one under {@code overwrite}. Every other header and field stays as it was.
 */
final class EventEnricher {
  private final AddTo addTo;
  private final CellNaming headerName;
  private final CellNaming bodyFieldName;
  private final JsonPointer bodyPointer;
  private final boolean overwrite;

  EventEnricher(EnrichmentConfig config) {
    this.addTo = config.addTo();
    this.headerName = config.headerName();
    this.bodyFieldName = config.bodyFieldName();
    this.bodyPointer = config.bodyPointer();
    this.overwrite = config.onCollision() == Collision.OVERWRITE;
  }

  /**
   * Adds the row's columns. Returns false, with the event unchanged, when they go to the body and
   * the body is not a JSON object, or something other than an object is in the way of {@code
   * bodyPointer}.
   */
  boolean enrich(Event event, EventBody body, Row row) {
    if (addTo.body()) {
      JsonNode root = body.json();
      if (!(root instanceof ObjectNode) || !pathIsFree((ObjectNode) root)) {
        return false;
      }
      ObjectNode target = objectAt((ObjectNode) root);
      for (ColumnValue cell : row.cells()) {
        String name = bodyFieldName.name(cell);
        if (overwrite || !target.has(name)) {
          target.put(name, cell.value());
        }
      }
      body.write(root);
    }
    if (addTo.headers()) {
      Map<String, String> headers = event.getHeaders();
      for (ColumnValue cell : row.cells()) {
        String name = headerName.name(cell);
        if (overwrite) {
          headers.put(name, cell.value());
        } else {
          headers.putIfAbsent(name, cell.value());
        }
      }
    }
    return true;
  }

  /** True when every step of the pointer is an object or absent (so it can be created). */
  private boolean pathIsFree(ObjectNode root) {
    JsonNode node = root;
    for (JsonPointer p = bodyPointer; !p.matches(); p = p.tail()) {
      JsonNode child = node.get(p.getMatchingProperty());
      if (child == null || child.isNull()) {
        return true;
      }
      if (!child.isObject()) {
        return false;
      }
      node = child;
    }
    return true;
  }

  private ObjectNode objectAt(ObjectNode root) {
    ObjectNode node = root;
    for (JsonPointer p = bodyPointer; !p.matches(); p = p.tail()) {
      String name = p.getMatchingProperty();
      JsonNode child = node.get(name);
      node = child instanceof ObjectNode ? (ObjectNode) child : node.putObject(name);
    }
    return node;
  }
}
