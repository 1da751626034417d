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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  @Test
  void readsAndWritesEveryKindOfValue() throws Exception {
    String text =
        "{\"s\":\"a\\\"b\\\\c\\n\\u00e9\",\"i\":-12,\"d\":1.5e2,\"t\":true,\"f\":false,"
            + "\"n\":null,\"a\":[1,{\"x\":[]}],\"o\":{}}";
    Object v = Json.parse(text);
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals("a\"b\\c\né", m.get("s"));
    assertEquals(-12L, m.get("i"));
    assertEquals(150.0, m.get("d"));
    assertSame(Json.NULL, m.get("n"));
    assertEquals(List.of(1L, Map.of("x", List.of())), m.get("a"));
    assertEquals(
        "{\"s\":\"a\\\"b\\\\c\\né\",\"i\":-12,\"d\":150.0,\"t\":true,\"f\":false,\"n\":null,"
            + "\"a\":[1,{\"x\":[]}],\"o\":{}}",
        Json.write(v));
  }

  @Test
  void followsPaths() throws Exception {
    Object doc = Json.parse("{\"a\":{\"b\":{\"c\":3}},\"n\":null}");
    assertEquals(3L, Json.path(doc, Json.steps("/a/b/c")));
    assertEquals(null, Json.path(doc, Json.steps("/a/x/c")));
    assertSame(Json.NULL, Json.path(doc, Json.steps("/n")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "{\"a\"}", "{\"a\":}", "[1,]", "tru", "{\"a\":1} x", "\"open"})
  void refusesWhatIsNotJson(String text) {
    assertThrows(Json.ParseException.class, () -> Json.parse(text));
  }

  @Test
  void mergesAndDiffsForDeltas() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> base =
        (Map<String, Object>) Json.parse("{\"k\":1,\"a\":1,\"o\":{\"x\":1,\"y\":1}}");
    @SuppressWarnings("unchecked")
    Map<String, Object> delta =
        (Map<String, Object>) Json.parse("{\"k\":1,\"o\":{\"y\":2},\"b\":3}");
    Map<String, Object> merged = JsonMerge.merge(base, delta);
    assertEquals("{\"k\":1,\"a\":1,\"o\":{\"x\":1,\"y\":2},\"b\":3}", Json.write(merged));
    assertEquals(
        "{\"k\":1,\"o\":{\"y\":2},\"b\":3}",
        Json.write(JsonMerge.diff(base, merged, new String[][] {{"k"}})));
  }
}
