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

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON serializer's body: one JSON value per event, fields picked by JSON Pointer (RFC 6901,
 * {@code /order/price}), and with {@code allFields} every top-level field of an object.
 */
final class JsonFormat implements BodyFormat {
  private static final ObjectReader READER =
      new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** One column: a pointer, the qualifier and the type. */
  static final class Column {
    final String qualifierText;
    final byte[] qualifier;
    final JsonPointer pointer;
    final ColumnType type;
    final String what;

    Column(String qualifier, JsonPointer pointer, ColumnType type) {
      this.qualifierText = qualifier;
      this.qualifier = qualifier.getBytes(StandardCharsets.UTF_8);
      this.pointer = pointer;
      this.type = type;
      this.what = "field '" + pointer + "' (column '" + qualifier + "')";
    }
  }

  private static final class Field implements FieldRef {
    final JsonPointer pointer;

    Field(JsonPointer pointer) {
      this.pointer = pointer;
    }

    @Override
    public String spec() {
      return pointer.toString();
    }
  }

  private final Column[] columns;
  private final boolean allFields;
  private final Set<String> namedQualifiers;
  private final Parsed parsed = new JsonParsed();
  private JsonNode root;

  JsonFormat(List<Column> columns, boolean allFields, Set<String> namedQualifiers) {
    this.columns = columns.toArray(new Column[0]);
    this.allFields = allFields;
    this.namedQualifiers = namedQualifiers;
  }

  /** A JSON Pointer: empty (the whole value) or starting with '/'. */
  static JsonPointer pointer(String spec) {
    return JsonPointer.compile(spec);
  }

  @Override
  public FieldRef field(String spec) {
    return new Field(pointer(spec));
  }

  @Override
  public Parsed parse(byte[] body) throws BadEvent {
    try {
      root = READER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadEvent(
          BadEventReason.MALFORMED_JSON,
          "the body is not JSON (" + e.getClass().getSimpleName() + " at " + location(e) + ")");
    } catch (IOException e) {
      throw new BadEvent(
          BadEventReason.MALFORMED_JSON,
          "the body is not JSON (" + e.getClass().getSimpleName() + ")");
    }
    if (root == null || root.isMissingNode()) {
      throw new BadEvent(BadEventReason.MALFORMED_JSON, "the body is empty");
    }
    if (allFields && !root.isObject()) {
      throw new BadEvent(
          BadEventReason.MALFORMED_JSON,
          "the body is a JSON "
              + root.getNodeType().name().toLowerCase(Locale.ROOT)
              + ", not an object");
    }
    return parsed;
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? "unknown position"
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  @Override
  public void addCells(Parsed body, byte[] family, EventCells out) throws BadEvent {
    for (Column c : columns) {
      JsonNode node = root.at(c.pointer);
      if (node.isMissingNode() || node.isNull()) {
        continue;
      }
      out.add(family, c.qualifier, c.type.fromJson(node, c.what));
    }
    if (allFields) {
      Iterator<Map.Entry<String, JsonNode>> it = root.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode node = e.getValue();
        if (node.isNull() || namedQualifiers.contains(e.getKey())) {
          continue;
        }
        String text = node.isValueNode() ? node.asText() : node.toString();
        out.add(
            family,
            e.getKey().getBytes(StandardCharsets.UTF_8),
            text.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private final class JsonParsed implements Parsed {
    @Override
    public String text(FieldRef field) {
      JsonNode node = root.at(((Field) field).pointer);
      if (node.isMissingNode() || node.isNull()) {
        return null;
      }
      return node.isValueNode() ? node.asText() : node.toString();
    }

    @Override
    public long millis(FieldRef field) throws BadEvent {
      JsonNode node = root.at(((Field) field).pointer);
      String what = "timestamp field '" + field.spec() + "'";
      if (node.isMissingNode() || node.isNull()) {
        throw new BadEvent(BadEventReason.NO_TIMESTAMP, what + " is absent");
      }
      if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
        return node.longValue();
      }
      return Timestamps.parseMillis(node.isTextual() ? node.textValue() : node.toString(), what);
    }
  }
}
