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
package dev.sluice.flume.benchmarks.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw results beside the page ({@code docs/benchmarks/results.json}): every section with every
 * round, for comparing runs by program. A {@link Workload#ratiosOnly()} workload carries its ratios
 * only, as the page does.
 */
final class ResultsJson {
  static final int FORMAT = 1;

  private ResultsJson() {}

  static void write(Path file, List<Section> sections) throws IOException {
    JsonObject root = new JsonObject();
    root.addProperty("format", FORMAT);
    root.addProperty(
        "about",
        "Sluice benchmark results written by bin/bench --report; ratio = ours / anchor per round");
    JsonArray list = new JsonArray();
    for (Section s : sections) {
      list.add(toJson(s));
    }
    root.add("sections", list);
    Files.createDirectories(file.toAbsolutePath().getParent());
    String text = new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n";
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The sections in {@code file}, or none when it does not exist. */
  static List<Section> read(Path file) throws IOException {
    List<Section> sections = new ArrayList<>();
    if (!Files.exists(file)) {
      return sections;
    }
    JsonObject root =
        JsonParser.parseString(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
            .getAsJsonObject();
    if (root.get("format").getAsInt() != FORMAT) {
      throw new IOException(file + " has format " + root.get("format") + ", not " + FORMAT);
    }
    for (JsonElement e : root.getAsJsonArray("sections")) {
      sections.add(fromJson(e.getAsJsonObject()));
    }
    return sections;
  }

  private static JsonObject toJson(Section s) {
    JsonObject o = new JsonObject();
    o.addProperty("name", s.name());
    o.addProperty("title", s.title());
    o.addProperty("command", s.command());
    o.addProperty("commit", s.commit());
    o.addProperty("date", s.date());
    o.addProperty("wallSeconds", Math.round(s.wallSeconds()));
    o.addProperty("machine", s.machine());
    o.addProperty("loadStart", s.loadStart());
    o.addProperty("loadEnd", s.loadEnd());
    o.addProperty("description", s.description());
    o.addProperty("notes", s.notes());
    JsonArray workloads = new JsonArray();
    for (Workload w : s.workloads()) {
      JsonObject j = new JsonObject();
      j.addProperty("name", w.name());
      j.addProperty("unit", w.unit());
      j.addProperty("higherIsBetter", w.higherIsBetter());
      j.addProperty("anchor", w.anchorLabel());
      j.addProperty("ours", w.oursLabel());
      j.addProperty("ratiosOnly", w.ratiosOnly());
      if (w.goal() != null) {
        JsonObject g = new JsonObject();
        g.addProperty("kind", w.goal().kind().name());
        g.addProperty("bound", w.goal().bound());
        j.add("goal", g);
      }
      if (!w.ratiosOnly()) {
        j.add("anchorRounds", array(w.anchor()));
        j.add("oursRounds", array(w.ours()));
      }
      j.add("ratioRounds", array(w.ratios()));
      j.addProperty("medianRatio", w.ratios().median());
      workloads.add(j);
    }
    o.add("workloads", workloads);
    JsonArray figures = new JsonArray();
    for (Figure f : s.figures()) {
      JsonObject j = new JsonObject();
      j.addProperty("name", f.name());
      j.addProperty("unit", f.unit());
      j.add("rounds", array(f.rounds()));
      figures.add(j);
    }
    o.add("figures", figures);
    JsonArray agreement = new JsonArray();
    for (Agreement.Row r : s.agreement()) {
      JsonObject j = new JsonObject();
      j.addProperty("workload", r.workload());
      j.addProperty("previousMedianRatio", r.previous());
      j.addProperty("medianRatio", r.current());
      j.addProperty("agrees", r.agrees());
      j.addProperty("why", r.why());
      agreement.add(j);
    }
    o.add("agreementWithPreviousRun", agreement);
    return o;
  }

  private static Section fromJson(JsonObject o) {
    List<Workload> workloads = new ArrayList<>();
    for (JsonElement e : o.getAsJsonArray("workloads")) {
      JsonObject j = e.getAsJsonObject();
      Workload.Builder b = Workload.of(text(j, "name"), text(j, "unit"));
      Series anchor = j.has("anchorRounds") ? series(j.getAsJsonArray("anchorRounds")) : null;
      Series ours = j.has("oursRounds") ? series(j.getAsJsonArray("oursRounds")) : null;
      b.anchor(text(j, "anchor"), anchor).ours(text(j, "ours"), ours);
      b.ratios(series(j.getAsJsonArray("ratioRounds")));
      if (!j.get("higherIsBetter").getAsBoolean()) {
        b.lowerIsBetter();
      }
      if (j.get("ratiosOnly").getAsBoolean()) {
        b.ratiosOnly();
      }
      if (j.has("goal")) {
        JsonObject g = j.getAsJsonObject("goal");
        double bound = g.get("bound").getAsDouble();
        switch (Goal.Kind.valueOf(g.get("kind").getAsString())) {
          case RATIO_AT_LEAST:
            b.goal(Goal.ratioAtLeast(bound));
            break;
          case RATIO_AT_MOST:
            b.goal(Goal.ratioAtMost(bound));
            break;
          case DIFFERENCE_AT_MOST:
            b.goal(Goal.differenceAtMost(bound));
            break;
        }
      }
      workloads.add(b.build());
    }
    List<Figure> figures = new ArrayList<>();
    if (o.has("figures")) {
      for (JsonElement e : o.getAsJsonArray("figures")) {
        JsonObject j = e.getAsJsonObject();
        figures.add(
            Figure.of(text(j, "name"), text(j, "unit"), series(j.getAsJsonArray("rounds"))));
      }
    }
    List<Agreement.Row> rows = new ArrayList<>();
    if (o.has("agreementWithPreviousRun")) {
      for (JsonElement e : o.getAsJsonArray("agreementWithPreviousRun")) {
        JsonObject j = e.getAsJsonObject();
        rows.add(
            new Agreement.Row(
                text(j, "workload"),
                j.get("previousMedianRatio").getAsDouble(),
                j.get("medianRatio").getAsDouble(),
                j.get("agrees").getAsBoolean(),
                text(j, "why")));
      }
    }
    return new Section(
        text(o, "name"),
        text(o, "title"),
        text(o, "description"),
        text(o, "command"),
        text(o, "commit"),
        text(o, "date"),
        o.get("wallSeconds").getAsDouble(),
        text(o, "machine"),
        text(o, "loadStart"),
        text(o, "loadEnd"),
        workloads,
        figures,
        text(o, "notes"),
        rows);
  }

  private static String text(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  private static JsonArray array(Series s) {
    JsonArray a = new JsonArray();
    for (double v : s.values()) {
      a.add(v);
    }
    return a;
  }

  private static Series series(JsonArray a) {
    Series s = new Series();
    for (JsonElement e : a) {
      s.add(e.getAsDouble());
    }
    return s;
  }
}
