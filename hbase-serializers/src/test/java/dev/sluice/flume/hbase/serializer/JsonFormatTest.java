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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The streaming pointer pass against what Jackson's whole tree gives ({@code readTree} then {@code
 * at(pointer)}, the serializer's behaviour before the streaming pass): the same text, the same cell
 * bytes for each column type, the same timestamp, and the same bad-event message.
 */
class JsonFormatTest {
  private static final ObjectReader TREE =
      new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final byte[] FAMILY = {'d'};
  private static final ColumnType[] TYPES = ColumnType.values();

  /** The outcome of one pointer read one way, as text for a readable comparison. */
  private static String byTree(String body, String pointer, ColumnType type, boolean millis) {
    JsonNode root;
    try {
      root = TREE.readTree(body.getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      return "bad: the body is not JSON ("
          + e.getClass().getSimpleName()
          + " at line "
          + e.getLocation().getLineNr()
          + ", column "
          + e.getLocation().getColumnNr()
          + ")";
    } catch (IOException e) {
      return "bad: the body is not JSON (" + e.getClass().getSimpleName() + ")";
    }
    if (root == null || root.isMissingNode()) {
      return "bad: the body is empty";
    }
    JsonNode node = root.at(JsonFormat.pointer(pointer));
    boolean absent = node.isMissingNode() || node.isNull();
    if (millis) {
      if (absent) {
        return "bad: timestamp field '" + pointer + "' is absent";
      }
      if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
        return "millis " + node.longValue();
      }
      try {
        return "millis "
            + Timestamps.parseMillis(
                node.isTextual() ? node.textValue() : node.toString(),
                "timestamp field '" + pointer + "'");
      } catch (BadEvent e) {
        return "bad: " + e.detail();
      }
    }
    if (type == null) {
      return absent ? "absent" : "text " + (node.isValueNode() ? node.asText() : node.toString());
    }
    if (absent) {
      return "no cell";
    }
    try {
      return "cell " + Arrays.toString(type.fromJson(node, "field '" + pointer + "' (column 'c')"));
    } catch (BadEvent e) {
      return "bad: " + e.detail();
    }
  }

  private static String byFormat(String body, String pointer, ColumnType type, boolean millis) {
    List<JsonFormat.Column> columns = new ArrayList<>();
    if (type != null) {
      columns.add(new JsonFormat.Column("c", JsonFormat.pointer(pointer), type));
    }
    // Other pointers around it, so that the pass has more to find than the one asked.
    columns.add(new JsonFormat.Column("x", JsonFormat.pointer("/a"), ColumnType.STRING));
    JsonFormat format = new JsonFormat(columns, false, Set.of("c", "x"));
    BodyFormat.FieldRef field = format.field(pointer);
    format.field("/o/p");
    try {
      BodyFormat.Parsed parsed = format.parse(body.getBytes(StandardCharsets.UTF_8));
      if (millis) {
        return "millis " + parsed.millis(field);
      }
      if (type == null) {
        String text = parsed.text(field);
        return text == null ? "absent" : "text " + text;
      }
      EventCells cells = new EventCells();
      format.addCells(parsed, FAMILY, cells);
      for (int i = 0; i < cells.size(); i++) {
        if (Arrays.equals(cells.qualifier(i), new byte[] {'c'})) {
          return "cell " + Arrays.toString(cells.value(i));
        }
      }
      return "no cell";
    } catch (BadEvent e) {
      return "bad: " + e.detail();
    }
  }

  private static void sameAsTree(String body, String... pointers) {
    for (String pointer : pointers) {
      String where = "body " + body + ", pointer '" + pointer + "'";
      assertEquals(
          byTree(body, pointer, null, false),
          byFormat(body, pointer, null, false),
          "text, " + where);
      assertEquals(
          byTree(body, pointer, null, true),
          byFormat(body, pointer, null, true),
          "millis, " + where);
      for (ColumnType type : TYPES) {
        assertEquals(
            byTree(body, pointer, type, false),
            byFormat(body, pointer, type, false),
            type + ", " + where);
      }
    }
  }

  @Test
  void readsEscapedPointerTokens() {
    String body = "{\"a/b\":\"slash\",\"m~n\":\"tilde\",\"~1\":\"lit\",\"\":\"empty\"}";
    assertEquals("text slash", byFormat(body, "/a~1b", null, false));
    assertEquals("text tilde", byFormat(body, "/m~0n", null, false));
    sameAsTree(body, "/a~1b", "/m~0n", "/~01", "/~1", "/", "/a", "/a~0b");
  }

  @Test
  void readsNestedObjectsAndWholeContainers() {
    String body =
        "{\"skip\":{\"deep\":[1,{\"x\":2}]},\"o\":{\"p\":{\"q\":\"x\",\"n\":12.50,\"l\":[1,2.50,"
            + "\"s\",null,true]},\"r\":7},\"z\":1}";
    assertEquals(
        "text {\"q\":\"x\",\"n\":12.5,\"l\":[1,2.5,\"s\",null,true]}",
        byFormat(body, "/o/p", null, false));
    sameAsTree(
        body,
        "",
        "/o",
        "/o/p",
        "/o/p/q",
        "/o/p/n",
        "/o/p/l",
        "/o/p/l/1",
        "/o/r",
        "/o/x",
        "/o/p/q/x",
        "/z",
        "/skip/deep/1/x");
  }

  @Test
  void readsArraysByIndexAndObjectsByTheSameToken() {
    String body =
        "{\"a\":[10,[20,21],{\"b\":30},null],\"k\":{\"0\":\"zero\",\"01\":\"z1\",\"-\":\"d\"}}";
    assertEquals("text 21", byFormat(body, "/a/1/1", null, false));
    assertEquals("text zero", byFormat(body, "/k/0", null, false));
    sameAsTree(
        body,
        "/a/0",
        "/a/1",
        "/a/1/1",
        "/a/2/b",
        "/a/3",
        "/a/4",
        "/a/-",
        "/a/01",
        "/a/b",
        "/k/0",
        "/k/01",
        "/k/-",
        "/a/99999999999");
    sameAsTree("[\"x\",[\"y\"]]", "", "/0", "/1/0", "/2", "/a");
  }

  @Test
  void aDuplicateKeyTakesItsLastValueAsJacksonsTreeDoes() {
    assertEquals("text 2", byFormat("{\"a\":1,\"a\":2}", "/a", null, false));
    sameAsTree("{\"a\":1,\"a\":2}", "/a");
    sameAsTree("{\"a\":{\"b\":1},\"a\":2}", "/a", "/a/b");
    sameAsTree("{\"a\":2,\"a\":{\"b\":1}}", "/a", "/a/b");
    sameAsTree("{\"a\":{\"b\":1,\"c\":2},\"a\":{\"b\":3}}", "/a/b", "/a/c", "/a");
    sameAsTree("{\"o\":{\"p\":{\"q\":1}},\"o\":{\"p\":null}}", "/o/p", "/o/p/q", "/o");
    sameAsTree("{\"a\":[1,2],\"a\":[3]}", "/a/0", "/a/1");
  }

  @Test
  void readsDeeplyNestedValuesAndSkipsDeepSubtrees() {
    int depth = 300;
    StringBuilder body = new StringBuilder("{\"skip\":");
    body.append("[".repeat(depth)).append("]".repeat(depth)).append(',');
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      body.append("\"n\":{");
      pointer.append("/n");
    }
    body.append("\"v\":\"bottom\"").append("}".repeat(depth)).append('}');
    assertEquals("text bottom", byFormat(body.toString(), pointer + "/v", null, false));
    sameAsTree(body.toString(), pointer + "/v", pointer.toString(), "/skip/0/0", "/n/n/x");
  }

  @Test
  void trailingGarbageEmptyAndMalformedBodiesAreBadWithTheTreesMessage() {
    for (String body :
        List.of(
            "{\"a\":1} x",
            "{\"a\":1}{\"b\":2}",
            "{\"a\":1}]",
            "1 2",
            "\"s\" \"t\"",
            "",
            "   \n ",
            "{\"a\":}",
            "{\"a\":1",
            "{\"a\" 1}",
            "[1,2",
            "{a:1}",
            "{\"skip\":\"\\q\",\"a\":1}",
            "{\"skip\":\"a\u0001b\",\"a\":1}",
            "{\"skip\":[1,}],\"a\":1}",
            "{\"a\":1,}",
            "{\"a\":01}",
            "nul")) {
      String verdict = byFormat(body, "/a", null, false);
      assertEquals("bad: ", verdict.substring(0, Math.min(5, verdict.length())), body);
      sameAsTree(body, "/a", "/b");
    }
  }

  @Test
  void invalidUtf8InASkippedStringIsStillABadEvent() {
    byte[] body = "{\"skip\":\"a?b\",\"a\":1}".getBytes(StandardCharsets.UTF_8);
    body[10] = (byte) 0xC3; // a lead byte followed by 'b', not a continuation byte
    List<JsonFormat.Column> columns =
        List.of(new JsonFormat.Column("a", JsonFormat.pointer("/a"), ColumnType.LONG));
    JsonFormat format = new JsonFormat(columns, false, Set.of("a"));
    String expected;
    try {
      TREE.readTree(body);
      expected = "parsed";
    } catch (IOException e) {
      expected = "bad";
    }
    String actual;
    try {
      format.parse(body);
      actual = "parsed";
    } catch (BadEvent e) {
      actual = "bad";
    }
    assertEquals(expected, actual);
  }

  /**
   * One pass reads every column of a format whose top level names few fields (found by comparing
   * the interned names) and of one that names many (found by hash), including names Jackson hands
   * out as fresh strings (escaped in the body) and fields no column names.
   */
  @Test
  void readsEveryColumnOfANarrowAndAWideFormatInOnePass() {
    for (int width : new int[] {3, 8, 9, 40}) {
      List<JsonFormat.Column> columns = new ArrayList<>();
      StringBuilder body = new StringBuilder("{\"skip\":{\"f0\":\"nested\"}");
      for (int i = 0; i < width; i++) {
        columns.add(
            new JsonFormat.Column("q" + i, JsonFormat.pointer("/f" + i), ColumnType.STRING));
        // Every third name escaped: Jackson decodes it to the same name.
        String name = i % 3 == 0 ? "\\u0066" + i : "f" + i;
        body.append(",\"other").append(i).append("\":").append(i);
        body.append(",\"").append(name).append("\":\"v").append(i).append('"');
      }
      body.append('}');
      JsonFormat format = new JsonFormat(columns, false, Set.of());
      EventCells cells = new EventCells();
      try {
        format.addCells(
            format.parse(body.toString().getBytes(StandardCharsets.UTF_8)), FAMILY, cells);
      } catch (BadEvent e) {
        throw new AssertionError(body + ": " + e.detail(), e);
      }
      assertEquals(width, cells.size(), body.toString());
      for (int i = 0; i < width; i++) {
        assertEquals("q" + i, new String(cells.qualifier(i), StandardCharsets.UTF_8));
        assertEquals("v" + i, new String(cells.value(i), StandardCharsets.UTF_8), body.toString());
      }
    }
  }

  @Test
  void readsUnicodeKeysAndValues() {
    String body =
        "{\"ключ\":\"значение\",\"emoji\":\"\uD83D\uDE00\",\"esc\":\"\\u00e9\\ud83d\\ude00\","
            + "\"k\\u00e9y\":\"escaped key\",\"skip\":\"\\u2603\u2603\"}";
    assertEquals("text значение", byFormat(body, "/ключ", null, false));
    assertEquals("text é\uD83D\uDE00", byFormat(body, "/esc", null, false));
    sameAsTree(body, "/ключ", "/emoji", "/esc", "/k\u00e9y", "/skip");
  }

  @Test
  void readsScalarsAsTheTreesNodesWouldHoldThem() {
    String body =
        "{\"big\":12345678901234567890,\"long\":1700000000000,\"int\":-42,\"d\":1.50,\"e\":1e2,"
            + "\"nz\":-0.0,\"huge\":1E400,\"t\":true,\"f\":false,\"n\":null,\"s\":\"12.5\","
            + "\"neg\":-1,\"iso\":\"2024-01-02T03:04:05Z\",\"b64\":\"AAEC\"}";
    sameAsTree(
        body, "/big", "/long", "/int", "/d", "/e", "/nz", "/huge", "/t", "/f", "/n", "/s", "/neg",
        "/iso", "/b64");
    sameAsTree("12.5", "");
    sameAsTree("\"2024-01-02T03:04:05Z\"", "", "/0");
    sameAsTree("null", "");
  }

  @Test
  void aPointerAndOneBelowItBothRead() {
    List<JsonFormat.Column> columns =
        List.of(
            new JsonFormat.Column("o", JsonFormat.pointer("/o"), ColumnType.STRING),
            new JsonFormat.Column("q", JsonFormat.pointer("/o/p/q"), ColumnType.STRING),
            new JsonFormat.Column("all", JsonFormat.pointer(""), ColumnType.STRING));
    JsonFormat format = new JsonFormat(columns, false, Set.of("o", "q", "all"));
    EventCells cells = new EventCells();
    try {
      format.addCells(
          format.parse("{\"o\":{\"p\":{\"q\":\"v\"}}}".getBytes(StandardCharsets.UTF_8)),
          FAMILY,
          cells);
    } catch (BadEvent e) {
      throw new AssertionError(e);
    }
    assertEquals(3, cells.size());
    assertArrayEquals("{\"p\":{\"q\":\"v\"}}".getBytes(StandardCharsets.UTF_8), cells.value(0));
    assertArrayEquals("v".getBytes(StandardCharsets.UTF_8), cells.value(1));
    assertArrayEquals(
        "{\"o\":{\"p\":{\"q\":\"v\"}}}".getBytes(StandardCharsets.UTF_8), cells.value(2));
  }
}
