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

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON serializer's body: one JSON value per event, fields picked by JSON Pointer (RFC 6901,
 * {@code /order/price}), and with {@code allFields} every top-level field of an object.
 *
 * <p>Hot path, one piece on purpose. Every pointer the serializer reads (columns, the timestamp
 * field, {@code ${/pointer}} in row keys) is a slot, found once per event by a streaming pass over
 * the body along a tree of the pointers' steps: subtrees no pointer enters are skipped, never built
 * (building the whole Jackson tree per event was half the serializer's time). A pointer's value is
 * the {@link JsonNode} Jackson's tree would hold there, so the column types and text rules are
 * unchanged; a duplicate key's later value wins, as in Jackson's tree. Anything the streaming pass
 * does not accept (malformed JSON, trailing tokens, an empty body) and {@code allFields} go through
 * the whole tree as before, which gives the bad event's message.
 */
final class JsonFormat implements BodyFormat {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectReader READER =
      MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Reads one value of a parser, without the check for trailing tokens. */
  private static final ObjectReader VALUE_READER = MAPPER.reader();

  private static final JsonFactory FACTORY = MAPPER.getFactory();

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
    final int slot;
    final String timestampWhat;

    Field(JsonPointer pointer, int slot) {
      this.pointer = pointer;
      this.slot = slot;
      this.timestampWhat = "timestamp field '" + pointer + "'";
    }

    @Override
    public String spec() {
      return pointer.toString();
    }
  }

  /**
   * One step of the pointers: the slot of the pointer ending here (or -1), the steps below by
   * property name and by array index, and every slot at or below, cleared when a duplicate key
   * enters the step again.
   */
  private static final class Step {
    static final int SCANNED_NAMES = 8;

    int slot = -1;
    final Map<String, Step> byName = new HashMap<>();

    /**
     * The steps below by property name, as arrays searched in order when there are at most {@link
     * #SCANNED_NAMES}: Jackson hands names out interned, so the first pass compares references and
     * needs no hash. More names than that go through {@link #byName}'s hash, since every field the
     * pointers do not name is a miss that compares against them all.
     */
    String[] names = new String[0];

    Step[] named = new Step[0];

    int[] indexes = new int[0];
    Step[] byIndex = new Step[0];
    final List<Integer> below = new ArrayList<>();
    int[] slotsBelow;

    /** For a step with a slot: the slots of the longer pointers below it, and their rest. */
    int[] deeperSlots;

    JsonPointer[] deeperRest;

    @SuppressWarnings("ReferenceEquality") // on purpose: the fast first pass, equals() follows
    Step byName(String name) {
      if (names.length > SCANNED_NAMES) {
        return byName.get(name);
      }
      for (int k = 0; k < names.length; k++) {
        if (names[k] == name) {
          return named[k];
        }
      }
      for (int k = 0; k < names.length; k++) {
        if (names[k].equals(name)) {
          return named[k];
        }
      }
      return null;
    }

    Step atIndex(int i) {
      for (int k = 0; k < indexes.length; k++) {
        if (indexes[k] == i) {
          return byIndex[k];
        }
      }
      return null;
    }
  }

  private final Column[] columns;
  private final int[] columnSlots;
  private final boolean allFields;
  private final Set<String> namedQualifiers;
  private final Parsed parsed = new JsonParsed();
  private final List<JsonPointer> targets = new ArrayList<>();
  private final Map<String, Integer> slotOf = new HashMap<>();
  private Step steps;
  private JsonNode[] values = new JsonNode[0];
  private JsonNode root;

  JsonFormat(List<Column> columns, boolean allFields, Set<String> namedQualifiers) {
    this.columns = columns.toArray(new Column[0]);
    this.columnSlots = new int[this.columns.length];
    for (int i = 0; i < this.columns.length; i++) {
      columnSlots[i] = slot(this.columns[i].pointer);
    }
    this.allFields = allFields;
    this.namedQualifiers = namedQualifiers;
  }

  /** A JSON Pointer: empty (the whole value) or starting with '/'. */
  static JsonPointer pointer(String spec) {
    return JsonPointer.compile(spec);
  }

  @Override
  public FieldRef field(String spec) {
    JsonPointer p = pointer(spec);
    return new Field(p, slot(p));
  }

  private int slot(JsonPointer p) {
    Integer known = slotOf.get(p.toString());
    if (known != null) {
      return known;
    }
    int s = targets.size();
    targets.add(p);
    slotOf.put(p.toString(), s);
    steps = null;
    values = new JsonNode[targets.size()];
    return s;
  }

  /** The tree of the pointers' steps, built once all pointers are known. */
  private Step steps() {
    if (steps == null) {
      Step top = new Step();
      List<Step> all = new ArrayList<>();
      all.add(top);
      for (int s = 0; s < targets.size(); s++) {
        Step at = top;
        at.below.add(s);
        for (JsonPointer p = targets.get(s); !p.matches(); p = p.tail()) {
          Step next = at.byName.get(p.getMatchingProperty());
          if (next == null) {
            next = new Step();
            all.add(next);
            at.byName.put(p.getMatchingProperty(), next);
            int index = p.getMatchingIndex();
            if (index >= 0) {
              at.indexes = Arrays.copyOf(at.indexes, at.indexes.length + 1);
              at.byIndex = Arrays.copyOf(at.byIndex, at.byIndex.length + 1);
              at.indexes[at.indexes.length - 1] = index;
              at.byIndex[at.byIndex.length - 1] = next;
            }
          }
          at = next;
          at.below.add(s);
        }
        at.slot = s;
      }
      for (Step step : all) {
        step.names = new String[step.byName.size()];
        step.named = new Step[step.names.length];
        int n = 0;
        for (Map.Entry<String, Step> e : step.byName.entrySet()) {
          step.names[n] = e.getKey().intern();
          step.named[n++] = e.getValue();
        }
        step.slotsBelow = step.below.stream().mapToInt(Integer::intValue).toArray();
        if (step.slot >= 0) {
          step.deeperSlots =
              step.below.stream().filter(s -> s != step.slot).mapToInt(Integer::intValue).toArray();
          step.deeperRest = new JsonPointer[step.deeperSlots.length];
          for (int k = 0; k < step.deeperSlots.length; k++) {
            step.deeperRest[k] = rest(targets.get(step.deeperSlots[k]), targets.get(step.slot));
          }
        }
      }
      steps = top;
    }
    return steps;
  }

  /** {@code full} with the steps of {@code prefix}, one of its prefixes, taken off. */
  private static JsonPointer rest(JsonPointer full, JsonPointer prefix) {
    JsonPointer r = full;
    for (JsonPointer p = prefix; !p.matches(); p = p.tail()) {
      r = r.tail();
    }
    return r;
  }

  @Override
  public Parsed parse(byte[] body) throws BadEvent {
    if (!allFields) {
      try {
        if (stream(body)) {
          root = null;
          return parsed;
        }
      } catch (IOException | RuntimeException e) {
        // The whole tree below reads the body again and tells what is wrong with it.
      }
    }
    return parseTree(body);
  }

  /** The streaming pass; false when the body is not one JSON value. */
  private boolean stream(byte[] body) throws IOException {
    Step top = steps();
    Arrays.fill(values, null);
    try (JsonParser p = FACTORY.createParser(body)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return false;
      }
      visit(p, t, top);
      return p.nextToken() == null;
    }
  }

  /** Reads the value starting at {@code t}, the parser's current token, that {@code step} names. */
  private void visit(JsonParser p, JsonToken t, Step step) throws IOException {
    for (int s : step.slotsBelow) {
      values[s] = null;
    }
    if (step.slot >= 0) {
      JsonNode node = value(p, t);
      values[step.slot] = node;
      for (int k = 0; k < step.deeperSlots.length; k++) {
        values[step.deeperSlots[k]] = node.at(step.deeperRest[k]);
      }
      return;
    }
    if (t == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        Step next = step.byName(p.getCurrentName());
        JsonToken v = p.nextToken();
        if (next == null) {
          p.skipChildren();
        } else {
          visit(p, v, next);
        }
      }
    } else if (t == JsonToken.START_ARRAY) {
      int i = 0;
      JsonToken v;
      while ((v = p.nextToken()) != JsonToken.END_ARRAY && v != null) {
        Step next = step.atIndex(i++);
        if (next == null) {
          p.skipChildren();
        } else {
          visit(p, v, next);
        }
      }
    }
  }

  /** The node Jackson's tree holds for the value at the parser's current token. */
  private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING:
        return TextNode.valueOf(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return IntNode.valueOf(p.getIntValue());
          case LONG:
            return LongNode.valueOf(p.getLongValue());
          default:
            return VALUE_READER.readTree(p);
        }
      case VALUE_NUMBER_FLOAT:
        if (p.getNumberType() == JsonParser.NumberType.DOUBLE) {
          return DoubleNode.valueOf(p.getDoubleValue());
        }
        return VALUE_READER.readTree(p);
      case VALUE_TRUE:
        return BooleanNode.TRUE;
      case VALUE_FALSE:
        return BooleanNode.FALSE;
      case VALUE_NULL:
        return NullNode.instance;
      default:
        return VALUE_READER.readTree(p);
    }
  }

  /** The whole tree: for allFields, and for a body the streaming pass did not accept. */
  private Parsed parseTree(byte[] body) throws BadEvent {
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
    for (int s = 0; s < values.length; s++) {
      values[s] = root.at(targets.get(s));
    }
    return parsed;
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? "unknown position"
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull();
  }

  @Override
  public void addCells(Parsed body, byte[] family, EventCells out) throws BadEvent {
    for (int i = 0; i < columns.length; i++) {
      JsonNode node = values[columnSlots[i]];
      if (absent(node)) {
        continue;
      }
      Column c = columns[i];
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
      JsonNode node = values[((Field) field).slot];
      if (absent(node)) {
        return null;
      }
      return node.isValueNode() ? node.asText() : node.toString();
    }

    @Override
    public long millis(FieldRef field) throws BadEvent {
      Field f = (Field) field;
      JsonNode node = values[f.slot];
      String what = f.timestampWhat;
      if (absent(node)) {
        throw new BadEvent(BadEventReason.NO_TIMESTAMP, what + " is absent");
      }
      if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
        return node.longValue();
      }
      return Timestamps.parseMillis(node.isTextual() ? node.textValue() : node.toString(), what);
    }
  }
}
