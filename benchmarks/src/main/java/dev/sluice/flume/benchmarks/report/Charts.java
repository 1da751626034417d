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

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of a section, drawn with XChart and written as SVG (no display needed: AWT runs
 * headless): the ratios ours / anchor of every workload as boxes (median, quartiles, min – max over
 * the rounds), and the primary figure per round, ours solid and the anchor dashed (the ratio per
 * round for a {@link Workload#ratiosOnly()} workload).
 */
final class Charts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 480;
  private static final BasicStroke DASHED =
      new BasicStroke(
          1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {6, 4}, 0);
  private static final BasicStroke SOLID = new BasicStroke(2f);

  private Charts() {}

  /** The file name of a section's ratio chart. */
  static String ratiosFile(Section s) {
    return s.name() + "-ratios.svg";
  }

  /** The file name of a section's per-round chart. */
  static String roundsFile(Section s) {
    return s.name() + "-rounds.svg";
  }

  /** The file name of the page's summary chart. */
  static final String SUMMARY_FILE = "goals.svg";

  /**
   * The page's summary: for every workload with a goal on its ratio, how far its median is from the
   * goal, oriented so that 1.0 or more meets it (the median over the bound for "at least", the
   * bound over the median for "at most"). Null when no section has such a goal.
   */
  static CategoryChart summary(List<Section> sections) {
    List<String> names = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    for (Section s : sections) {
      for (Workload w : s.workloads()) {
        Goal g = w.goal();
        if (g == null || g.onDifference()) {
          continue;
        }
        double median = w.ratios().median();
        names.add(s.name() + ": " + w.name());
        scores.add(g.kind() == Goal.Kind.RATIO_AT_LEAST ? median / g.bound() : g.bound() / median);
      }
    }
    if (names.isEmpty()) {
      return null;
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT + 260)
            .title("Goals: median ratio against its goal (1.0 or more: met)")
            .yAxisTitle("median ÷ goal (for at most: goal ÷ median)")
            .build();
    style(chart.getStyler());
    chart.getStyler().setXAxisLabelRotation(90);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    chart.getStyler().setOverlapped(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setYAxisMin(0.0);
    CategorySeries bars = chart.addSeries("median against goal", names, scores);
    bars.setFillColor(PALETTE[0]);
    List<Double> ones = new ArrayList<>();
    names.forEach(n -> ones.add(1.0));
    CategorySeries goal = chart.addSeries("goal", names, ones);
    goal.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
    goal.setLineColor(PALETTE[3]);
    goal.setLineStyle(DASHED);
    goal.setMarker(SeriesMarkers.NONE);
    return chart;
  }

  /** Writes the summary chart into {@code dir}, or removes it when there is none. */
  static void writeSummary(List<Section> sections, Path dir) throws IOException {
    Files.createDirectories(dir);
    CategoryChart chart = summary(sections);
    if (chart == null) {
      Files.deleteIfExists(dir.resolve(SUMMARY_FILE));
    } else {
      save(chart, dir.resolve(SUMMARY_FILE));
    }
  }

  /** Writes both charts of the section into {@code dir}. */
  static void write(Section s, Path dir) throws IOException {
    Files.createDirectories(dir);
    save(ratios(s), dir.resolve(ratiosFile(s)));
    save(rounds(s), dir.resolve(roundsFile(s)));
  }

  static BoxChart ratios(Section s) {
    BoxChart chart =
        new BoxChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(s.title() + ": ours / anchor per round")
            .yAxisTitle("ratio ours / anchor")
            .build();
    style(chart.getStyler());
    chart.getStyler().setXAxisLabelRotation(20);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    chart.getStyler().setLegendVisible(false);
    for (Workload w : s.workloads()) {
      chart.addSeries(w.name(), w.ratios().values());
    }
    return chart;
  }

  static XYChart rounds(Section s) {
    String unit = s.workloads().get(0).unit();
    boolean ratiosOnly = true;
    for (Workload w : s.workloads()) {
      ratiosOnly &= w.ratiosOnly() || !w.unit().equals(unit);
    }
    String yTitle = ratiosOnly ? "ratio ours / anchor" : unit;
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(
                s.title()
                    + (ratiosOnly ? ": ratio per round" : ": " + unit + " per round")
                    + " (solid ours, dashed anchor)")
            .xAxisTitle("round")
            .yAxisTitle(yTitle)
            .build();
    style(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.getStyler().setYAxisDecimalPattern(ratiosOnly ? "0.00" : "#,##0");
    int colour = 0;
    for (Workload w : s.workloads()) {
      Color c = PALETTE[colour++ % PALETTE.length];
      if (ratiosOnly) {
        add(chart, w.name() + " (ratio)", w.ratios(), c, SOLID);
      } else if (w.unit().equals(unit) && !w.ratiosOnly()) {
        add(chart, w.name() + ": " + w.oursLabel(), w.ours(), c, SOLID);
        add(chart, w.name() + ": " + w.anchorLabel(), w.anchor(), c, DASHED);
      }
    }
    return chart;
  }

  private static void add(XYChart chart, String name, Series values, Color c, BasicStroke line) {
    List<Integer> x = new ArrayList<>();
    for (int i = 1; i <= values.size(); i++) {
      x.add(i);
    }
    XYSeries series = chart.addSeries(unique(chart, name), x, values.values());
    series.setLineColor(c);
    series.setMarkerColor(c);
    series.setLineStyle(line);
    series.setMarker(SeriesMarkers.CIRCLE);
  }

  private static String unique(XYChart chart, String name) {
    String n = name;
    for (int i = 2; chart.getSeriesMap().containsKey(n); i++) {
      n = name + " (" + i + ")";
    }
    return n;
  }

  private static void style(Styler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setLegendBorderColor(Color.LIGHT_GRAY);
    styler.setChartTitleBoxVisible(false);
  }

  private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
    Files.write(
        file, compact(out.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * XChart draws text as outlines, with coordinates to many decimals: rounded to a tenth of a pixel
   * (invisible) the files are about half the size; clip ids numbered in order, so that the same
   * figures give the same file.
   */
  static String compact(String svg) {
    String rounded = DECIMALS.matcher(svg).replaceAll("$1");
    Matcher m = CLIP_ID.matcher(rounded);
    Map<String, String> ids = new HashMap<>();
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String id = ids.computeIfAbsent(m.group(), k -> "clip" + ids.size());
      m.appendReplacement(sb, id);
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static final Pattern DECIMALS = Pattern.compile("(\\d\\.\\d)\\d+");
  private static final Pattern CLIP_ID = Pattern.compile("clip-?\\d+");

  private static final Color[] PALETTE = {
    new Color(0x1f77b4),
    new Color(0xff7f0e),
    new Color(0x2ca02c),
    new Color(0xd62728),
    new Color(0x9467bd),
    new Color(0x8c564b),
    new Color(0xe377c2),
    new Color(0x7f7f7f),
    new Color(0xbcbd22),
    new Color(0x17becf),
  };
}
