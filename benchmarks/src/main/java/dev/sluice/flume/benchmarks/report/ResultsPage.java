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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code docs/benchmarks.md}, written only by the benchmarks: the page is rendered whole from the
 * raw results ({@code benchmarks/results.json} beside it), with a summary of every goal, then a
 * section per benchmark with its charts ({@code benchmarks/<name>-*.svg}), its provenance, every
 * round of every workload and its agreement with the previous run of the same benchmark.
 *
 * <p>{@link #publish} merges: the sections just run replace those of the same benchmark, the others
 * stay as they were recorded. Sections of an older page that the raw results do not hold (written
 * by hand or by an earlier tool) are kept after the generated ones.
 */
public final class ResultsPage {
  static final String INTRO =
      "# Benchmarks\n\n"
          + "Every figure quoted anywhere in Sluice (README, module pages, issues) comes from this"
          + " page, and\nthis page comes only from the benchmarks: `bin/bench --report` runs all of"
          + " them and rewrites it,\n`bin/bench --report --only NAME[,NAME...]` reruns some and"
          + " merges them in, and `bin/bench NAME ...\n--markdown docs/benchmarks.md` does the same"
          + " for one benchmark with its own arguments. The raw\nfigures, every round, are in"
          + " [benchmarks/results.json](benchmarks/results.json).\n\n"
          + "Each workload sets ours beside its anchor (what a user would run instead), measured"
          + " alternately in\nthe same run, round after round, by the same observer; the ratio is"
          + " ours / anchor in the\nworkload's unit, per round, and the figures are medians over the"
          + " rounds. The machine is shared\nand noisy (its load average is given with every"
          + " section, and its processor and the time of a fixed\nsingle-thread reference workload"
          + " with sections run since they were recorded): compare ratios\nof one run, not figures"
          + " across runs. Each section compares"
          + " its median ratios with the previous run of the same\nbenchmark; two runs agree when"
          + " every median ratio is within "
          + Agreement.TOLERANCE_PERCENT
          + "% of the other's. Figures measured\nthrough the AMPS client are given as ratios only:"
          + " its licence forbids publishing benchmark\nresults of the client.\n";

  private ResultsPage() {}

  /** The raw results file of a page: {@code <page dir>/benchmarks/results.json}. */
  public static Path resultsFile(Path page) {
    return chartDir(page).resolve("results.json");
  }

  static Path chartDir(Path page) {
    return page.toAbsolutePath().getParent().resolve("benchmarks");
  }

  /**
   * Merges {@code fresh} into the page and its raw results: each fresh section is compared with the
   * recorded run of the same benchmark, replaces it, and gets its charts; the page is rendered
   * again whole, sections in {@code order} (benchmark names), then any others. A fresh section that
   * is the recorded run itself (the same results merged again) leaves it as it is, so a run is
   * never compared with itself. Returns the merged sections, fresh ones with their agreement.
   */
  public static List<Section> publish(Path page, List<Section> fresh, List<String> order)
      throws IOException {
    return publish(page, fresh, order, 1);
  }

  /**
   * {@link #publish(Path, List, List)}, refusing (before anything is written) a fresh section with
   * a workload of fewer than {@code minRounds} rounds.
   *
   * @throws TooFewRoundsException naming the first such section and workload
   */
  public static List<Section> publish(
      Path page, List<Section> fresh, List<String> order, int minRounds) throws IOException {
    Path json = resultsFile(page);
    Map<String, Section> byName = new LinkedHashMap<>();
    for (Section s : ResultsJson.read(json)) {
      byName.put(s.name(), s);
    }
    List<Section> compared = new ArrayList<>();
    for (Section s : fresh) {
      Section previous = byName.get(s.name());
      if (previous != null && previous.sameRunAs(s)) {
        compared.add(previous);
        continue;
      }
      for (Workload w : s.workloads()) {
        if (w.ratios().size() < minRounds) {
          throw new TooFewRoundsException(
              String.format(
                  Locale.ROOT,
                  "%s: workload %s has %d round(s); %s takes at least %d",
                  s.name(),
                  w.name(),
                  w.ratios().size(),
                  page,
                  minRounds));
        }
      }
      Section withAgreement =
          previous == null ? s : s.withAgreement(Agreement.compare(previous, s));
      compared.add(withAgreement);
      byName.put(s.name(), withAgreement);
    }
    List<Section> merged = ordered(byName, order);
    ResultsJson.write(json, merged);
    writePage(page, merged);
    return compared;
  }

  /** A section has fewer rounds than the page takes; nothing was written. */
  public static final class TooFewRoundsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    TooFewRoundsException(String message) {
      super(message);
    }
  }

  /** The sections of a raw results file (another page's {@code results.json}). */
  public static List<Section> read(Path resultsJson) throws IOException {
    if (!Files.exists(resultsJson)) {
      throw new IOException("no such results file: " + resultsJson);
    }
    return ResultsJson.read(resultsJson);
  }

  /**
   * Renders the page and every chart again from its raw results, running nothing: for a change of
   * the page's format. Returns the sections.
   *
   * @throws IOException when the page has no raw results (nothing is written then)
   */
  public static List<Section> render(Path page, List<String> order) throws IOException {
    Path json = resultsFile(page);
    if (!Files.exists(json)) {
      // Rendering nothing would overwrite the page with an empty one.
      throw new IOException("no results file " + json + " to render " + page + " from");
    }
    Map<String, Section> byName = new LinkedHashMap<>();
    for (Section s : ResultsJson.read(json)) {
      byName.put(s.name(), s);
    }
    List<Section> merged = ordered(byName, order);
    writePage(page, merged);
    return merged;
  }

  /** The sections named in {@code order} first, in that order, then the rest. */
  private static List<Section> ordered(Map<String, Section> byName, List<String> order) {
    Map<String, Section> rest = new LinkedHashMap<>(byName);
    List<Section> merged = new ArrayList<>();
    for (String name : order) {
      if (rest.containsKey(name)) {
        merged.add(rest.remove(name));
      }
    }
    merged.addAll(rest.values());
    return merged;
  }

  /** The charts of every section, the summary chart and the page. */
  private static void writePage(Path page, List<Section> sections) throws IOException {
    for (Section s : sections) {
      Charts.write(s, chartDir(page));
    }
    Charts.writeSummary(sections, chartDir(page));
    String old =
        Files.exists(page) ? new String(Files.readAllBytes(page), StandardCharsets.UTF_8) : "";
    Files.write(
        page, render(sections, legacySections(old, sections)).getBytes(StandardCharsets.UTF_8));
  }

  /** The whole page. */
  static String render(List<Section> sections, String legacy) {
    StringBuilder md = new StringBuilder(INTRO);
    md.append("\n## Summary\n\n");
    if (Charts.summary(sections) != null) {
      md.append("![Goals: median ratio against its goal](benchmarks/")
          .append(Charts.SUMMARY_FILE)
          .append(")\n\n");
    }
    md.append(
        "Every workload with a goal, and whether this page's last run of it agrees with the run"
            + " before\n(within "
            + Agreement.TOLERANCE_PERCENT
            + "% on the median ratio):\n\n");
    StringBuilder rows = new StringBuilder();
    int goals = 0;
    int compared = 0;
    int met = 0;
    List<String> disagreeing = new ArrayList<>();
    for (Section s : sections) {
      compared += s.agreement().isEmpty() ? 0 : 1;
      for (Workload w : s.workloads()) {
        Agreement.Row row = agreementOf(s, w);
        if (row != null && !row.agrees()) {
          disagreeing.add(s.name() + ": " + w.name());
        }
        if (w.goal() == null) {
          continue;
        }
        goals++;
        met += w.goalMet() ? 1 : 0;
        rows.append(
            String.format(
                Locale.ROOT,
                "| [%s](#%s) | %s | %sx | %.2f – %.2f | %s | %s | %s |%n",
                s.name(),
                anchorOf(s.title()),
                w.name(),
                medianRatio(w),
                w.ratios().min(),
                w.ratios().max(),
                w.goal().text(w.unit()),
                verdict(w),
                agreementCell(row)));
      }
    }
    if (goals > 0) {
      md.append(
          "| benchmark | workload | median ratio | min – max | goal | met | vs previous run |\n");
      md.append("|---|---|---:|---|---|---|---|\n");
      md.append(rows).append('\n');
    } else {
      md.append("No workload on this page has a goal yet.\n\n");
    }
    md.append(
        String.format(
            Locale.ROOT,
            "%d of %d goals met. %d of %d sections compared with a previous run of their benchmark:"
                + " %s%n",
            met,
            goals,
            compared,
            sections.size(),
            disagreeing.isEmpty()
                ? "no workload disagrees with it by more than " + Agreement.TOLERANCE_PERCENT + "%."
                : disagreeing.size()
                    + " workload(s) disagree with it by more than "
                    + Agreement.TOLERANCE_PERCENT
                    + "%, each explained in its section: "
                    + String.join("; ", disagreeing)
                    + "."));
    for (Section s : sections) {
      md.append('\n').append(section(s, "benchmarks/"));
    }
    if (!legacy.isBlank()) {
      md.append('\n').append(legacy.strip()).append('\n');
    }
    return md.toString();
  }

  /** One section as markdown; {@code chartPath} prefixes the chart files (null: no charts). */
  public static String section(Section s, String chartPath) {
    StringBuilder md = new StringBuilder();
    md.append("## ").append(s.title()).append("\n\n");
    if (!s.description().isBlank()) {
      md.append(s.description().strip()).append("\n\n");
    }
    md.append("- Command: `").append(s.command()).append("`\n");
    md.append("- Commit: `").append(s.commit()).append("`\n");
    md.append("- Date: ")
        .append(s.date())
        .append(String.format(Locale.ROOT, ", wall time %s%n", duration(s.wallSeconds())));
    md.append("- Machine: ").append(s.machine()).append('\n');
    md.append("- Load average (1, 5, 15 min) at the start: ")
        .append(s.loadStart())
        .append("; at the end: ")
        .append(s.loadEnd())
        .append(" (other work shares the machine)\n\n");
    if (chartPath != null) {
      md.append("![")
          .append(s.title())
          .append(": ratios per workload](")
          .append(chartPath)
          .append(Charts.ratiosFile(s))
          .append(")\n");
      md.append("![")
          .append(s.title())
          .append(": per round](")
          .append(chartPath)
          .append(Charts.roundsFile(s))
          .append(")\n\n");
    }
    md.append("| workload | unit | anchor | anchor per round | ours | ours per round |")
        .append(" ratio per round | median ratio | min – max | goal |\n");
    md.append("|---|---|---|---|---|---|---|---:|---|---|\n");
    for (Workload w : s.workloads()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s | **%sx** | %.2f – %.2f | %s |%n",
              w.name(),
              w.unit() + (w.higherIsBetter() ? "" : " (less is better)"),
              w.anchorLabel(),
              w.ratiosOnly() ? "ratios only" : figures(w.anchor()),
              w.oursLabel(),
              w.ratiosOnly() ? "ratios only" : figures(w.ours()),
              w.ratios().rounds("%.2f"),
              medianRatio(w),
              w.ratios().min(),
              w.ratios().max(),
              w.goal() == null ? "–" : w.goal().text(w.unit()) + ": " + verdict(w)));
    }
    if (!s.figures().isEmpty()) {
      md.append("\nOurs alone (the anchor has no counterpart):\n\n");
      md.append("| figure | unit | per round | median | min – max |\n");
      md.append("|---|---|---|---:|---|\n");
      for (Figure f : s.figures()) {
        Series r = f.rounds();
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s |%n",
                f.name(),
                f.unit(),
                r.rounds(format(r)),
                String.format(Locale.ROOT, format(r), r.median()),
                r.range(format(r))));
      }
    }
    if (!s.notes().isBlank()) {
      md.append('\n').append(s.notes().strip()).append('\n');
    }
    if (!s.agreement().isEmpty()) {
      md.append("\nAgainst the previous run of this benchmark (median ratios, tolerance ")
          .append(Agreement.TOLERANCE_PERCENT)
          .append("%):\n\n");
      md.append("| workload | previous | this run | change | agrees | why not |\n");
      md.append("|---|---:|---:|---:|---|---|\n");
      for (Agreement.Row r : s.agreement()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %.2fx | %.2fx | %+.0f%% | %s | %s |%n",
                r.workload(),
                r.previous(),
                r.current(),
                r.change() * 100,
                r.agrees() ? "yes" : "**no**",
                r.why().isEmpty() ? "" : r.why()));
      }
    }
    return md.toString();
  }

  private static String format(Series s) {
    return s.median() >= 100 ? "%.0f" : s.median() >= 10 ? "%.1f" : "%.3g";
  }

  private static String figures(Series s) {
    String format = format(s);
    return s.rounds(format) + " (median " + String.format(Locale.ROOT, format, s.median()) + ")";
  }

  /**
   * The median ratio as the page prints it: with two decimals, or with as many more as it takes to
   * keep it on the side of its goal's bound where the verdict puts it (a median of 0.9488 against ≥
   * 0.95x prints as 0.949, not as 0.95 beside "not met").
   */
  static String medianRatio(Workload w) {
    double median = w.ratios().median();
    Goal goal = w.goal();
    String text = String.format(Locale.ROOT, "%.2f", median);
    if (goal == null || goal.onDifference()) {
      return text;
    }
    for (int decimals = 3;
        decimals <= 6 && goal.metBy(Double.parseDouble(text)) != goal.metBy(median);
        decimals++) {
      text = String.format(Locale.ROOT, "%." + decimals + "f", median);
    }
    return text;
  }

  private static String verdict(Workload w) {
    return String.format(
        Locale.ROOT,
        "%s (%d of %d rounds)",
        w.goalMet() ? "**met**" : "**not met**",
        w.roundsMeetingGoal(),
        w.ratios().size());
  }

  private static Agreement.Row agreementOf(Section s, Workload w) {
    for (Agreement.Row r : s.agreement()) {
      if (r.workload().equals(w.name())) {
        return r;
      }
    }
    return null;
  }

  private static String agreementCell(Agreement.Row r) {
    if (r == null) {
      return "(no previous run)";
    }
    return String.format(
        Locale.ROOT,
        "%s (%.2fx before, %+.0f%%)",
        r.agrees() ? "agrees" : "**differs**",
        r.previous(),
        r.change() * 100);
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
  }

  /** GitHub's anchor for a heading. */
  static String anchorOf(String title) {
    return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").trim().replace(' ', '-');
  }

  /**
   * The {@code ## } sections of an older page whose titles no generated section has (and that are
   * not the summary): kept verbatim, so a partial run never drops figures it did not produce.
   */
  static String legacySections(String oldPage, List<Section> generated) {
    List<String> titles = new ArrayList<>();
    titles.add("Summary");
    for (Section s : generated) {
      titles.add(s.title());
    }
    StringBuilder kept = new StringBuilder();
    boolean keeping = false;
    for (String line : oldPage.split("\n", -1)) {
      if (line.startsWith("## ")) {
        keeping = !titles.contains(line.substring(3).trim());
      }
      if (keeping) {
        kept.append(line).append('\n');
      }
    }
    return kept.toString();
  }
}
